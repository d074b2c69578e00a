import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { AnalyticsRuleDefinition } from '../../lib/sentinel-analytics';
import {
  SentinelAlertRuleScheduled,
  SentinelAutomationRule,
  type SentinelAutomationRuleConfig,
  SentinelDataConnectorAzureActiveDirectory,
  SentinelDataConnectorAzureSecurityCenter,
  SentinelDataConnectorMicrosoftThreatProtection,
  SentinelLogAnalyticsWorkspaceOnboarding,
} from '../../providers/azurerm';
import { Fn } from '../../providers/cdktf';

export interface SentinelProps {
  /** Resource ID of the workspace to onboard. */
  readonly logAnalyticsWorkspaceId: string;
  readonly tenantId: string;
  /** Subscription whose Defender for Cloud alerts are connected. */
  readonly subscriptionId: string;
  /**
   * More subscriptions whose Defender for Cloud alerts are connected (spokes in their own subscriptions).
   * @default - none
   */
  readonly additionalSubscriptionIds?: readonly string[];
}

export interface IncidentAutomationProps {
  readonly displayName: string;
  /** Incidents created by these analytics rules are handled. */
  readonly rules: readonly SentinelAlertRuleScheduled[];
  readonly severity: 'High' | 'Medium' | 'Low' | 'Informational';
  readonly labels: readonly string[];
  /**
   * Entra object ID the incidents are assigned to.
   * @default - unassigned
   */
  readonly ownerObjectId?: string;
  /** Position among the workspace's automation rules (1-1000). */
  readonly order: number;
}

export interface PlaybookAutomationProps {
  readonly displayName: string;
  /** Resource ID of the Logic App to run (it must have the Microsoft Sentinel incident trigger). */
  readonly logicAppId: string;
  /** Incidents with an alert from any of these products (`AlertProductNames`, e.g. `Azure Active Directory Identity Protection`). */
  readonly alertProducts: readonly string[];
  /** Incident severities handled. */
  readonly severities: readonly ('High' | 'Medium' | 'Low' | 'Informational')[];
  /** Labels added before the playbook runs (e.g. the label that notifies the SOC). */
  readonly labels: readonly string[];
  /** Position among the workspace's automation rules (1-1000). */
  readonly order: number;
}

/**
 * Microsoft Sentinel on the workspace, with the Microsoft data connectors the provider supports: Defender for Cloud
 * alerts, Defender XDR incidents and Entra ID Protection alerts. (Entra ID sign-in and audit logs arrive through the
 * tenant diagnostic setting, which is what the Entra ID connector configures.) Analytics and automation rules are
 * added with `addAnalyticsRule` and `addIncidentAutomation`.
 *
 * @resource azurerm_sentinel_log_analytics_workspace_onboarding, azurerm_sentinel_data_connector_*,
 *   azurerm_sentinel_alert_rule_scheduled, azurerm_sentinel_automation_rule
 */
export class Sentinel extends Construct {
  /** The onboarded workspace ID; content depends on the onboarding through it. */
  public readonly workspaceId: string;
  private readonly rulesScope: Construct;
  private readonly seed: string;
  private readonly tenantId: string;

  constructor(scope: Construct, id: string, props: SentinelProps) {
    super(scope, id);
    const onboarding = new SentinelLogAnalyticsWorkspaceOnboarding(this, 'Onboarding', {
      workspaceId: props.logAnalyticsWorkspaceId,
      customerManagedKeyEnabled: false,
    });
    this.workspaceId = onboarding.workspaceId;
    this.seed = `${props.tenantId}/${props.subscriptionId}`;
    this.tenantId = props.tenantId;

    new SentinelDataConnectorAzureSecurityCenter(this, 'DefenderForCloud', {
      name: 'defender-for-cloud',
      logAnalyticsWorkspaceId: this.workspaceId,
      subscriptionId: props.subscriptionId,
    });
    for (const subscriptionId of props.additionalSubscriptionIds ?? []) {
      new SentinelDataConnectorAzureSecurityCenter(this, `DefenderForCloud-${subscriptionId}`, {
        name: `defender-for-cloud-${subscriptionId.slice(0, 8)}`,
        logAnalyticsWorkspaceId: this.workspaceId,
        subscriptionId,
      });
    }
    new SentinelDataConnectorMicrosoftThreatProtection(this, 'DefenderXdr', {
      name: 'defender-xdr',
      logAnalyticsWorkspaceId: this.workspaceId,
      tenantId: props.tenantId,
    });
    new SentinelDataConnectorAzureActiveDirectory(this, 'EntraIdProtection', {
      name: 'entra-id-protection',
      logAnalyticsWorkspaceId: this.workspaceId,
      tenantId: props.tenantId,
    });
    this.rulesScope = new Construct(this, 'Rules');
  }

