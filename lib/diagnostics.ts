/**
 * Which azurerm resource types support diagnostic settings, and what each sends. Every resource type the landing
 * zone synthesizes must appear in exactly one of DIAGNOSABLE or NOT_DIAGNOSABLE (a test enforces it), so a new
 * resource type forces a decision instead of silently going unmonitored.
 */
import { IConstruct } from 'constructs';

/**
 * Resources that already send diagnostics (a construct created their setting); the `DiagnosticSettings` aspect
 * leaves them alone. Kept here, below both, so constructs mark resources without importing the aspect.
 */
const configured = new WeakSet<IConstruct>();

/** Records that `resource` already has its diagnostic setting, e.g. from a construct's `diagnostics` prop. */
export function markDiagnosticsConfigured(resource: IConstruct): void {
  configured.add(resource);
}

/** Whether `resource` was marked by `markDiagnosticsConfigured`. */
export function isDiagnosticsConfigured(resource: IConstruct): boolean {
  return configured.has(resource);
}

/** The workspace diagnostic settings send to (`IDiagnosticsDestination` of constructs/interfaces.ts satisfies it). */
export interface DiagnosticsWorkspaceRef {
  readonly logAnalyticsWorkspaceId: string;
}

/** Destinations constructs chose with their `diagnostics` prop, by construct. */
const destinations = new WeakMap<IConstruct, DiagnosticsWorkspaceRef>();

/**
 * Records the destination a construct chose for its resources, so the stack's `DiagnosticSettings` aspect sends a
 * resource the construct adds later (after its constructor) there too, instead of to the stack's workspace.
 */
export function recordDiagnosticsDestination(scope: IConstruct, destination: DiagnosticsWorkspaceRef): void {
  destinations.set(scope, destination);
}

/** The destination recorded on `node` or its nearest ancestor, if any. */
export function recordedDiagnosticsDestination(node: IConstruct): DiagnosticsWorkspaceRef | undefined {
  for (let current: IConstruct | undefined = node; current; current = current.node.scope) {
    const destination = destinations.get(current);
    if (destination) return destination;
  }
  return undefined;
}

/** One diagnostic setting for a resource: on the resource itself, or on a child such as `blobServices/default`. */
export interface DiagnosticTarget {
  /** Appended to the resource ID (`/blobServices/default`); empty for the resource itself. */
  readonly suffix: string;
  /** Send logs: every category (`allLogs` category group) unless `logCategories` names them. */
  readonly logs: boolean;
  /** The log categories to send, for targets without category groups (e.g. SQL's master database). */
  readonly logCategories?: readonly string[];
  /** Send `AllMetrics` (or the resource's only metric category). */
  readonly metrics?: string;
  /** Resource-specific tables instead of `AzureDiagnostics` (e.g. Azure Firewall's AZFW* tables). */
  readonly dedicatedTables?: boolean;
}

