/**
 * What governance puts into an environment's own stacks, next to the resources concerned:
 *
 * - CanNotDelete locks on the load-bearing platform resources (hub VNet, firewall and its policy, private DNS zones,
 *   workspace, state storage), unless the environment turns them off (`locks.enabled`).
 * - Policy exemptions mirroring the pack's suppressions: a suppression covering a resource for a rule with a runtime
 *   guardrail becomes an exemption of that resource from that guardrail's assignment (only the rule's members), with
 *   the same reason and expiry. Nothing else is exempt.
 */
import { Construct } from 'constructs';
import { TenantGovernance, environmentAssignmentId, initiativeAssignmentId } from '../config/governance-plan';
import { LandingZoneConfig } from '../config/schema';
import { Rule } from '../policy/engine';
import { locateGuardrails, planInitiatives } from '../policy/guardrails/plan';
import { ZERO_TRUST_PACK } from '../policy/pack';
import { PolicySuppressions } from '../policy/suppressions';
import { ManagementLock, ResourcePolicyExemption } from '../providers/azurerm';
import { TerraformResource, TerraformStack } from '../providers/cdktf';
import type { EnvironmentStacks } from './environment';

/** Resource types locked in each stack. */
export const LOCKED_TYPES = {
  connectivity: ['azurerm_virtual_network', 'azurerm_firewall', 'azurerm_firewall_policy', 'azurerm_private_dns_zone'],
  management: ['azurerm_log_analytics_workspace'],
} as const;

/** Name of every platform lock (one per locked resource, so unique per scope). */
export const LOCK_NAME = 'zt-platform-cannotdelete';
const LOCK_NOTES = 'Load-bearing platform resource of the Zero Trust landing zone. To delete or replace it, follow README "Changing a locked resource".';

function resourcesOf(stack: TerraformStack, types: readonly string[]): TerraformResource[] {
  return stack.node
    .findAll()
    .filter((c): c is TerraformResource => c instanceof TerraformResource && types.includes(c.terraformResourceType));
}

/** A construct ID from a construct path (IDs cannot contain '/'). */
function idOf(resource: TerraformResource): string {
  return resource.node.path.split('/').slice(1).join('_');
}

/** Locks the environment's platform resources (and its state storage) against deletion. */
export function lockPlatformResources(stacks: EnvironmentStacks, config: LandingZoneConfig): ManagementLock[] {
  if (!config.locks.enabled) return [];
  const locks: ManagementLock[] = [];
  const lockIn = (stack: TerraformStack, types: readonly string[]) => {
    const scope = new Construct(stack, 'Locks');
    for (const resource of resourcesOf(stack, types)) {
      locks.push(new ManagementLock(scope, idOf(resource), { name: LOCK_NAME, scope: resource.getStringAttribute('id'), lockLevel: 'CanNotDelete', notes: LOCK_NOTES }));
    }
    return scope;
  };
  lockIn(stacks.connectivity, LOCKED_TYPES.connectivity);
  const managementLocks = lockIn(stacks.management, LOCKED_TYPES.management);
  if (config.backend.type === 'azurerm') {
    const { subscriptionId, resourceGroupName, storageAccountName } = config.backend;
    const stateAccount = `/subscriptions/${subscriptionId ?? config.subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.Storage/storageAccounts/${storageAccountName}`;
    locks.push(new ManagementLock(managementLocks, 'StateStorage', { name: LOCK_NAME, scope: stateAccount, lockLevel: 'CanNotDelete', notes: LOCK_NOTES }));
  }
  return locks;
}

/** Where exemption metadata records the suppression it mirrors. */
export interface ExemptionMetadata {
  readonly ruleId: string;
  readonly suppressionAddedOn?: string;
  readonly source: 'policy pack suppression';
}

/** Exemptions for every suppression covering a resource of the environment for a rule with a guardrail. */
export function mirrorSuppressionsAsExemptions(
  stacks: EnvironmentStacks,
  config: LandingZoneConfig,
  governance: TenantGovernance,
  rules: readonly Rule[] = ZERO_TRUST_PACK,
): ResourcePolicyExemption[] {
  const initiatives = planInitiatives(governance.context, rules);
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const subscriptionOf = new Map<TerraformStack, string>([
    [stacks.management, config.subscriptionId],
    [stacks.connectivity, config.subscriptionId],
    ...config.spokes.map((spoke) => [stacks.spokes.get(spoke.name)!, spoke.subscriptionId ?? config.subscriptionId] as [TerraformStack, string]),
  ]);
  const exemptions: ResourcePolicyExemption[] = [];
  for (const [stack, subscriptionId] of subscriptionOf) {
    const scope = new Construct(stack, 'PolicyExemptions');
    const resources = stack.node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource && c.terraformResourceType.startsWith('azurerm_'));
    for (const resource of resources) {
      for (const { record, level } of PolicySuppressions.covering(resource)) {
        const rule = byId.get(record.ruleId);
        if (!rule?.azurePolicy?.length) continue;
        // A suppression on a construct or stack covers the resources the rule judges, not every resource below it.
        if (level !== 'resource' && !rule.appliesTo.includes(resource.terraformResourceType)) continue;
        const byAssignment = new Map<string, { name: string; referenceIds: string[] }>();
        for (const location of locateGuardrails(rule, initiatives)) {
          const initiative = initiatives.find((i) => i.name === location.initiative);
          const assignmentId = initiative
            ? initiativeAssignmentId(governance, initiative.scope, initiative.name)
            : environmentAssignmentId(subscriptionId, config.environment, location.referenceId);
          const entry = byAssignment.get(assignmentId) ?? { name: initiative?.name ?? `${config.environment}-${location.referenceId}`, referenceIds: [] };
          if (initiative) entry.referenceIds.push(location.referenceId);
          byAssignment.set(assignmentId, entry);
        }
        for (const [assignmentId, { name, referenceIds }] of [...byAssignment].sort(([a], [b]) => a.localeCompare(b))) {
          const metadata: ExemptionMetadata = { ruleId: rule.id, suppressionAddedOn: record.addedOn, source: 'policy pack suppression' };
          exemptions.push(
            new ResourcePolicyExemption(scope, `${idOf(resource)}-${rule.id}-${name}`, {
              name: `${rule.id.toLowerCase()}-${name}`.slice(0, 64),
              displayName: `${rule.id} ${rule.title}`.slice(0, 128),
              description: record.reason,
              exemptionCategory: 'Waiver',
              resourceId: resource.getStringAttribute('id'),
              policyAssignmentId: assignmentId,
              policyDefinitionReferenceIds: referenceIds.length > 0 ? [...new Set(referenceIds)].sort() : undefined,
              // The suppression works through its last day (UTC); so does the exemption.
              expiresOn: record.expires ? `${record.expires}T23:59:59Z` : undefined,
              metadata: JSON.stringify(metadata),
            }),
          );
        }
      }
    }
  }
  return exemptions;
}
