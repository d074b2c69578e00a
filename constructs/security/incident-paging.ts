import { Construct } from 'constructs';
import { MonitorScheduledQueryRulesAlertV2 } from '../../providers/azurerm';
import { IResourceGroupRef, Tags } from '../interfaces';

/** One label that makes Sentinel incidents reach people, and how loud. */
export interface IncidentLabelRoute {
  /** Incident label set by an automation rule (e.g. `page-on-call`). */
  readonly label: string;
  /** Azure Monitor alert severity: 0 critical (page) to 4 verbose. */
  readonly severity: 0 | 1 | 2 | 3 | 4;
  readonly displayName: string;
}

export interface IncidentPagingProps {
  readonly resourceGroup: IResourceGroupRef;
  /** Name prefix of the alert rules; the label is appended. */
  readonly namePrefix: string;
  /** The Sentinel workspace (where the SecurityIncident table is). */
  readonly logAnalyticsWorkspaceId: string;
  /** Region of the workspace. */
  readonly location: string;
  readonly actionGroupId: string;
  readonly routes: readonly IncidentLabelRoute[];
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
}

/** KQL: incidents that got `label` in the last evaluation window and did not have it in the day before. */
export function newlyLabelledIncidentsQuery(label: string): string {
  const safe = label.replace(/["\\]/g, '');
  const labelled = `SecurityIncident | mv-expand Label = Labels | where tostring(Label.labelName) == "${safe}"`;
  return [
    `${labelled}`,
    '| where TimeGenerated > ago(5m)',
    `| join kind=leftanti (${labelled} | where TimeGenerated between (ago(1d) .. ago(5m)) | distinct IncidentNumber) on IncidentNumber`,
    '| summarize arg_max(TimeGenerated, Title, Severity, IncidentUrl) by IncidentNumber',
    '| project TimeGenerated, IncidentNumber = tostring(IncidentNumber), Title, Severity, IncidentUrl',
  ].join('\n');
}

/**
 * Makes incident labels reach people: for each route, a log search alert on the workspace's SecurityIncident table
 * fires once per newly labelled incident (split by incident number) and runs the action group. Sentinel automation
 * rules set the labels (break-glass: `page-on-call`; playbook incidents: `notify-soc`), so a label is a page, not a
 * note.
 *
 * @resource azurerm_monitor_scheduled_query_rules_alert_v2
 */
export class IncidentPaging extends Construct {
  public readonly alertRules: readonly MonitorScheduledQueryRulesAlertV2[];

  constructor(scope: Construct, id: string, props: IncidentPagingProps) {
    super(scope, id);
    if (props.routes.length === 0) throw new Error(`IncidentPaging '${id}': no routes; give at least one label to page on`);
    this.alertRules = props.routes.map(
      (route) =>
        new MonitorScheduledQueryRulesAlertV2(this, route.label, {
          name: `${props.namePrefix}-${route.label}`,
          displayName: route.displayName,
          description: `Sentinel incidents labelled '${route.label}' by an automation rule`,
          resourceGroupName: props.resourceGroup.name,
          location: props.location,
          scopes: [props.logAnalyticsWorkspaceId],
          severity: route.severity,
          evaluationFrequency: 'PT5M',
          windowDuration: 'PT5M',
          // The query looks back a day to tell new labels from old ones.
          queryTimeRangeOverride: 'P1D',
          autoMitigationEnabled: false,
          criteria: [
            {
              query: newlyLabelledIncidentsQuery(route.label),
              timeAggregationMethod: 'Count',
              operator: 'GreaterThan',
              threshold: 0,
              dimension: [{ name: 'IncidentNumber', operator: 'Include', values: ['*'] }],
              failingPeriods: { minimumFailingPeriodsToTriggerAlert: 1, numberOfEvaluationPeriods: 1 },
            },
          ],
          action: { actionGroups: [props.actionGroupId] },
          tags: props.tags ? { ...props.tags } : undefined,
        }),
    );
  }
}
