/**
 * What governance puts into an environment's own stacks, next to the resources concerned:
 *
 * - CanNotDelete locks on the load-bearing platform resources (hub VNet, firewall and its policy, private DNS zones,
 *   workspace), unless the environment turns them off (`locks.enabled`); the state storage account is locked by the
 *   bootstrap stack that creates it.
 * - Policy exemptions mirroring the pack's suppressions: a suppression covering a resource for a rule with a runtime
 *   guardrail becomes an exemption of that resource from that guardrail's assignment (only the rule's members), with
 *   the same reason and expiry. Nothing else is exempt.
 */
import { Construct } from 'constructs';
import { TenantGovernance, environmentAssignmentId, initiativeAssignmentId } from '../config/governance-plan';
import { LandingZoneConfig } from '../config/schema';
import type { GuardrailRule } from '../lib/guardrails/guardrail';
import { EXEMPTION_REASON_SEPARATOR, GuardrailInitiative, locateGuardrails, planInitiatives } from '../lib/guardrails/plan';
import { PolicySuppressions } from '../lib/suppressions';
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

/** Locks the environment's platform resources against deletion. */
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
  lockIn(stacks.management, LOCKED_TYPES.management);
  // The state storage account is locked where it is created: the bootstrap stack (stacks/state-storage-stack.ts).
  return locks;
}

/** Where exemption metadata records the suppression it mirrors. */
export interface ExemptionMetadata {
  readonly ruleId: string;
  /** Construct paths the mirrored suppressions were added on. */
  readonly suppressionsAddedOn: readonly string[];
  readonly source: 'policy pack suppression';
}

/** Exemptions for every suppression covering a resource of the environment for a rule with a guardrail. */
export function mirrorSuppressionsAsExemptions(
  stacks: EnvironmentStacks,
  config: LandingZoneConfig,
  governance: TenantGovernance,
  rules: readonly GuardrailRule[],
): ResourcePolicyExemption[] {
  const subscriptionOf = new Map<TerraformStack, string>([
    [stacks.management, config.subscriptionId],
    [stacks.connectivity, config.subscriptionId],
    ...config.spokes.map((spoke) => [stacks.spokes.get(spoke.name)!, spoke.subscriptionId ?? config.subscriptionId] as [TerraformStack, string]),
  ]);
  // One plan for every stack of the environment (it depends only on the tenant's context and the rules).
  const initiatives = planInitiatives(governance.context, rules);
  return [...subscriptionOf].flatMap(([stack, subscriptionId]) => exemptionsOfStack(stack, subscriptionId, config.environment, governance, rules, initiatives));
}

/** The exemptions of one stack deployed into `subscriptionId` (see `mirrorSuppressionsAsExemptions`). */
export function exemptionsOfStack(
  stack: TerraformStack,
  subscriptionId: string,
  environment: string,
  governance: TenantGovernance,
  rules: readonly GuardrailRule[],
  initiatives: readonly GuardrailInitiative[] = planInitiatives(governance.context, rules),
): ResourcePolicyExemption[] {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const exemptions: ResourcePolicyExemption[] = [];
  const scope = new Construct(stack, 'PolicyExemptions');
  const resources = stack.node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource && c.terraformResourceType.startsWith('azurerm_'));
  for (const resource of resources) {
    // Several suppressions of one rule on one resource (code and config) become one exemption: reasons joined,
    // expiring with the last of them (never, when one never expires).
    const byRule = new Map<string, { rule: GuardrailRule; reasons: string[]; expires: (string | undefined)[]; addedOn: string[] }>();
    for (const { record, level } of PolicySuppressions.covering(resource)) {
      const rule = byId.get(record.ruleId);
      if (!rule?.azurePolicy?.length) continue;
      // A suppression on a construct or stack covers the resources the rule judges, not every resource below it.
      if (level !== 'resource' && !rule.appliesTo.includes(resource.terraformResourceType)) continue;
      const entry = byRule.get(rule.id) ?? { rule, reasons: [], expires: [], addedOn: [] };
      entry.reasons.push(record.reason);
      entry.expires.push(record.expires);
      if (record.addedOn) entry.addedOn.push(record.addedOn);
      byRule.set(rule.id, entry);
    }
    for (const { rule, reasons, expires, addedOn } of byRule.values()) {
      const lastDay = expires.some((e) => e === undefined) ? undefined : (expires as string[]).sort().pop();
      const byAssignment = new Map<string, { name: string; referenceIds: string[] }>();
      for (const location of locateGuardrails(rule, initiatives)) {
        const initiative = initiatives.find((i) => i.name === location.initiative);
        const assignmentId = initiative
          ? initiativeAssignmentId(governance, initiative.scope, initiative.name)
          : environmentAssignmentId(subscriptionId, environment, location.referenceId);
        const entry = byAssignment.get(assignmentId) ?? { name: initiative?.name ?? `${environment}-${location.referenceId}`, referenceIds: [] };
        if (initiative) entry.referenceIds.push(location.referenceId);
        byAssignment.set(assignmentId, entry);
      }
      for (const [assignmentId, { name, referenceIds }] of [...byAssignment].sort(([a], [b]) => a.localeCompare(b))) {
        const metadata: ExemptionMetadata = { ruleId: rule.id, suppressionsAddedOn: [...new Set(addedOn)], source: 'policy pack suppression' };
        exemptions.push(
          new ResourcePolicyExemption(scope, `${idOf(resource)}-${rule.id}-${name}`, {
            name: `${rule.id.toLowerCase()}-${name}`.slice(0, 64),
            displayName: `${rule.id} ${rule.title}`.slice(0, 128),
            description: [...new Set(reasons)].join(EXEMPTION_REASON_SEPARATOR),
            exemptionCategory: 'Waiver',
            resourceId: resource.getStringAttribute('id'),
            policyAssignmentId: assignmentId,
            policyDefinitionReferenceIds: referenceIds.length > 0 ? [...new Set(referenceIds)].sort() : undefined,
            // The suppression works through its last day (UTC); so does the exemption.
            expiresOn: lastDay ? `${lastDay}T23:59:59Z` : undefined,
            metadata: JSON.stringify(metadata),
          }),
        );
      }
    }
  }
  return exemptions;
}