export const DIAGNOSABLE: Readonly<Record<string, readonly DiagnosticTarget[]>> = {
  azurerm_firewall: [{ suffix: '', logs: true, metrics: 'AllMetrics', dedicatedTables: true }],
  azurerm_bastion_host: [{ suffix: '', logs: true, metrics: 'AllMetrics' }],
  azurerm_public_ip: [{ suffix: '', logs: true, metrics: 'AllMetrics' }],
  azurerm_key_vault: [{ suffix: '', logs: true, metrics: 'AllMetrics' }],
  azurerm_network_security_group: [{ suffix: '', logs: true }],
  azurerm_virtual_network: [{ suffix: '', logs: true, metrics: 'AllMetrics' }],
  azurerm_log_analytics_workspace: [{ suffix: '', logs: true, metrics: 'AllMetrics' }],
  azurerm_storage_account: [
    { suffix: '', logs: false, metrics: 'Transaction' },
    { suffix: '/blobServices/default', logs: true, metrics: 'Transaction' },
  ],
  // Workload types (constructs/data, constructs/web, constructs/network/application-gateway).
  // App Gateway access and WAF logs go to AzureDiagnostics (Category ApplicationGatewayFirewallLog), which the
  // Sentinel WAF rule reads.
  azurerm_application_gateway: [{ suffix: '', logs: true, metrics: 'AllMetrics', dedicatedTables: false }],
  azurerm_mssql_database: [{ suffix: '', logs: true, metrics: 'Basic' }],
  // Server-level auditing (log_monitoring_enabled) reaches Azure Monitor through the master database's setting.
  azurerm_mssql_server: [{ suffix: '/databases/master', logs: true, logCategories: ['SQLSecurityAuditEvents'] }],
  azurerm_service_plan: [{ suffix: '', logs: false, metrics: 'AllMetrics' }],
  azurerm_linux_web_app: [{ suffix: '', logs: true, metrics: 'AllMetrics' }],
  azurerm_windows_web_app: [{ suffix: '', logs: true, metrics: 'AllMetrics' }],
  azurerm_container_registry: [{ suffix: '', logs: true, metrics: 'AllMetrics' }],
  azurerm_cosmosdb_account: [{ suffix: '', logs: true, metrics: 'Requests', dedicatedTables: true }],
  azurerm_virtual_network_gateway: [{ suffix: '', logs: true, metrics: 'AllMetrics' }],
  // Playbook runs (WorkflowRuntime): proof that a response ran, and why it failed when it did not.
  azurerm_logic_app_workflow: [{ suffix: '', logs: true, metrics: 'AllMetrics' }],
};

/**
 * Resource types that have no diagnostic settings in Azure (or whose telemetry arrives another way), with why.
 */
export const NOT_DIAGNOSABLE: Readonly<Record<string, string>> = {
  azurerm_resource_group: 'no diagnostic settings; changes are in the subscription Activity Log',
  azurerm_network_ddos_protection_plan: 'DDoS telemetry is in the DDoS log categories of the protected public IPs',
  azurerm_mssql_server_extended_auditing_policy: 'the auditing setting itself; records arrive through the master database setting',
  azurerm_mssql_server_security_alert_policy: 'Defender for SQL alerts go to Defender for Cloud (and its Sentinel connector)',
  azurerm_storage_container: 'child of a storage account, logged with its blob service',
  azurerm_web_application_firewall_policy: 'no diagnostic settings; WAF matches are in the Application Gateway firewall log',
  azurerm_subnet: 'no diagnostic settings; traffic is in VNet flow logs, rules in NSG logs',
  azurerm_subnet_network_security_group_association: 'association only',
  azurerm_subnet_route_table_association: 'association only',
  azurerm_network_security_rule: 'child of an NSG, logged with it',
  azurerm_route_table: 'no diagnostic settings; changes are in the Activity Log',
  azurerm_route: 'child of a route table',
  azurerm_virtual_network_peering: 'child of a VNet',
  azurerm_firewall_policy: 'no diagnostic settings; the firewall logs rule hits, the Activity Log records policy changes',
  azurerm_firewall_policy_rule_collection_group: 'child of a firewall policy',
  azurerm_private_dns_zone: 'no log categories; queries are visible through the firewall DNS proxy logs',
  azurerm_private_dns_zone_virtual_network_link: 'child of a private DNS zone',
  azurerm_private_endpoint: 'no log categories; traffic is in VNet flow logs',
  azurerm_user_assigned_identity: 'sign-ins are in the Entra ID managed identity sign-in logs',
  azurerm_role_assignment: 'changes are in the Activity Log',
  azurerm_monitor_diagnostic_setting: 'the setting itself',
  azurerm_monitor_aad_diagnostic_setting: 'the setting itself (tenant scope)',
  azurerm_network_watcher_flow_log: 'the flow log itself',
  azurerm_sentinel_log_analytics_workspace_onboarding: 'part of the workspace',
  azurerm_sentinel_alert_rule_scheduled: 'Sentinel content, audited in the workspace',
  azurerm_sentinel_automation_rule: 'Sentinel content, audited in the workspace',
  azurerm_sentinel_data_connector_azure_active_directory: 'Sentinel content',
  azurerm_sentinel_data_connector_azure_security_center: 'Sentinel content',
  azurerm_sentinel_data_connector_microsoft_threat_protection: 'Sentinel content',
  azurerm_security_center_subscription_pricing: 'subscription setting, changes in the Activity Log',
  azurerm_security_center_contact: 'subscription setting, changes in the Activity Log',
  azurerm_logic_app_trigger_custom: 'part of the workflow definition; runs are logged by the workflow',
  azurerm_logic_app_action_custom: 'part of the workflow definition; runs are logged by the workflow',
  azurerm_resource_group_template_deployment: 'a deployment record; what it deploys is in the Activity Log',
  azurerm_monitor_action_group: 'no log categories; notifications are recorded with the alerts that fire them',
  azurerm_monitor_scheduled_query_rules_alert_v2: 'fired alerts are in the Activity Log (Alert category), routed to the workspace',
  azurerm_monitor_private_link_scope: 'no log categories; private traffic is in VNet flow logs',
  azurerm_monitor_private_link_scoped_service: 'child of the Private Link scope',
  azurerm_role_management_policy: 'PIM setting; changes and activations are in the Activity Log and Entra audit logs',
  azurerm_pim_eligible_role_assignment: 'PIM eligibility; activations are in the Activity Log and Entra audit logs',
  azurerm_management_group: 'no diagnostic settings; changes are in the tenant Activity Log',
  azurerm_management_group_subscription_association: 'association only',
  azurerm_policy_definition: 'policy object; changes and evaluations are in the Activity Log (Policy category)',
  azurerm_management_group_policy_set_definition: 'policy object; changes and evaluations are in the Activity Log (Policy category)',
  azurerm_management_group_policy_assignment: 'policy object; changes and evaluations are in the Activity Log (Policy category)',
  azurerm_subscription_policy_assignment: 'policy object; changes and evaluations are in the Activity Log (Policy category)',
  azurerm_resource_policy_exemption: 'policy object; changes are in the Activity Log',
  azurerm_management_lock: 'lock changes are in the Activity Log',
};

