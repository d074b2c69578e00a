/**
 * The Zero Trust pack: which checks run, and the wording, severity and pillar of each. Rule files hold only logic and
 * references (cdk-nag's split: the rule decides, the pack explains). `docs/policy-rules.md` is generated from here.
 */
import { Rule, RuleCheck, RuleWording } from './engine';
import ZT_APP_001 from './rules/app-service/ZT-APP-001';
import ZT_APP_002 from './rules/app-service/ZT-APP-002';
import ZT_APP_003 from './rules/app-service/ZT-APP-003';
import ZT_APP_004 from './rules/app-service/ZT-APP-004';
import ZT_APP_005 from './rules/app-service/ZT-APP-005';
import ZT_APP_006 from './rules/app-service/ZT-APP-006';
import ZT_APP_007 from './rules/app-service/ZT-APP-007';
import ZT_DATA_001 from './rules/key-vault/ZT-DATA-001';
import ZT_DATA_002 from './rules/key-vault/ZT-DATA-002';
import ZT_DATA_003 from './rules/key-vault/ZT-DATA-003';
import ZT_DATA_004 from './rules/key-vault/ZT-DATA-004';
import ZT_DATA_005 from './rules/key-vault/ZT-DATA-005';
import ZT_DATA_006 from './rules/key-vault/ZT-DATA-006';
import ZT_DATA_007 from './rules/key-vault/ZT-DATA-007';
import ZT_DATA_010 from './rules/storage/ZT-DATA-010';
import ZT_DATA_011 from './rules/storage/ZT-DATA-011';
import ZT_DATA_012 from './rules/storage/ZT-DATA-012';
import ZT_DATA_013 from './rules/storage/ZT-DATA-013';
import ZT_DATA_014 from './rules/storage/ZT-DATA-014';
import ZT_DATA_015 from './rules/storage/ZT-DATA-015';
import ZT_DATA_016 from './rules/storage/ZT-DATA-016';
import ZT_DATA_017 from './rules/storage/ZT-DATA-017';
import ZT_DATA_020 from './rules/sql/ZT-DATA-020';
import ZT_DATA_021 from './rules/sql/ZT-DATA-021';
import ZT_DATA_022 from './rules/sql/ZT-DATA-022';
import ZT_DATA_023 from './rules/sql/ZT-DATA-023';
import ZT_DATA_024 from './rules/sql/ZT-DATA-024';
import ZT_DATA_030 from './rules/cosmos-db/ZT-DATA-030';
import ZT_ID_001 from './rules/identity/ZT-ID-001';
import ZT_ID_002 from './rules/identity/ZT-ID-002';
import ZT_ID_003 from './rules/identity/ZT-ID-003';
import ZT_ID_004 from './rules/identity/ZT-ID-004';
import ZT_ID_005 from './rules/identity/ZT-ID-005';
import ZT_ID_006 from './rules/identity/ZT-ID-006';
import ZT_ID_007 from './rules/identity/ZT-ID-007';
import ZT_ID_008 from './rules/identity/ZT-ID-008';
import ZT_ID_009 from './rules/identity/ZT-ID-009';
import ZT_ID_010 from './rules/identity/ZT-ID-010';
import ZT_ID_020 from './rules/rbac/ZT-ID-020';
import ZT_ID_021 from './rules/rbac/ZT-ID-021';
import ZT_ID_022 from './rules/rbac/ZT-ID-022';
import ZT_ID_023 from './rules/pim/ZT-ID-023';
import ZT_ID_024 from './rules/pim/ZT-ID-024';
import ZT_ID_025 from './rules/pim/ZT-ID-025';
import ZT_ID_026 from './rules/pim/ZT-ID-026';
import ZT_INF_001 from './rules/platform/ZT-INF-001';
import ZT_INF_002 from './rules/platform/ZT-INF-002';
import ZT_INF_003 from './rules/platform/ZT-INF-003';
import ZT_INF_004 from './rules/platform/ZT-INF-004';
import ZT_INF_005 from './rules/platform/ZT-INF-005';
import ZT_INF_006 from './rules/platform/ZT-INF-006';
import ZT_INF_007 from './rules/platform/ZT-INF-007';
import ZT_INF_008 from './rules/platform/ZT-INF-008';
import ZT_INF_009 from './rules/platform/ZT-INF-009';
import ZT_NET_001 from './rules/segmentation/ZT-NET-001';
import ZT_NET_002 from './rules/segmentation/ZT-NET-002';
import ZT_NET_003 from './rules/segmentation/ZT-NET-003';
import ZT_NET_004 from './rules/segmentation/ZT-NET-004';
import ZT_NET_005 from './rules/segmentation/ZT-NET-005';
import ZT_NET_006 from './rules/segmentation/ZT-NET-006';
import ZT_NET_007 from './rules/segmentation/ZT-NET-007';
import ZT_NET_008 from './rules/segmentation/ZT-NET-008';
import ZT_NET_009 from './rules/segmentation/ZT-NET-009';
import ZT_NET_010 from './rules/segmentation/ZT-NET-010';
import ZT_NET_011 from './rules/segmentation/ZT-NET-011';
import ZT_NET_012 from './rules/segmentation/ZT-NET-012';
import ZT_NET_013 from './rules/segmentation/ZT-NET-013';
import ZT_NET_014 from './rules/segmentation/ZT-NET-014';
import ZT_NET_015 from './rules/segmentation/ZT-NET-015';
import ZT_NET_016 from './rules/segmentation/ZT-NET-016';
import ZT_NET_017 from './rules/segmentation/ZT-NET-017';
import ZT_NET_018 from './rules/segmentation/ZT-NET-018';
import ZT_NET_020 from './rules/firewall/ZT-NET-020';
import ZT_NET_021 from './rules/firewall/ZT-NET-021';
import ZT_NET_022 from './rules/firewall/ZT-NET-022';
import ZT_NET_023 from './rules/firewall/ZT-NET-023';
import ZT_NET_024 from './rules/firewall/ZT-NET-024';
import ZT_NET_025 from './rules/firewall/ZT-NET-025';
import ZT_NET_026 from './rules/firewall/ZT-NET-026';
import ZT_NET_027 from './rules/firewall/ZT-NET-027';
import ZT_NET_030 from './rules/bastion/ZT-NET-030';
import ZT_NET_031 from './rules/bastion/ZT-NET-031';
import ZT_NET_032 from './rules/bastion/ZT-NET-032';
import ZT_NET_033 from './rules/bastion/ZT-NET-033';
import ZT_NET_040 from './rules/ddos/ZT-NET-040';
import ZT_NET_050 from './rules/private-link/ZT-NET-050';
import ZT_NET_051 from './rules/private-link/ZT-NET-051';
import ZT_NET_052 from './rules/private-link/ZT-NET-052';
import ZT_NET_053 from './rules/private-link/ZT-NET-053';
import ZT_NET_054 from './rules/private-link/ZT-NET-054';
import ZT_NET_060 from './rules/application-gateway/ZT-NET-060';
import ZT_NET_061 from './rules/application-gateway/ZT-NET-061';
import ZT_NET_062 from './rules/application-gateway/ZT-NET-062';
import ZT_NET_063 from './rules/application-gateway/ZT-NET-063';
import ZT_NET_064 from './rules/application-gateway/ZT-NET-064';
import ZT_NET_065 from './rules/application-gateway/ZT-NET-065';
import ZT_VIS_001 from './rules/log-analytics/ZT-VIS-001';
import ZT_VIS_002 from './rules/log-analytics/ZT-VIS-002';
import ZT_VIS_003 from './rules/log-analytics/ZT-VIS-003';
import ZT_VIS_010 from './rules/diagnostics/ZT-VIS-010';
import ZT_VIS_011 from './rules/diagnostics/ZT-VIS-011';
import ZT_VIS_012 from './rules/diagnostics/ZT-VIS-012';
import ZT_VIS_013 from './rules/diagnostics/ZT-VIS-013';
import ZT_VIS_014 from './rules/diagnostics/ZT-VIS-014';
import ZT_VIS_015 from './rules/diagnostics/ZT-VIS-015';
import ZT_VIS_016 from './rules/diagnostics/ZT-VIS-016';
import ZT_VIS_017 from './rules/diagnostics/ZT-VIS-017';
import ZT_VIS_020 from './rules/flow-logs/ZT-VIS-020';
import ZT_VIS_021 from './rules/flow-logs/ZT-VIS-021';
import ZT_VIS_022 from './rules/flow-logs/ZT-VIS-022';
import ZT_VIS_030 from './rules/defender/ZT-VIS-030';
import ZT_VIS_031 from './rules/defender/ZT-VIS-031';
import ZT_VIS_032 from './rules/defender/ZT-VIS-032';
import ZT_VIS_033 from './rules/defender/ZT-VIS-033';
import ZT_VIS_034 from './rules/defender/ZT-VIS-034';
import ZT_VIS_035 from './rules/defender/ZT-VIS-035';
import ZT_VIS_040 from './rules/sentinel/ZT-VIS-040';
import ZT_VIS_041 from './rules/sentinel/ZT-VIS-041';