  /** Adds a scheduled analytics rule that creates incidents, one alert per result row. */
  public addAnalyticsRule(rule: AnalyticsRuleDefinition): SentinelAlertRuleScheduled {
    return new SentinelAlertRuleScheduled(this.rulesScope, rule.key, {
      name: rule.key,
      logAnalyticsWorkspaceId: this.workspaceId,
      displayName: rule.displayName,
      description: rule.description,
      severity: rule.severity,
      query: rule.query,
      queryFrequency: rule.queryFrequency,
      queryPeriod: rule.queryPeriod,
      triggerOperator: 'GreaterThan',
      triggerThreshold: 0,
      tactics: [...rule.tactics],
      techniques: [...rule.techniques],
      eventGrouping: { aggregationMethod: 'AlertPerResult' },
      incident: { createIncidentEnabled: true, grouping: { enabled: true, lookbackDuration: 'PT5H', entityMatchingMethod: 'AllEntities', reopenClosedIncidents: false } },
      entityMapping: rule.entityMappings.map((m) => ({ entityType: m.entityType, fieldMapping: m.fieldMapping.map((f) => ({ ...f })) })),
      alertDetailsOverride:
        rule.severityColumn || rule.alertDisplayNameFormat ? [{ severityColumnName: rule.severityColumn, displayNameFormat: rule.alertDisplayNameFormat }] : undefined,
      suppressionEnabled: false,
      suppressionDuration: 'PT5H',
      enabled: true,
    });
  }

  /** An automation rule that raises severity, labels and (optionally) assigns the incidents of the given rules. */
  public addIncidentAutomation(id: string, props: IncidentAutomationProps): SentinelAutomationRule {
    if (props.rules.length === 0) throw new Error(`Sentinel automation '${id}': no analytics rules given; pass the rules whose incidents it handles`);
    return this.automationRule(id, props.displayName, props.order, {
      conditions: [{ propertyName: 'IncidentRelatedAnalyticRuleIds', operator: 'Contains', propertyValues: props.rules.map((r) => r.id) }],
      actionIncident: [{ order: 1, severity: props.severity, status: 'Active', labels: [...props.labels], ownerId: props.ownerObjectId }],
    });
  }

  /**
   * An automation rule that labels incidents of one alert product and severity and runs a playbook on them. Sentinel
   * needs Microsoft Sentinel Automation Contributor on the playbook's resource group to run it (`ResponsePlaybooks`
   * grants it).
   */
  public addPlaybookAutomation(id: string, props: PlaybookAutomationProps): SentinelAutomationRule {
    if (props.alertProducts.length === 0) throw new Error(`Sentinel automation '${id}': no alert products given; name the products whose incidents the playbook handles`);
    if (props.severities.length === 0) throw new Error(`Sentinel automation '${id}': no severities given; name the incident severities the playbook handles`);
    const labelled = props.labels.length > 0;
    return this.automationRule(id, props.displayName, props.order, {
      conditions: [
        { propertyName: 'AlertProductNames', operator: 'Contains', propertyValues: [...props.alertProducts] },
        { propertyName: 'IncidentSeverity', operator: 'Equals', propertyValues: [...props.severities] },
      ],
      actionIncident: labelled ? [{ order: 1, labels: [...props.labels] }] : undefined,
      actionPlaybook: [{ order: labelled ? 2 : 1, logicAppId: props.logicAppId, tenantId: this.tenantId }],
    });
  }

  /** An automation rule on newly created incidents matching every property condition. */
  private automationRule(
    id: string,
    displayName: string,
    order: number,
    rule: { conditions: { propertyName: string; operator: string; propertyValues: unknown[] }[] } & Pick<SentinelAutomationRuleConfig, 'actionIncident' | 'actionPlaybook'>,
  ): SentinelAutomationRule {
    if (!Number.isInteger(order) || order < 1 || order > 1000) throw new Error(`Sentinel automation '${id}': order ${order} is outside 1-1000`);
    return new SentinelAutomationRule(this.rulesScope, id, {
      // Azure requires a GUID name; derive it so every synth of the same environment gives the same one.
      name: deterministicGuid(`${this.seed}/${id}`),
      displayName,
      logAnalyticsWorkspaceId: this.workspaceId,
      order,
      triggersOn: 'Incidents',
      triggersWhen: 'Created',
      conditionJson: Fn.jsonencode(rule.conditions.map((conditionProperties) => ({ conditionType: 'Property', conditionProperties }))),
      actionIncident: rule.actionIncident,
      actionPlaybook: rule.actionPlaybook,
    });
  }
}

/** A GUID-shaped, stable hash of `text`. */
export function deterministicGuid(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