/** Azure allows at most five diagnostic settings per resource; ours uses one per target. */
export function diagnosticTargetsOf(resourceType: string): readonly DiagnosticTarget[] | undefined {
  return DIAGNOSABLE[resourceType];
}

/** The arguments of one `azurerm_monitor_diagnostic_setting` (its construct ID, name and categories): written once. */
export interface DiagnosticSettingArgs {
  /** Construct ID under the resource: `Diagnostics`, then `Diagnostics1`, ... per target. */
  readonly id: string;
  readonly name: string;
  readonly targetResourceId: string;
  readonly logAnalyticsWorkspaceId: string;
  readonly logAnalyticsDestinationType?: string;
  readonly enabledLog?: { readonly category?: string; readonly categoryGroup?: string }[];
  readonly enabledMetric?: { readonly category: string }[];
}

/**
 * The diagnostic settings of a resource of `resourceType` with ID `resourceId` to a workspace: one per target of
 * DIAGNOSABLE, named `diag-law` (`diag-law-<child path>` for a child target), every log category (`allLogs`) unless
 * the target names them, and its metric category. Empty for types that are not diagnosable.
 */
export function diagnosticSettingArgs(resourceType: string, resourceId: string, workspace: DiagnosticsWorkspaceRef): DiagnosticSettingArgs[] {
  return (diagnosticTargetsOf(resourceType) ?? []).map((target, i) => ({
    id: i === 0 ? 'Diagnostics' : `Diagnostics${i}`,
    name: target.suffix ? `diag-law${target.suffix.replace(/\//g, '-')}` : 'diag-law',
    targetResourceId: `${resourceId}${target.suffix}`,
    logAnalyticsWorkspaceId: workspace.logAnalyticsWorkspaceId,
    logAnalyticsDestinationType: target.dedicatedTables ? 'Dedicated' : undefined,
    enabledLog: target.logs ? (target.logCategories ? target.logCategories.map((category) => ({ category })) : [{ categoryGroup: 'allLogs' }]) : undefined,
    enabledMetric: target.metrics ? [{ category: target.metrics }] : undefined,
  }));
}