type W = [RuleWording['severity'], RuleWording['pillar'], string, string, string];

/** severity, pillar, title, rationale, fix. */
const WORDING: Record<string, W> = {
  'ZT-APP-001': [
    'high',
    'applications',
    'App Service apps accept HTTPS only',
    'Plain HTTP exposes sessions and tokens.',
    'Set https_only = true.',
  ],
  'ZT-APP-002': [
    'medium',
    'applications',
    'App Service apps require TLS 1.2 or later',
    'TLS 1.0/1.1 are deprecated and vulnerable.',
    'Set site_config.minimum_tls_version = "1.2".',
  ],
  'ZT-APP-003': [
    'medium',
    'applications',
    'App Service apps disable FTP/FTPS',
    'FTP deployment uses basic credentials outside Entra ID.',
    'Set site_config.ftps_state = "Disabled"; deploy with Entra ID (zip deploy, pipelines).',
  ],
  'ZT-APP-004': [
    'high',
    'applications',
    'App Service apps have no public network access',
    'Apps are published through the ingress path (firewall or Application Gateway) or private endpoints, not directly.',
    'Set public_network_access_enabled = false and add a private endpoint (sub-resource sites).',
  ],
  'ZT-APP-005': [
    'medium',
    'applications',
    'App Service apps have a managed identity',
    'Without an identity, apps hold secrets to reach Key Vault, SQL or Storage.',
    'Add identity { type = "UserAssigned" } with a UserAssignedIdentity and grant it least-privilege roles.',
  ],
  'ZT-APP-006': [
    'medium',
    'applications',
    'App Service apps use VNet integration',
    'Without VNet integration, outbound calls leave from shared App Service addresses, bypassing the firewall.',
    'Set virtual_network_subnet_id to the spoke appServiceIntegration subnet (appServiceIntegrationEnabled: true).',
  ],
  'ZT-APP-007': [
    'medium',
    'applications',
    'App Service remote debugging is off',
    'Remote debugging opens extra inbound ports and grants code-level access.',
    'Set site_config.remote_debugging_enabled = false.',
  ],
  'ZT-DATA-001': [
    'high',
    'data',
    'Key Vaults use RBAC authorization',
    'Access policies are vault-wide and invisible to Azure RBAC reviews and PIM; RBAC scopes access down to one secret.',
    'Set rbac_authorization_enabled = true (KeyVault does) and grant with grantSecretRead/grantSecretsRead.',
  ],
  'ZT-DATA-002': [
    'high',
    'data',
    'Key Vaults have purge protection',
    'Without purge protection a compromised identity can delete and purge keys irrecoverably.',
    'Set purge_protection_enabled = true (KeyVault does).',
  ],
  'ZT-DATA-003': [
    'medium',
    'data',
    'Key Vault soft delete keeps 90 days',
    'Short retention narrows the window to notice and recover a malicious deletion.',
    'Set soft_delete_retention_days = 90 (KeyVault does).',
  ],
  'ZT-DATA-004': [
    'high',
    'data',
    'Key Vaults have no public network access',
    'A public endpoint exposes the data plane to the Internet, protected only by identity.',
    'Set public_network_access_enabled = false and add a private endpoint (KeyVault.addPrivateEndpoint).',
  ],
  'ZT-DATA-005': [
    'high',
    'data',
    'Key Vault network ACLs deny by default',
    'With default Allow, the vault firewall admits every network.',
    'Set network_acls.default_action = "Deny" (KeyVault does).',
  ],
  'ZT-DATA-006': [
    'high',
    'data',
    'Every Key Vault has a private endpoint',
    'With public access off, a vault without a private endpoint is unreachable, or someone turns public access back on.',
    'Call KeyVault.addPrivateEndpoint into the spoke or hub private-endpoint subnet.',
  ],
  'ZT-DATA-007': [
    'low',
    'data',
    'Key Vault secrets have an expiration date',
    'A secret without an expiry works forever once leaked, and nothing forces its rotation.',
    'Set expiration_date on the azurerm_key_vault_secret and rotate before it.',
  ],
  'ZT-DATA-010': [
    'high',
    'data',
    'Storage accounts have no public network access',
    'A public storage endpoint exposes data to the Internet, protected only by identity or keys.',
    'Set public_network_access_enabled = false and add a private endpoint.',
  ],
  'ZT-DATA-011': [
    'high',
    'data',
    'Storage accounts disable shared keys',
    'Account keys grant full access, cannot be scoped, and bypass Entra ID, Conditional Access and audit.',
    'Set shared_access_key_enabled = false; grant Storage Blob Data roles instead.',
  ],
  'ZT-DATA-012': [
    'medium',
    'data',
    'Storage accounts require TLS 1.2',
    'TLS 1.0/1.1 are deprecated and vulnerable.',
    'Set min_tls_version = "TLS1_2".',
  ],
  'ZT-DATA-013': [
    'high',
    'data',
    'Storage accounts accept HTTPS only',
    'HTTP exposes data and SAS tokens in transit.',
    'Set https_traffic_only_enabled = true (azurerm 4; enable_https_traffic_only in 3.x).',
  ],
  'ZT-DATA-014': [
    'low',
    'data',
    'Storage accounts use infrastructure encryption',
    'A second, independent encryption layer protects against a compromise of one algorithm or key.',
    'Set infrastructure_encryption_enabled = true (at creation; it cannot be changed later).',
  ],
  'ZT-DATA-015': [
    'high',
    'data',
    'Storage accounts forbid anonymous blob access',
    'Anonymous containers publish data to anyone with the URL.',
    'Set allow_nested_items_to_be_public = false (allow_blob_public_access in azurerm 2.x).',
  ],
  'ZT-DATA-016': [
    'high',
    'data',
    'Every storage account has a private endpoint',
    'With public access off, clients need a private endpoint for each sub-resource they use.',
    'Add a private endpoint per used sub-resource (blob, file, queue, table, dfs).',
  ],
  'ZT-DATA-017': [
    'medium',
    'data',
    'Storage network rules deny by default',
    'With default Allow, the storage firewall admits every network.',
    'Set network_rules.default_action = "Deny".',
  ],
  'ZT-DATA-020': [
    'high',
    'data',
    'Azure SQL servers have no public network access',
    'A public SQL endpoint is scanned and brute-forced continuously.',
    'Set public_network_access_enabled = false and add a private endpoint.',
  ],
  'ZT-DATA-021': [
    'high',
    'data',
    'Azure SQL servers allow Entra ID authentication only',
    'SQL logins are passwords outside Entra ID: no MFA, no Conditional Access, no PIM.',
    'Set azuread_administrator.azuread_authentication_only = true.',
  ],
  'ZT-DATA-022': [
    'medium',
    'data',
    'Azure SQL servers require TLS 1.2',
    'TLS 1.0/1.1 are deprecated and vulnerable.',
    'Set minimum_tls_version = "1.2".',
  ],
  'ZT-DATA-023': [
    'medium',
    'data',
    'Azure SQL servers have auditing',
    'Without auditing, data access cannot be investigated.',
    'Add azurerm_mssql_server_extended_auditing_policy with log_monitoring_enabled = true and a diagnostic setting on the master database.',
  ],
  'ZT-DATA-024': [
    'high',
    'data',
    'Every Azure SQL server has a private endpoint',
    'With public access off, clients need a private endpoint.',
    'Add a private endpoint (sub-resource sqlServer) in the spoke private-endpoint subnet.',
  ],
  'ZT-DATA-030': [
    'high',
    'data',
    'Cosmos DB accounts have no public network access',
    'A public endpoint exposes the account to the Internet; keys or tokens alone then protect the data.',
    'Set public_network_access_enabled = false and reach the account through a private endpoint.',
  ],
  'ZT-ID-001': [
    'high',
    'identity',
    'Conditional Access policies exclude the break-glass group',
    'A policy that also applies to the emergency accounts can lock every administrator out of the tenant.',
    'Exclude the break-glass group in every policy (ConditionalAccessPolicy does from BreakGlass).',
  ],
  'ZT-ID-002': [
    'high',
    'identity',
    'Legacy authentication is blocked',
    'Legacy protocols cannot do MFA and are the main password-spray path.',
    'Enable the block-legacy-authentication policy (CA001) for all users and apps.',
  ],
  'ZT-ID-003': [
    'high',
    'identity',
    'MFA is required for all users',
    'Passwords alone are phished and sprayed; MFA stops most account takeovers.',
    'Enable the MFA policy (CA003) for all users and apps; roll out in report-only first with a dated suppression.',
  ],
  'ZT-ID-004': [
    'high',
    'identity',
    'Administrators use phishing-resistant MFA',
    'Push and OTP MFA are phished by adversary-in-the-middle kits; administrators are the target.',
    'Enable the administrator policy (CA200) with the phishing-resistant authentication strength.',
  ],
  'ZT-ID-005': [
    'high',
    'identity',
    'High-risk users are blocked',
    'A user Entra ID Protection rates high risk is most likely compromised.',
    'Enable the high user risk policy (CA004).',
  ],
  'ZT-ID-006': [
    'high',
    'identity',
    'High-risk sign-ins are blocked',
    'A sign-in rated high risk is most likely an attacker.',
    'Enable the high sign-in risk policy (CA005).',
  ],
  'ZT-ID-007': [
    'high',
    'identity',
    'Administrator roles are eligible, not permanent',
    'Standing privilege turns every compromised admin account into a tenant compromise; PIM makes it just in time.',
    'Replace the assignment with an eligibility (EligibleRoleAssignment), or a PIM-for-Groups group; only break-glass Global Administrators stay permanent.',
  ],
  'ZT-ID-008': [
    'medium',
    'identity',
    'Two to eight Global Administrators',
    'Fewer than two risks lockout; more than eight widens the most privileged attack surface.',
    'Adjust identity.globalAdministrators / break-glass accounts.',
  ],
  'ZT-ID-009': [
    'low',
    'identity',
    'Device code flow is blocked',
    'Device code phishing hands a signed-in session to the attacker.',
    'Enable the block-device-code-flow policy (CA002).',
  ],
  'ZT-ID-010': [
    'critical',
    'identity',
    'No literal passwords in code',
    'A password in synthesized JSON is in git history and plans forever.',
    'Take the password from a sensitive TerraformVariable (as BreakGlass does).',
  ],
  'ZT-ID-020': [
    'critical',
    'identity',
    'No privileged role for workload identities',
    'A workload identity with Owner/Contributor/UAA turns an app compromise into control of everything in scope; on a resource it can also rewrite its network and identity settings.',
    'Grant the data-plane role it needs (RoleAssignment names it); a deliberate exception needs privilegedRoleReason, recorded as a suppression.',
  ],
  'ZT-ID-021': [
    'medium',
    'identity',
    'Role assignments state their principal type',
    'principal_type makes the grantee kind reviewable and avoids failures while a new identity replicates.',
    'Set principal_type (RoleAssignment does).',
  ],
  'ZT-ID-022': [
    'medium',
    'identity',
    'Custom roles grant no wildcard actions',
    'A custom role with * is Owner by another name.',
    'List the actions the role needs.',
  ],
  'ZT-ID-023': [
    'high',
    'identity',
    'PIM activations last at most 4 hours',
    'An activated role is a standing role for as long as it lasts; a stolen session with 8 hours of Owner is a long breach window.',
    'Set activation_rules.maximum_duration to PT4H or less (privilegedAccess.azureRoles.maximumActivation, identity.pim.groupActivation.maximumDuration).',
  ],
  'ZT-ID-024': [
    'high',
    'identity',
    'PIM activations require MFA and a justification',
    'Without MFA a stolen password activates the role; without a justification nobody can tell a legitimate activation from an attack.',
    'Set activation_rules.require_multifactor_authentication (or an authentication context) and require_justification (AzureRolePimPolicy and PrivilegedAccessGroupPolicy do).',
  ],
  'ZT-ID-025': [
    'critical',
    'identity',
    'No standing Owner or User Access Administrator',
    'A permanent Owner or UAA can grant itself anything at any time, with no activation to notice.',
    'Make the principal eligible instead (privilegedAccess.azureRoles.eligibleAssignments); only the deployment identity holds Owner standing.',
  ],
  'ZT-ID-026': [
    'high',
    'identity',
    'Privileged Azure roles are PIM-managed on every subscription',
    'Without a role management policy, activations of Owner, UAA, Contributor and RBAC Administrator keep the tenant defaults: 8 hours, no justification.',
    'Keep privilegedAccess.azureRoles.enabled (AzureRolePimPolicy per role and subscription), or record why with a suppression.',
  ],
  'ZT-INF-001': [
    'low',
    'infrastructure',
    'Resources carry the required tags',
    'Untagged resources have no owner to call during an incident and escape inventory.',
    'The RequiredTags aspect tags every resource of a LandingZoneStack; set tags on resources created elsewhere.',
  ],
  'ZT-INF-002': [
    'medium',
    'infrastructure',
    'Destroy never purges Key Vaults',
    'With the provider default, terraform destroy purges soft-deleted vaults and their keys.',
    'Set features.key_vault.purge_soft_delete_on_destroy = false (LandingZoneStack does).',
  ],
  'ZT-INF-003': [
    'medium',
    'infrastructure',
    'Resource groups with resources are not deleted',
    'Deleting a resource group also deletes resources created outside Terraform.',
    'Keep features.resource_group.prevent_deletion_if_contains_resources = true.',
  ],
  'ZT-INF-004': [
    'medium',
    'infrastructure',
    'The provider uses Entra ID for storage',
    'Key-based storage calls need shared keys enabled (ZT-DATA-011).',
    'Set storage_use_azuread = true on the provider (LandingZoneStack does).',
  ],
  'ZT-INF-005': [
    'high',
    'infrastructure',
    'Remote state uses Entra ID authentication',
    'State holds secrets; access keys bypass RBAC and audit.',
    'Set use_azuread_auth = true and remove access_key / sas_token (backend: { type: azurerm }).',
  ],
  'ZT-INF-006': [
    'high',
    'infrastructure',
    'Production state holding secrets is remote',
    'State holds every secret a resource received (break-glass passwords); a local file is copied, backed up and lost with the laptop.',
    'Create the state storage (npm run bootstrap -- --env <env>) and set backend: { type: azurerm, ... } in the environment or tenant file.',
  ],
  'ZT-INF-007': [
    'low',
    'infrastructure',
    'State holding secrets is remote outside production too',
    'A local state file with secrets is one copy away from a leak, even in dev.',
    'Use the azurerm backend (npm run bootstrap) for stacks with secrets, or keep the file out of backups and shares.',
  ],
  'ZT-INF-008': [
    'medium',
    'infrastructure',
    'Resources are deployed to allowed regions',
    'Data residency and the platform\'s regional controls (firewall, DNS, flow logs) hold only in the regions it covers.',
    'Deploy to a region of governance.allowedLocations in the tenant config, or add the region there after review.',
  ],
  'ZT-INF-009': [
    'low',
    'infrastructure',
    'Resources are in their resource group\'s region',
    'A resource group\'s metadata lives in its region; mixed regions make outages and residency reviews harder to reason about.',
    'Create the resource in its resource group\'s location, or use a resource group in the resource\'s region.',
  ],
  'ZT-NET-001': [
    'high',
    'networks',
    'Every subnet has a network security group',
    'A subnet without an NSG admits whatever its routes deliver; segmentation starts at the subnet.',
    'Associate an NSG (NetworkSecurityGroup.associateWithSubnet, or the tier NSGs of ThreeTierSpoke); only AzureFirewallSubnet, AzureFirewallManagementSubnet and GatewaySubnet are exempt.',
  ],
  'ZT-NET-002': [
    'critical',
    'networks',
    'SSH is not open to the Internet',
    'Internet-exposed SSH is brute-forced within minutes; administration goes through Bastion.',
    'Restrict the rule source to AzureBastionSubnet (the tier rules do) or remove it; use Azure Bastion for SSH.',
  ],
  'ZT-NET-003': [
    'critical',
    'networks',
    'RDP is not open to the Internet',
    'Internet-exposed RDP is the most attacked entry point on Azure; administration goes through Bastion.',
    'Restrict the rule source to AzureBastionSubnet or remove it; use Azure Bastion for RDP.',
  ],
  'ZT-NET-004': [
    'critical',
    'networks',
    'Database and cache ports are not open to the Internet',
    'Data stores are reached from the app tier or through private endpoints, never from the Internet.',
    'Restrict the source to the app tier prefix (spoke ports.data) or use a private endpoint; remove Internet/*/0.0.0.0/0 sources.',
  ],
  'ZT-NET-005': [
    'high',
    'networks',
    'No UDP port is open to the Internet',
    'Open UDP services are used for reflection/amplification attacks and are rarely needed from the Internet.',
    'Remove the Internet source from the UDP rule or limit it to known prefixes.',
  ],
  'ZT-NET-006': [
    'critical',
    'networks',
    'No rule opens every port to the Internet',
    'An allow-all inbound rule from the Internet removes the perimeter entirely.',
    'Replace the rule with specific ports and sources (publish through the firewall or an Application Gateway).',
  ],
  'ZT-NET-007': [
    'high',
    'networks',
    'No outbound allow-any rule',
    'Egress is allow-listed by the hub firewall; an NSG allow-any to the Internet lets traffic bypass the review of that allow-list.',
    'Remove the rule; add the destination to spokes[].egress (firewall rules) instead.',
  ],
  'ZT-NET-008': [
    'high',
    'networks',
    'Every NSG has an explicit deny-all inbound rule',
    'With a 0.0.0.0/0 user route Azure widens the VirtualNetwork tag to every address, so the default AllowVnetInBound admits anything; an explicit deny-all closes that.',
    'Add a DenyAllInbound rule (priority 4096, *, *, *), as tierSecurityRules and the Bastion NSG do.',
  ],
  'ZT-NET-009': [
    'high',
    'networks',
    'Every spoke subnet forces egress to the firewall',
    'Without a 0.0.0.0/0 route to the firewall, spoke traffic leaves through Azure\'s default route and escapes inspection.',
    'Associate the spoke route table (RouteTable with the default-via-firewall route) with the subnet.',
  ],
  'ZT-NET-010': [
    'high',
    'networks',
    'Appliance routes point at the hub firewall',
    'A next hop that is not the firewall\'s private IP sends traffic to an unknown appliance, or nowhere.',
    'Use the firewall private IP (ConnectivityStack.hub.firewallPrivateIp) as next_hop_in_ip_address.',
  ],
  'ZT-NET-011': [
    'medium',
    'networks',
    'Spoke route tables ignore gateway (BGP) routes',
    'Routes learned from on-premises can be more specific than 0.0.0.0/0 and bypass the firewall.',
    'Set bgp_route_propagation_enabled = false on the spoke route table (RouteTable does by default).',
  ],
  'ZT-NET-012': [
    'high',
    'networks',
    'No spoke-to-spoke peering',
    'A direct peering between spokes bypasses the firewall and its allow-listed flows.',
    'Remove the peering; declare the flow in spokes[].flows so it goes through the firewall.',
  ],
  'ZT-NET-013': [
    'high',
    'networks',
    'Public IPs only at the hub edge',
    'Every public IP is an entry point; only the firewall, Bastion and gateways in the hub may have one.',
    'Remove the public IP; publish through the firewall (DNAT) or an Application Gateway in the hub.',
  ],
  'ZT-NET-014': [
    'medium',
    'networks',
    'Subnets have no default outbound access',
    'Default outbound access gives VMs an implicit, unmanaged public egress IP (retired by Azure for new VNets).',
    'Set default_outbound_access_enabled = false (HubVirtualNetwork and SpokeVirtualNetwork do).',
  ],
  'ZT-NET-015': [
    'medium',
    'networks',
    'Private endpoint subnets enforce network policies',
    'Without network policies, NSG rules and user routes do not apply to private endpoints, so the data tier is reachable from anywhere in the VNet.',
    'Set private_endpoint_network_policies = "Enabled" on the subnet.',
  ],
  'ZT-NET-016': [
    'low',
    'networks',
    'Public IPs are Standard and static',
    'Basic public IPs are retired and lack zone redundancy and DDoS Network Protection.',
    'Use sku = "Standard" and allocation_method = "Static".',
  ],
  'ZT-NET-017': [
    'high',
    'networks',
    'Spokes admit nothing from the whole Internet',
    'A spoke NSG rule from any source (*, Any, 0.0.0.0/0, Internet) exposes the workload directly, bypassing the firewall, IDPS and TLS inspection.',
    'Name the sources in spokes[].ingress.sources (e.g. an Application Gateway subnet), or publish through the firewall with spokes[].ingress.publish; if Internet-wide ingress is intended, accept it in policySuppressions with the reason.',
  ],
  'ZT-NET-018': [
    'high',
    'networks',
    'Network interfaces have no public IP',
    'A public IP on a NIC bypasses the hub firewall and its inspection: the VM is reachable from the Internet directly.',
    'Remove public_ip_address_id from the ip_configuration; publish through the firewall (ingress.publish) and administer through Bastion.',
  ],
  'ZT-NET-020': [
    'high',
    'networks',
    'Azure Firewall is Premium',
    'IDPS and TLS inspection exist only in Premium; Standard cannot inspect what Zero Trust requires.',
    'Set sku_tier = "Premium" (the firewall takes its tier from the policy; hub.firewall.tier).',
  ],
  'ZT-NET-021': [
    'high',
    'networks',
    'Azure Firewall is managed by a firewall policy',
    'Classic rules and settings on the firewall drift from the reviewed policy.',
    'Set firewall_policy_id (AzureFirewall does, with FirewallPolicy).',
  ],
  'ZT-NET-022': [
    'medium',
    'networks',
    'Firewall policies are Premium',
    'A Standard policy on a Premium firewall silently disables IDPS and TLS inspection.',
    'Set sku = "Premium" on the firewall policy.',
  ],
  'ZT-NET-023': [
    'high',
    'networks',
    'Firewall IDPS blocks',
    'IDPS in Alert mode only logs known attacks; Deny stops them.',
    'Set intrusion_detection.mode = "Deny" (FirewallPolicy does).',
  ],
  'ZT-NET-024': [
    'high',
    'networks',
    'Firewall threat intelligence blocks',
    'Traffic to and from known malicious addresses and domains is only logged in Alert mode.',
    'Set threat_intelligence_mode = "Deny" (FirewallPolicy does).',
  ],
  'ZT-NET-025': [
    'medium',
    'networks',
    'Firewall DNS proxy is on',
    'Spokes resolve through the firewall; FQDN network rules and central private DNS depend on it.',
    'Set dns.proxy_enabled = true (FirewallPolicy does).',
  ],
  'ZT-NET-026': [
    'medium',
    'networks',
    'Firewall TLS inspection has a CA',
    'Without TLS inspection, IDPS and URL filtering see only encrypted payloads.',
    'Import an intermediate CA into the platform Key Vault and set hub.firewall.tlsInspection.certificateSecretId; an environment without a CA suppresses this rule with the reason and an expiry.',
  ],
  'ZT-NET-027': [
    'high',
    'networks',
    'No allow-any firewall rule',
    'An Allow rule for any destination on any port (or any FQDN) turns the egress allow-list into an allow-all.',
    'Name the destinations and ports in spokes[].egress, or remove the rule.',
  ],
  'ZT-NET-030': [
    'medium',
    'networks',
    'Bastion is Standard or Premium',
    'Basic and Developer lack the session controls (shareable links, IP connect, native client) this pack relies on being switchable.',
    'Set sku = "Standard" or "Premium" (hub.bastion.sku).',
  ],
  'ZT-NET-031': [
    'high',
    'networks',
    'Bastion shareable links are off',
    'A shareable link opens a VM session to anyone holding the URL, without Entra ID sign-in.',
    'Set shareable_link_enabled = false (BastionHost does).',
  ],
  'ZT-NET-032': [
    'medium',
    'networks',
    'Bastion IP-based connect is off',
    'IP connect reaches any routable address, including on-premises hosts, outside Azure RBAC on the VM.',
    'Set ip_connect_enabled = false (BastionHost does).',
  ],
  'ZT-NET-033': [
    'low',
    'networks',
    'Bastion native-client tunnelling is off',
    'Native client tunnelling forwards arbitrary ports and bypasses the browser session controls.',
    'Set tunneling_enabled = false, or suppress with the reason an administrator needs it.',
  ],
  'ZT-NET-040': [
    'medium',
    'networks',
    'The hub VNet has DDoS Network Protection',
    'The hub holds the public endpoints (firewall, Bastion); infrastructure-level protection has no tuning, alerting or cost protection.',
    'Enable hub.ddosProtection (or reference an existing plan); an environment that turns it off suppresses this rule with the reason.',
  ],
  'ZT-NET-050': [
    'medium',
    'networks',
    'Private endpoints register in private DNS',
    'Without a zone group, clients resolve the public address and traffic never reaches the endpoint.',
    'Give the endpoint a private_dns_zone_group (PrivateEndpoint does with dnsZones).',
  ],
  'ZT-NET-051': [
    'medium',
    'networks',
    'Private endpoint connections are automatic',
    'A manual connection stays pending until someone approves it outside code review.',
    'Set is_manual_connection = false and grant the deployer the right to approve.',
  ],
  'ZT-NET-052': [
    'low',
    'networks',
    'Private DNS links do not auto-register',
    'Auto-registration writes VM records into Private Link zones, where they can shadow endpoint records.',
    'Set registration_enabled = false on the link (PrivateDnsZones does).',
  ],
  'ZT-NET-053': [
    'medium',
    'networks',
    'Private endpoint DNS zone matches its sub-resource',
    'A zone for another service leaves the endpoint unresolvable and clients fall back to the public endpoint.',
    'Use the zone lib/private-link-zones.ts lists for the service and sub-resource.',
  ],
  'ZT-NET-054': [
    'medium',
    'networks',
    'Private Link zones are linked to a VNet',
    'An unlinked zone resolves nothing; clients get the public address.',
    'Link the zone to the hub VNet (PrivateDnsZones does) or to the spoke with PrivateDnsZoneLinks.',
  ],
  'ZT-NET-060': [
    'high',
    'networks',
    'Application Gateways are WAF_v2 with a WAF policy',
    'A gateway without an enabled WAF passes SQL injection, XSS and bot traffic straight to the app.',
    'Use sku WAF_v2 and attach an enabled azurerm_web_application_firewall_policy (ApplicationGateway does both).',
  ],
  'ZT-NET-061': [
    'high',
    'networks',
    'WAF policies block (Prevention mode)',
    'Detection mode only logs attacks; the payload still reaches the app.',
    'Set policy_settings.mode = "Prevention" (WebApplicationFirewallPolicy does).',
  ],
  'ZT-NET-062': [
    'medium',
    'networks',
    'WAF policies run a current rule set and bot protection',
    'Older rule sets miss current attack patterns and lack the new WAF engine; bots probe for weaknesses at scale.',
    'Use Microsoft_DefaultRuleSet 2.1 (or OWASP 3.2) plus Microsoft_BotManagerRuleSet.',
  ],
  'ZT-NET-063': [
    'medium',
    'networks',
    'WAF policies inspect request bodies',
    'Without body inspection, injection payloads in POST bodies are never matched.',
    'Set policy_settings.request_body_check = true.',
  ],
  'ZT-NET-064': [
    'high',
    'networks',
    'Application Gateway listeners require TLS 1.2 or later',
    'The gateway default policy still accepts TLS 1.0 and 1.1.',
    'Set ssl_policy to Predefined AppGwSslPolicy20220101 (or CustomV2 with min_protocol_version TLSv1_2).',
  ],
  'ZT-NET-065': [
    'high',
    'networks',
    'Application Gateways use HTTPS to their backends',
    'TLS that ends at the gateway leaves traffic to the app readable inside the network (no end-to-end encryption).',
    'Set every backend_http_settings protocol to Https (port 443) with a health probe over HTTPS.',
  ],
  'ZT-VIS-001': [
    'medium',
    'visibility',
    'The environment has a Log Analytics workspace',
    'Every log the visibility rules require needs a central destination.',
    'Deploy the environment\'s management stack (stacks/management-stack.ts), which creates the central workspace.',
  ],
  'ZT-VIS-002': [
    'medium',
    'visibility',
    'Log Analytics accepts Entra ID authentication only',
    'Workspace shared keys allow anyone holding them to write or read logs without identity.',
    'Set local_authentication_enabled = false.',
  ],
  'ZT-VIS-003': [
    'medium',
    'visibility',
    'Log Analytics keeps 90 days or more',
    'Investigations routinely look back further than the 30-day default.',
    'Set retention_in_days >= 90.',
  ],
  'ZT-VIS-010': [
    'medium',
    'visibility',
    'Key Vault logs are collected',
    'Key Vault audit events show who read which secret.',
    'Add a diagnostic setting (KeyVault.sendDiagnosticsTo) with category group audit or allLogs to the workspace.',
  ],
  'ZT-VIS-011': [
    'medium',
    'visibility',
    'Azure Firewall logs are collected',
    'Firewall logs are the record of every allowed and denied flow and IDPS hit.',
    'Add a diagnostic setting on the firewall to the workspace (resource-specific tables).',
  ],
  'ZT-VIS-012': [
    'medium',
    'visibility',
    'Bastion session logs are collected',
    'Bastion audit logs record every administrative session.',
    'Add a diagnostic setting on the Bastion host to the workspace.',
  ],
  'ZT-VIS-013': [
    'medium',
    'visibility',
    'Public IP logs are collected',
    'DDoS notifications and mitigation reports are emitted per public IP.',
    'Add a diagnostic setting on each public IP to the workspace.',
  ],
  'ZT-VIS-014': [
    'medium',
    'visibility',
    'NSG event logs are collected',
    'NSG events show which rules applied to which traffic.',
    'Add a diagnostic setting on each NSG to the workspace.',
  ],
  'ZT-VIS-015': [
    'medium',
    'visibility',
    'Storage logs are collected',
    'Storage read/write/delete logs are needed to investigate data access.',
    'Add a diagnostic setting on the account and its blob/file/queue/table services.',
  ],
  'ZT-VIS-016': [
    'medium',
    'visibility',
    'Azure SQL database logs are collected',
    'Security audit events show who queried what.',
    'Add a diagnostic setting on each database to the workspace.',
  ],
  'ZT-VIS-017': [
    'medium',
    'visibility',
    'App Service logs are collected',
    'HTTP and audit logs show who called the app and who changed it.',
    'Add a diagnostic setting on each app to the workspace.',
  ],
  'ZT-VIS-020': [
    'medium',
    'visibility',
    'Every VNet has a flow log',
    'VNet flow logs are the record of who talked to whom, including traffic the firewall never sees (within a VNet).',
    'Add azurerm_network_watcher_flow_log with target_resource_id = the VNet (VirtualNetworkFlowLog does).',
  ],
  'ZT-VIS-021': [
    'medium',
    'visibility',
    'Flow logs are kept 90 days or more',
    'Lateral movement is often discovered weeks later.',
    'Set retention_policy { enabled = true, days >= 90 }.',
  ],
  'ZT-VIS-022': [
    'low',
    'visibility',
    'Flow logs feed Traffic Analytics',
    'Traffic Analytics turns flow logs into queryable flows in the workspace.',
    'Set traffic_analytics { enabled = true, workspace_* = the central workspace }.',
  ],
  'ZT-VIS-030': [
    'medium',
    'visibility',
    'Defender for Resource Manager is on',
    'It detects suspicious control-plane operations (the landing zone itself).',
    'Add azurerm_security_center_subscription_pricing { resource_type = "Arm", tier = "Standard" } per subscription.',
  ],
  'ZT-VIS-031': [
    'medium',
    'visibility',
    'Defender for Key Vault is on',
    'It detects unusual secret access and access from suspicious addresses.',
    'Add the KeyVaults plan (tier Standard) in each subscription with vaults.',
  ],
  'ZT-VIS-032': [
    'medium',
    'visibility',
    'Defender for Storage is on',
    'It detects malware uploads and data exfiltration patterns.',
    'Add the StorageAccounts plan (tier Standard) in each subscription with storage.',
  ],
  'ZT-VIS-033': [
    'medium',
    'visibility',
    'Defender for SQL is on',
    'It detects SQL injection and anomalous access.',
    'Add the SqlServers plan (tier Standard) in each subscription with SQL servers.',
  ],
  'ZT-VIS-034': [
    'medium',
    'visibility',
    'Defender for App Service is on',
    'It detects attacks on the apps and dangling DNS.',
    'Add the AppServices plan (tier Standard) in each subscription with apps.',
  ],
  'ZT-VIS-035': [
    'medium',
    'visibility',
    'Defender for Servers is on',
    'It provides endpoint detection and vulnerability assessment for VMs.',
    'Add the VirtualMachines plan (tier Standard) in each subscription with VMs.',
  ],
  'ZT-VIS-040': [
    'medium',
    'visibility',
    'The workspace is onboarded to Microsoft Sentinel',
    'Logs without detection rules and incidents are only evidence after the fact.',
    'Add azurerm_sentinel_log_analytics_workspace_onboarding for the central workspace (the Sentinel construct does).',
  ],
  'ZT-VIS-041': [
    'high',
    'visibility',
    'Risky sign-ins and devices at risk are contained by playbooks',
    'A human triaging the queue takes hours; a playbook revokes sessions or isolates the device within minutes of the incident.',
    'Keep management.playbooks.enabled (ResponsePlaybooks: automation rules run the risky sign-in and device isolation playbooks).',
  ],
};

