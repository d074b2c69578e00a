/**
 * Cross-field checks of response, private telemetry and PIM settings: the combinations the schema alone cannot see
 * (a Private Link Scope whose zones the hub does not host, playbooks off without a reason, Owner approval without
 * approvers, alerts nobody receives).
 */
import { ParsedLandingZoneConfig } from './schema';
import { ProblemCollector } from './problems';

export function checkSecurityOperations(config: Pick<ParsedLandingZoneConfig, 'management' | 'privilegedAccess' | 'hub' | 'subscriptionId' | 'spokes'>, problems: ProblemCollector): void {
  const { management, privilegedAccess } = config;
  const { privateLink, playbooks, notifications } = management;

  if (!privateLink.enabled) {
    for (const key of ['ingestionAccessMode', 'queryAccessMode'] as const) {
      if (privateLink[key] === 'PrivateOnly') problems.error(`management.privateLink.${key}`, 'is PrivateOnly but privateLink.enabled is false: there is no scope to be private through; enable the scope or use Open');
    }
    if (!management.logAnalytics.publicIngestionEnabled) {
      problems.warning('management.logAnalytics.publicIngestionEnabled', 'is false without an Azure Monitor Private Link Scope: agents have no way to send data; enable management.privateLink');
    }
  } else if (!config.hub.privateDns.services.includes('azureMonitor')) {
    problems.error('hub.privateDns.services', "does not include azureMonitor, whose zones the Azure Monitor Private Link Scope's endpoint registers in; add it or set management.privateLink.enabled: false");
  }

  if (!playbooks.enabled) {
    if (!playbooks.reason) problems.error('management.playbooks.reason', 'is required when playbooks are off: say why response stays manual here (it is recorded with the policy suppression)');
    else problems.warning('management.playbooks.enabled', 'is false: risky sign-ins and devices at risk are not contained automatically; an analyst must act on every incident');
  }
  if (management.sentinel.enabled && notifications.emails.length === 0 && !notifications.webhookEnabled && !management.defender.securityContact) {
    problems.warning('management.notifications', 'has no receiver (no emails, no webhook, no Defender security contact): break-glass and playbook incidents page nobody; add the on-call address');
  }

  const azure = privilegedAccess.azureRoles;
  if (azure.enabled && azure.ownerApprovalRequired && azure.approverGroupObjectIds.length === 0) {
    problems.error('privilegedAccess.azureRoles.approverGroupObjectIds', 'is empty while ownerApprovalRequired is true: no one could approve an Owner activation; name an approver group or set ownerApprovalRequired: false');
  }
  if (!azure.enabled) {
    problems.warning('privilegedAccess.azureRoles.enabled', 'is false: Azure role activations keep the tenant defaults (8 hours, no justification) and nothing here makes them just-in-time');
  }
  const subscriptions = new Set([config.subscriptionId, ...config.spokes.map((s) => s.subscriptionId).filter((id): id is string => id !== undefined)]);
  const seen = new Set<string>();
  azure.eligibleAssignments.forEach((assignment, i) => {
    const subscriptionId = assignment.subscriptionId ?? config.subscriptionId;
    if (!subscriptions.has(subscriptionId)) {
      problems.error(`privilegedAccess.azureRoles.eligibleAssignments[${i}].subscriptionId`, `${subscriptionId} is not a subscription of this environment; use ${[...subscriptions].sort().join(' or ')}`);
    }
    const key = `${assignment.principalObjectId}|${assignment.role}|${subscriptionId}`;
    if (seen.has(key)) problems.error(`privilegedAccess.azureRoles.eligibleAssignments[${i}]`, `${assignment.principalObjectId} is already eligible for ${assignment.role} there; remove the duplicate`);
    seen.add(key);
  });
  if (!azure.enabled && azure.eligibleAssignments.length > 0) {
    problems.error('privilegedAccess.azureRoles.eligibleAssignments', 'are listed while azureRoles.enabled is false; enable PIM settings first, or remove them');
  }
}
