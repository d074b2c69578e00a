import { Construct } from 'constructs';
import { azureRegion } from '../config/regions';
import { LandingZoneConfig } from '../config/schema';
import { FlowLogStorageAccount } from '../constructs/monitoring/flow-log-storage-account';
import { LogAnalyticsWorkspace } from '../constructs/monitoring/log-analytics-workspace';
import { FlowLogDestination } from '../constructs/monitoring/virtual-network-flow-log';
import { DefenderForCloud } from '../constructs/security/defender-for-cloud';
import { Sentinel } from '../constructs/security/sentinel';
import { DefenderPlan } from '../lib/defender-plans';
import { ResourceNamer, storageAccountName } from '../lib/naming';
import { ACTIVITY_LOG_CATEGORIES, analyticsRules, ENTRA_ID_LOG_CATEGORIES } from '../lib/sentinel-analytics';
import { MonitorAadDiagnosticSetting, MonitorDiagnosticSetting, ResourceGroup } from '../providers/azurerm';
import { Aspects, TerraformOutput } from '../providers/cdktf';
import { DiagnosticSettings } from '../aspects/diagnostic-settings';
import { LandingZoneStack, StackEnvironment } from './landing-zone-stack';
import { defineAzurePim } from './privileged-access';
import { defineIncidentPaging, definePrivateTelemetry, defineResponsePlaybooks, workspacePublicAccess } from './security-operations';

/** What the network stacks need from the management stack: the diagnostics destination and flow-log targets. */
export interface ManagementReference {
  readonly logAnalyticsWorkspaceId: string;
  readonly flowLogs: FlowLogDestination;
  /** The Azure Monitor Private Link Scope the hub's private endpoint connects to, when config enables it. */
  readonly monitorPrivateLinkScopeId?: string;
}

/** Names of the management resources (shared with the governance stack, which points remediation at the workspace). */
export function managementNames(config: Pick<LandingZoneConfig, 'environment' | 'location'>): ResourceNamer {
  return new ResourceNamer({ workload: 'mgmt', environment: config.environment, regionShortName: azureRegion(config.location).shortName });
}

/** The resource ID the environment's workspace will have (known before it exists: governance deploys first). */
export function workspaceResourceId(config: Pick<LandingZoneConfig, 'environment' | 'location' | 'subscriptionId'>): string {
  const names = managementNames(config);
  return `/subscriptions/${config.subscriptionId}/resourceGroups/${names.name('resourceGroup')}/providers/Microsoft.OperationalInsights/workspaces/${names.name('logAnalyticsWorkspace')}`;
}

/**
 * The config the management stack reads: the environment, its `management` and `privilegedAccess` sections, the
 * spokes (their subscriptions, whether one runs a WAF) and the tenant (Entra ID log routing, break-glass accounts).
 */
export type ManagementStackConfig = StackEnvironment &
  Pick<LandingZoneConfig, 'management' | 'privilegedAccess' | 'spokes'> & {
    readonly tenantConfig: Pick<LandingZoneConfig['tenantConfig'], 'governance' | 'identity' | 'entraIdLogs'>;
  };

export interface ManagementStackProps {
  /** The environment's config (see `ManagementStackConfig` for what is read). */
  readonly config: ManagementStackConfig;
}

/**
 * Security operations of an environment: the central Log Analytics workspace, Microsoft Sentinel with its data
 * connectors, analytics and automation rules, Defender for Cloud plans and the Activity Log of every subscription
 * of the environment (spokes may have their own), the tenant's Entra ID logs when the tenant file names this
 * environment (`entraIdLogs.environment`), and the storage account VNet flow logs are written to.
 * It depends on no other stack, and exposes its workspace, resource group and flow-log storage for workloads.
 */
export class ManagementStack extends LandingZoneStack {
  /** What the network stacks need: diagnostics destination and flow-log targets. */
  public readonly management: ManagementReference;
  /** The management resource group (`rg-mgmt-<env>-<region>`). */
  public readonly resourceGroup: ResourceGroup;
  /** The central Log Analytics workspace (diagnostics, Sentinel). */
  public readonly workspace: LogAnalyticsWorkspace;
  /** Microsoft Sentinel on the workspace, when `management.sentinel.enabled`. */
  public readonly sentinel?: Sentinel;
  /** The storage account VNet flow logs are written to. */
  public readonly flowLogStorage: FlowLogStorageAccount;

