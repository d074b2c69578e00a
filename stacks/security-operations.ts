/**
 * The response and telemetry-privacy parts of the management stack, kept apart from its constructor: paging (action
 * group + label alerts), the response playbooks and the Azure Monitor Private Link Scope. Each function takes the
 * stack and what it already built.
 */
import { LandingZoneConfig } from '../config/schema';
import { ActionGroup } from '../constructs/monitoring/action-group';
import { IncidentPaging } from '../constructs/security/incident-paging';
import { ResponsePlaybooks } from '../constructs/security/response-playbooks';
import { Sentinel } from '../constructs/security/sentinel';
import { ResourceNamer } from '../lib/naming';
import { NOTIFY_LABEL, PAGE_LABEL, playbookDefinitions } from '../lib/playbooks';
import { AzureadProvider } from '../providers/azuread';
import { MonitorPrivateLinkScope, MonitorPrivateLinkScopedService, ResourceGroup } from '../providers/azurerm';
import { TerraformStack, TerraformVariable } from '../providers/cdktf';
import { PolicySuppressions } from '../lib/suppressions';

/** Terraform variable holding the security webhook receiver's URL (`TF_VAR_security_webhook_url`). */
export const SECURITY_WEBHOOK_VARIABLE = 'security_webhook_url';

/** Automation rule order of the first playbook rule (the break-glass escalation is 1). */
const FIRST_PLAYBOOK_ORDER = 10;

/** Email receivers of the security action group: config, else the Defender for Cloud security contact. */
export function securityNotificationEmails(config: Pick<LandingZoneConfig, 'management'>): string[] {
  const { notifications, defender } = config.management;
  if (notifications.emails.length > 0) return [...notifications.emails];
  return defender.securityContact ? [defender.securityContact.email] : [];
}

/**
 * The security action group and the alerts that turn incident labels into notifications (`page-on-call` at
 * severity 0, `notify-soc` at 1). Returns undefined, with nothing defined, when config gives no receiver (config
 * validation warns about it).
 */
export function defineIncidentPaging(
  stack: TerraformStack,
  config: Pick<LandingZoneConfig, 'management' | 'environment'>,
  names: ResourceNamer,
  resourceGroup: ResourceGroup,
  workspace: { readonly logAnalyticsWorkspaceId: string; readonly location: string },
): ActionGroup | undefined {
  const emails = securityNotificationEmails(config);
  const webhookUrl = config.management.notifications.webhookEnabled
    ? new TerraformVariable(stack, SECURITY_WEBHOOK_VARIABLE, {
        type: 'string',
        sensitive: true,
        nullable: false,
        description: 'URL of the security webhook receiver (paging service or Teams workflow); it carries its own credential, so only TF_VAR_security_webhook_url or a secret store sets it',
      }).stringValue
    : undefined;
  if (emails.length === 0 && !webhookUrl) return undefined;
  const actionGroup = new ActionGroup(stack, 'SecurityActionGroup', {
    resourceGroup,
    name: names.name('actionGroup', 'secops'),
    shortName: `secops-${config.environment}`.slice(0, 12),
    emails,
    webhookUrl,
  });
  new IncidentPaging(stack, 'IncidentPaging', {
    resourceGroup,
    namePrefix: names.name('scheduledQueryRule', 'incident'),
    logAnalyticsWorkspaceId: workspace.logAnalyticsWorkspaceId,
    location: workspace.location,
    actionGroupId: actionGroup.actionGroupId,
    routes: [
      { label: PAGE_LABEL, severity: 0, displayName: 'Page on-call: Sentinel incident labelled page-on-call (break-glass sign-in)' },
      { label: NOTIFY_LABEL, severity: 1, displayName: 'Notify SOC: Sentinel incident handled by a response playbook' },
    ],
  });
  return actionGroup;
}

/**
 * The response playbooks in their own resource group (so Sentinel's automation role reaches nothing else), or, when
 * config turns them off, a recorded suppression of the rule that expects them.
 */
export function defineResponsePlaybooks(stack: TerraformStack, config: Pick<LandingZoneConfig, 'management' | 'tenantId' | 'location' | 'subscriptionId'>, names: ResourceNamer, sentinel: Sentinel): ResponsePlaybooks | undefined {
  const { playbooks } = config.management;
  if (!playbooks.enabled) {
    PolicySuppressions.of(stack).add({
      ruleId: 'ZT-VIS-041',
      reason: `management.playbooks.enabled is false in config (synth warns): ${playbooks.reason ?? 'no reason given'}`,
    });
    return undefined;
  }
  const azuread = new AzureadProvider(stack, 'azuread', { tenantId: config.tenantId });
  const resourceGroup = new ResourceGroup(stack, 'PlaybookResourceGroup', { name: names.name('resourceGroup', 'playbooks'), location: config.location });
  return new ResponsePlaybooks(stack, 'ResponsePlaybooks', {
    resourceGroup,
    sentinel,
    subscriptionId: config.subscriptionId,
    definitions: playbookDefinitions(),
    workflowName: (key) => names.name('logicApp', key),
    connectionName: names.name('apiConnection', 'sentinel'),
    firstOrder: FIRST_PLAYBOOK_ORDER,
    azureadProvider: azuread,
  });
}

/** The Azure Monitor Private Link Scope with the workspace in it; the hub's private endpoint connects to it. */
export function definePrivateTelemetry(
  stack: TerraformStack,
  config: Pick<LandingZoneConfig, 'management'>,
  names: ResourceNamer,
  resourceGroup: ResourceGroup,
  logAnalyticsWorkspaceId: string,
): MonitorPrivateLinkScope | undefined {
  const { privateLink } = config.management;
  if (!privateLink.enabled) return undefined;
  const scope = new MonitorPrivateLinkScope(stack, 'MonitorPrivateLinkScope', {
    name: names.name('monitorPrivateLinkScope'),
    resourceGroupName: resourceGroup.name,
    ingestionAccessMode: privateLink.ingestionAccessMode,
    queryAccessMode: privateLink.queryAccessMode,
  });
  new MonitorPrivateLinkScopedService(stack, 'MonitorPrivateLinkScopedWorkspace', {
    name: 'workspace',
    resourceGroupName: resourceGroup.name,
    scopeName: scope.name,
    linkedResourceId: logAnalyticsWorkspaceId,
  });
  return scope;
}

/** Whether the workspace accepts public ingestion / queries: config, and never when the scope is PrivateOnly. */
export function workspacePublicAccess(config: Pick<LandingZoneConfig, 'management'>): { ingestion: boolean; query: boolean } {
  const { logAnalytics, privateLink } = config.management;
  const privateOnly = (mode: 'Open' | 'PrivateOnly') => privateLink.enabled && mode === 'PrivateOnly';
  return {
    ingestion: logAnalytics.publicIngestionEnabled && !privateOnly(privateLink.ingestionAccessMode),
    query: logAnalytics.publicQueryEnabled && !privateOnly(privateLink.queryAccessMode),
  };
}