const CHECKS: readonly RuleCheck[] = [
  ZT_APP_001,
  ZT_APP_002,
  ZT_APP_003,
  ZT_APP_004,
  ZT_APP_005,
  ZT_APP_006,
  ZT_APP_007,
  ZT_DATA_001,
  ZT_DATA_002,
  ZT_DATA_003,
  ZT_DATA_004,
  ZT_DATA_005,
  ZT_DATA_006,
  ZT_DATA_007,
  ZT_DATA_010,
  ZT_DATA_011,
  ZT_DATA_012,
  ZT_DATA_013,
  ZT_DATA_014,
  ZT_DATA_015,
  ZT_DATA_016,
  ZT_DATA_017,
  ZT_DATA_020,
  ZT_DATA_021,
  ZT_DATA_022,
  ZT_DATA_023,
  ZT_DATA_024,
  ZT_DATA_030,
  ZT_ID_001,
  ZT_ID_002,
  ZT_ID_003,
  ZT_ID_004,
  ZT_ID_005,
  ZT_ID_006,
  ZT_ID_007,
  ZT_ID_008,
  ZT_ID_009,
  ZT_ID_010,
  ZT_ID_020,
  ZT_ID_021,
  ZT_ID_022,
  ZT_ID_023,
  ZT_ID_024,
  ZT_ID_025,
  ZT_ID_026,
  ZT_INF_001,
  ZT_INF_002,
  ZT_INF_003,
  ZT_INF_004,
  ZT_INF_005,
  ZT_INF_006,
  ZT_INF_007,
  ZT_INF_008,
  ZT_INF_009,
  ZT_NET_001,
  ZT_NET_002,
  ZT_NET_003,
  ZT_NET_004,
  ZT_NET_005,
  ZT_NET_006,
  ZT_NET_007,
  ZT_NET_008,
  ZT_NET_009,
  ZT_NET_010,
  ZT_NET_011,
  ZT_NET_012,
  ZT_NET_013,
  ZT_NET_014,
  ZT_NET_015,
  ZT_NET_016,
  ZT_NET_017,
  ZT_NET_018,
  ZT_NET_020,
  ZT_NET_021,
  ZT_NET_022,
  ZT_NET_023,
  ZT_NET_024,
  ZT_NET_025,
  ZT_NET_026,
  ZT_NET_027,
  ZT_NET_030,
  ZT_NET_031,
  ZT_NET_032,
  ZT_NET_033,
  ZT_NET_040,
  ZT_NET_050,
  ZT_NET_051,
  ZT_NET_052,
  ZT_NET_053,
  ZT_NET_054,
  ZT_NET_060,
  ZT_NET_061,
  ZT_NET_062,
  ZT_NET_063,
  ZT_NET_064,
  ZT_NET_065,
  ZT_VIS_001,
  ZT_VIS_002,
  ZT_VIS_003,
  ZT_VIS_010,
  ZT_VIS_011,
  ZT_VIS_012,
  ZT_VIS_013,
  ZT_VIS_014,
  ZT_VIS_015,
  ZT_VIS_016,
  ZT_VIS_017,
  ZT_VIS_020,
  ZT_VIS_021,
  ZT_VIS_022,
  ZT_VIS_030,
  ZT_VIS_031,
  ZT_VIS_032,
  ZT_VIS_033,
  ZT_VIS_034,
  ZT_VIS_035,
  ZT_VIS_040,
  ZT_VIS_041,
];

function withWording(check: RuleCheck): Rule {
  const wording = WORDING[check.id];
  if (!wording) throw new Error(`rule ${check.id} has no wording in policy/pack.ts`);
  const [severity, pillar, title, rationale, fix] = wording;
  return { ...check, severity, pillar, title, rationale, fix };
}

/** Every rule of the Zero Trust pack, sorted by ID. */
export const ZERO_TRUST_PACK: readonly Rule[] = CHECKS.map(withWording).sort((a, b) => a.id.localeCompare(b.id));

const unused = Object.keys(WORDING).filter((id) => !CHECKS.some((check) => check.id === id));
if (unused.length > 0) throw new Error(`policy/pack.ts has wording for unknown rule(s) ${unused.join(', ')}`);
