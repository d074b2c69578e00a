/**
 * The only module that imports @cdktf/provider-azurerm. Deep imports (one line per resource) keep start-up at
 * ~0.15 s instead of ~1.5 s for the package root; a switch to CDK Terrain (@cdktn/provider-azurerm) or a provider
 * major bump touches this file only.
 */
export { BastionHost as AzurermBastionHost } from '@cdktf/provider-azurerm/lib/bastion-host';
export { DataAzurermManagementGroup } from '@cdktf/provider-azurerm/lib/data-azurerm-management-group';
export { Firewall as AzurermFirewall } from '@cdktf/provider-azurerm/lib/firewall';
export { FirewallPolicy as AzurermFirewallPolicy } from '@cdktf/provider-azurerm/lib/firewall-policy';
export { FirewallPolicyRuleCollectionGroup as AzurermFirewallPolicyRuleCollectionGroup } from '@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group';
export { KeyVault as AzurermKeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
export { LogAnalyticsWorkspace as AzurermLogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
export { ManagementGroup as AzurermManagementGroup } from '@cdktf/provider-azurerm/lib/management-group';
export { ManagementGroupPolicyAssignment } from '@cdktf/provider-azurerm/lib/management-group-policy-assignment';
export { ManagementGroupPolicySetDefinition } from '@cdktf/provider-azurerm/lib/management-group-policy-set-definition';
export { ManagementGroupSubscriptionAssociation } from '@cdktf/provider-azurerm/lib/management-group-subscription-association';
export { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
export { MonitorAadDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-aad-diagnostic-setting';
export { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
export { NetworkDdosProtectionPlan } from '@cdktf/provider-azurerm/lib/network-ddos-protection-plan';
export { NetworkSecurityGroup as AzurermNetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
export { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
export { NetworkWatcherFlowLog } from '@cdktf/provider-azurerm/lib/network-watcher-flow-log';
export { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
export { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
export { PrivateEndpoint as AzurermPrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
export { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
export { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
export { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
export { ResourcePolicyExemption } from '@cdktf/provider-azurerm/lib/resource-policy-exemption';
export { RoleAssignment as AzurermRoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
export { Route } from '@cdktf/provider-azurerm/lib/route';
export { RouteTable as AzurermRouteTable } from '@cdktf/provider-azurerm/lib/route-table';
export { SecurityCenterContact } from '@cdktf/provider-azurerm/lib/security-center-contact';
export { SecurityCenterSubscriptionPricing } from '@cdktf/provider-azurerm/lib/security-center-subscription-pricing';
export { SentinelAlertRuleScheduled } from '@cdktf/provider-azurerm/lib/sentinel-alert-rule-scheduled';
export { SentinelAutomationRule } from '@cdktf/provider-azurerm/lib/sentinel-automation-rule';
export { SentinelDataConnectorAzureActiveDirectory } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-azure-active-directory';
export { SentinelDataConnectorAzureSecurityCenter } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-azure-security-center';
export { SentinelDataConnectorMicrosoftThreatProtection } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-microsoft-threat-protection';
export { SentinelLogAnalyticsWorkspaceOnboarding } from '@cdktf/provider-azurerm/lib/sentinel-log-analytics-workspace-onboarding';
export { StorageAccount as AzurermStorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
export { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
export { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
export { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
export { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
export { SubscriptionPolicyAssignment } from '@cdktf/provider-azurerm/lib/subscription-policy-assignment';
export { UserAssignedIdentity as AzurermUserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
export { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
export { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
