/**
 * PIM for Azure RBAC, per subscription of an environment (called by the management stack for each subscription with
 * that subscription's provider): the role management policy of every managed role and the configured eligible
 * assignments. Kept out of the stack constructor so the wiring stays one call.
 */
import { Construct } from 'constructs';
import { LandingZoneConfig } from '../config/schema';
import { AzureRolePimPolicy } from '../constructs/access/azure-role-pim-policy';
import { PIM_MANAGED_AZURE_ROLES, PimExpiry } from '../lib/pim';
import { PolicySuppressions } from '../lib/suppressions';
import { TerraformProvider, TerraformStack } from '../providers/cdktf';

/** Who hears of Azure role activations: config, else the Defender for Cloud security contact. */
export function pimNotificationEmails(config: Pick<LandingZoneConfig, 'management' | 'privilegedAccess'>): string[] {
  const configured = config.privilegedAccess.azureRoles.notificationEmails;
  if (configured.length > 0) return [...configured];
  const contact = config.management.defender.securityContact;
  return contact ? [contact.email] : [];
}

/** The PIM policies (and eligible assignments) of one subscription; none when config turns Azure PIM off. */
export function defineAzurePim(scope: Construct, config: Pick<LandingZoneConfig, 'management' | 'privilegedAccess' | 'subscriptionId'>, subscriptionId: string, provider?: TerraformProvider): AzureRolePimPolicy[] {
  const azure = config.privilegedAccess.azureRoles;
  if (!azure.enabled) {
    if (subscriptionId !== config.subscriptionId) return [];
    PolicySuppressions.of(TerraformStack.of(scope)).add({
      ruleId: 'ZT-ID-026',
      reason: 'privilegedAccess.azureRoles.enabled is false in config (synth warns): Azure role activations keep the tenant PIM defaults',
    });
    return [];
  }
  const holder = new Construct(scope, `Pim-${subscriptionId}`);
  return PIM_MANAGED_AZURE_ROLES.map((role) => {
    const policy = new AzureRolePimPolicy(holder, role.replace(/ /g, ''), {
      subscriptionId,
      role,
      provider,
      maximumActivation: azure.maximumActivation,
      authenticationContext: azure.authenticationContext,
      approverGroupObjectIds: role === 'Owner' && azure.ownerApprovalRequired ? azure.approverGroupObjectIds : [],
      eligibleExpiry: azure.eligibleExpiry as PimExpiry,
      activeExpiry: azure.activeExpiry as PimExpiry,
      notificationEmails: pimNotificationEmails(config),
    });
    for (const assignment of azure.eligibleAssignments) {
      if (assignment.role !== role || (assignment.subscriptionId ?? config.subscriptionId) !== subscriptionId) continue;
      policy.addEligibleAssignment(`Eligible-${assignment.principalObjectId}`, assignment.principalObjectId, assignment.justification);
    }
    return policy;
  });
}