  constructor(scope: Construct, id: string, props: ManagementStackProps) {
    const { config } = props;
    super(scope, id, 'management', config);
    const { management, location } = config;
    const regionShortName = azureRegion(location).shortName;
    const names = managementNames(config);
    const resourceGroup = (this.resourceGroup = new ResourceGroup(this, 'ResourceGroup', { name: names.name('resourceGroup'), location }));

    const workspace = (this.workspace = new LogAnalyticsWorkspace(this, 'Workspace', {
      resourceGroup,
      name: names.name('logAnalyticsWorkspace'),
      retentionInDays: management.logAnalytics.retentionInDays,
      dailyQuotaGb: management.logAnalytics.dailyQuotaGb,
      publicIngestionEnabled: workspacePublicAccess(config).ingestion,
      publicQueryEnabled: workspacePublicAccess(config).query,
    }));
    const monitorScope = definePrivateTelemetry(this, config, names, resourceGroup, workspace.logAnalyticsWorkspaceId);

    Aspects.of(this).add(new DiagnosticSettings(workspace));
    // Tenant-wide: exactly one environment of the tenant (tenant file `entraIdLogs.environment`) receives them.
    const entraIdLogs = config.tenantConfig.entraIdLogs.environment === config.environment;
    if (entraIdLogs) {
      new MonitorAadDiagnosticSetting(this, 'EntraIdLogs', {
        name: `entra-id-to-${names.name('logAnalyticsWorkspace')}`,
        logAnalyticsWorkspaceId: workspace.logAnalyticsWorkspaceId,
        enabledLog: ENTRA_ID_LOG_CATEGORIES.map((category) => ({ category })),
      });
    }

    if (management.sentinel.enabled) {
      // Paging reads Sentinel's SecurityIncident table, so it exists only with Sentinel.
      defineIncidentPaging(this, config, names, resourceGroup, { logAnalyticsWorkspaceId: workspace.logAnalyticsWorkspaceId, location });
      const sentinel = (this.sentinel = new Sentinel(this, 'Sentinel', {
        logAnalyticsWorkspaceId: workspace.logAnalyticsWorkspaceId,
        tenantId: config.tenantId,
        subscriptionId: config.subscriptionId,
        additionalSubscriptionIds: environmentSubscriptions(config).slice(1),
      }));
      const identity = config.tenantConfig.identity;
      const rules = analyticsRules({
        entraIdLogs,
        breakGlassUserPrincipalNames: identity ? identity.breakGlass.accounts.map((name) => `${name}@${identity.tenantDomain}`) : [],
        deploymentIdentityObjectId: identity?.deploymentIdentity.objectId,
        idpsDenyThreshold: management.sentinel.idpsDenyThreshold,
        keyVaultForbiddenThreshold: management.sentinel.keyVaultForbiddenThreshold,
        businessHours: management.sentinel.businessHours,
        webApplicationFirewall: config.spokes.some((spoke) => spoke.workload?.ingress === 'appGateway'),
      }).map((rule) => sentinel.addAnalyticsRule(rule));
      const breakGlass = rules.find((r) => r.node.id === 'BreakGlassSignIn');
      if (breakGlass) {
        sentinel.addIncidentAutomation('BreakGlassEscalation', {
          displayName: 'Break-glass sign-in: severity High, label, assign',
          rules: [breakGlass],
          severity: 'High',
          labels: ['break-glass', 'page-on-call'],
          ownerObjectId: management.sentinel.incidentOwnerObjectId,
          order: 1,
        });
      }
      defineResponsePlaybooks(this, config, names, sentinel);
    }

    // Every subscription of the environment (spokes may have their own) exports its Activity Log to the workspace and
    // gets the same Defender plans; other subscriptions are reached through an aliased provider each.
    for (const subscriptionId of environmentSubscriptions(config)) {
      const own = subscriptionId === config.subscriptionId;
      const suffix = own ? '' : `-${subscriptionId.slice(0, 8)}`;
      const provider = own
        ? undefined
        : this.addAzurermProvider(`azurerm-${subscriptionId}`, subscriptionId, `sub_${subscriptionId.replace(/-/g, '_')}`);
      new MonitorDiagnosticSetting(this, `ActivityLog${suffix}`, {
        provider,
        name: 'activity-log-to-law',
        targetResourceId: `/subscriptions/${subscriptionId}`,
        logAnalyticsWorkspaceId: workspace.logAnalyticsWorkspaceId,
        enabledLog: ACTIVITY_LOG_CATEGORIES.map((category) => ({ category })),
      });
      new DefenderForCloud(this, `Defender${suffix}`, {
        plans: management.defender.plans as DefenderPlan[],
        securityContact: management.defender.securityContact,
        provider,
      });
      defineAzurePim(this, config, subscriptionId, provider);
    }

    const flowLogStorage = (this.flowLogStorage = new FlowLogStorageAccount(this, 'FlowLogStorage', {
      resourceGroup,
      name: storageAccountName({ purpose: 'fl', environment: config.environment, regionShortName, subscriptionId: config.subscriptionId }),
    }));

    this.management = {
      logAnalyticsWorkspaceId: workspace.logAnalyticsWorkspaceId,
      flowLogs: {
        storageAccountId: flowLogStorage.storageAccountId,
        logAnalyticsWorkspaceId: workspace.logAnalyticsWorkspaceId,
        workspaceGuid: workspace.workspaceGuid,
        workspaceLocation: location,
        networkWatcherName: management.flowLogs.networkWatcherName ?? `NetworkWatcher_${location}`,
        networkWatcherResourceGroupName: management.flowLogs.networkWatcherResourceGroupName,
        retentionInDays: management.flowLogs.retentionInDays,
        trafficAnalyticsIntervalInMinutes: management.flowLogs.trafficAnalyticsIntervalInMinutes,
      },
      monitorPrivateLinkScopeId: monitorScope?.id,
    };

    new TerraformOutput(this, 'log_analytics_workspace_id', { value: workspace.logAnalyticsWorkspaceId, description: 'Central workspace (diagnostics, Sentinel)' });
    new TerraformOutput(this, 'flow_log_storage_account_id', { value: flowLogStorage.storageAccountId, description: 'Raw VNet flow logs' });
  }
}

/** The environment subscription first, then every other subscription a spoke lives in (sorted, distinct). */
export function environmentSubscriptions(config: Pick<LandingZoneConfig, 'subscriptionId' | 'spokes'>): string[] {
  const others = config.spokes.map((s) => s.subscriptionId).filter((id): id is string => id !== undefined && id !== config.subscriptionId);
  return [config.subscriptionId, ...[...new Set(others)].sort()];
}
