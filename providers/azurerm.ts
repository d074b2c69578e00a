/**
 * The only module that imports @cdktf/provider-azurerm. Deep imports (one line per resource) keep start-up at
 * ~0.15 s instead of ~1.5 s for the package root; a switch to CDK Terrain (@cdktn/provider-azurerm) or a provider
 * major bump touches this file only.
 */
export { ApplicationGateway as AzurermApplicationGateway } from '@cdktf/provider-azurerm/lib/application-gateway';
export { BastionHost as AzurermBastionHost } from '@cdktf/provider-azurerm/lib/bastion-host';
export { Firewall as AzurermFirewall } from '@cdktf/provider-azurerm/lib/firewall';
export { FirewallPolicy as AzurermFirewallPolicy } from '@cdktf/provider-azurerm/lib/firewall-policy';
export { FirewallPolicyRuleCollectionGroup as AzurermFirewallPolicyRuleCollectionGroup } from '@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group';
export { KeyVault as AzurermKeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
export { LinuxWebApp as AzurermLinuxWebApp, type LinuxWebAppSiteConfigApplicationStack } from '@cdktf/provider-azurerm/lib/linux-web-app';
export { LogAnalyticsWorkspace as AzurermLogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
export { MonitorAadDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-aad-diagnostic-setting';
export { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
export { MssqlDatabase } from '@cdktf/provider-azurerm/lib/mssql-database';
export { MssqlServer } from '@cdktf/provider-azurerm/lib/mssql-server';
export { MssqlServerExtendedAuditingPolicy } from '@cdktf/provider-azurerm/lib/mssql-server-extended-auditing-policy';
export { MssqlServerSecurityAlertPolicy } from '@cdktf/provider-azurerm/lib/mssql-server-security-alert-policy';
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
export { ServicePlan } from '@cdktf/provider-azurerm/lib/service-plan';
export { StorageAccount as AzurermStorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
export { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
export { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
export { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
export { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
export { UserAssignedIdentity as AzurermUserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
export { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
export { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
export { WebApplicationFirewallPolicy } from '@cdktf/provider-azurerm/lib/web-application-firewall-policy';
