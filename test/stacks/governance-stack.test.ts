/**
 * The tenant governance stack and what governance puts into the environments: the hierarchy (created or
 * referenced), subscription placement, every rule's guardrail in an assigned initiative with its effect, scopes that
 * contain the subscriptions they must govern, exemptions equal to suppressions, and the platform locks per environment.
 */
import { ARCHETYPES, ARCHETYPE_PARENT, GovernanceSchema, MANAGEMENT_GROUP_ID_PATTERN } from '../../config/governance-schema';
import { ancestorsOf, planTenantGovernance, scopeGaps } from '../../config/governance-plan';
import { ProblemCollector } from '../../config/problems';
import { LandingZoneConfig } from '../../config/schema';
import { evaluateStacks } from '../../policy/evaluate';
import { exemptionMismatches, missingGuardrails } from '../../policy/guardrails/coverage';
import { planEnvironmentGuardrails, planInitiatives } from '../../lib/guardrails/plan';
import { workspaceResourceId } from '../../stacks/management-stack';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import { LOCKED_TYPES, LOCK_NAME, exemptionsOfStack } from '../../stacks/environment-governance';
import type { TerraformJson } from '../../verifier/load';
import { AzurermStorageAccount as StorageAccount } from '../../providers/azurerm';
import { Testing } from 'cdktf';
import { TerraformStack } from '../../providers/cdktf';
import { PolicySuppressions } from '../../lib/suppressions';
import { SynthesizedStack, at, defined, embeddedConfigs, parse, resourcesOfType, stackNamed, synthEnvironments } from '../helpers';

const configs = embeddedConfigs();
const tenants = [...new Map(configs.map((c) => [c.tenantConfig.tenant, c.tenantConfig])).values()].filter((t) => t.governance);
const stacks = synthEnvironments(configs);
const governanceOfTenant = (tenant: string) => stackNamed(stacks, `${tenant}-governance`);
const governanceStack = (tenant: string) => stackNamed(stacks, `${tenant}-governance`);

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

test('the embedded tenant has governance (the tests below are not vacuous)', () => {
  expect(tenants.length).toBeGreaterThan(0);
  for (const tenant of tenants) expect(governanceOfTenant(tenant.tenant)).toBeDefined();
});

describe.each(tenants.map((t) => [t.tenant, t] as const))('%s-governance', (name, tenant) => {
  const governance = governanceStack(name);
  const environments = configs.filter((c) => c.tenantConfig.tenant === name);
  const plan = planTenantGovernance(tenant.tenantId, tenant.governance!, environments, new ProblemCollector(tenant.source));

  test('creates the ALZ hierarchy under the tenant root group: every archetype, its parent, valid IDs and display names', () => {
    const groups = resourcesOfType(governance, 'azurerm_management_group');
    expect(groups).toHaveLength(ARCHETYPES.length);
    const byName = new Map(groups.map((g) => [String(g.name), g]));
    for (const group of plan.managementGroups) {
      const synthesized = byName.get(group.id)!;
      expect(group.id).toMatch(MANAGEMENT_GROUP_ID_PATTERN);
      expect(String(synthesized.display_name).length).toBeLessThanOrEqual(90);
      if (group.archetype === 'root') expect(synthesized.parent_management_group_id).toBeUndefined();
      else expect(synthesized.parent_management_group_id).toContain(`ManagementGroups_${ARCHETYPE_PARENT[group.archetype]}_`);
    }
  });

  test('places every subscription of its environments exactly once', () => {
    const subscriptions = [...new Set(environments.flatMap((e) => [e.subscriptionId, ...e.spokes.map((s) => s.subscriptionId ?? e.subscriptionId)]))].sort();
    const associations = resourcesOfType(governance, 'azurerm_management_group_subscription_association').map((a) => String(a.subscription_id));
    expect(associations.sort()).toEqual(subscriptions.map((id) => `/subscriptions/${id}`));
  });

  test('every rule guardrail is in an assigned initiative (or environment assignment) with its intended effect', () => {
    expect(missingGuardrails(governance as unknown as TerraformJson, ZERO_TRUST_PACK)).toEqual([]);
  });

  test('fails: a member removed from the synthesized initiative', () => {
    const broken = clone(governance);
    const sets = defined(broken.resource?.azurerm_management_group_policy_set_definition, 'policy set definitions');
    const data = Object.values(sets).find((s) => String(s.name).startsWith('zt-data-'))!;
    data.policy_definition_reference = (data.policy_definition_reference as { reference_id: string }[]).filter((m) => !m.reference_id.startsWith('zt-data-013-'));
    expect(missingGuardrails(broken as unknown as TerraformJson, ZERO_TRUST_PACK)).toEqual(['ZT-DATA-013: 404c3081-a854-4457-ae30-26a93ef643f9 is in no assigned initiative']);
  });

  test('fails: a member assigned with another effect', () => {
    const broken = clone(governance);
    const data = Object.values(defined(broken.resource?.azurerm_management_group_policy_set_definition, 'policy set definitions')).find((s) => String(s.name).startsWith('zt-data-'))!;
    for (const member of data.policy_definition_reference as { reference_id: string; parameter_values?: string }[]) {
      if (member.reference_id.startsWith('zt-data-013-')) member.parameter_values = JSON.stringify({ effect: { value: 'Audit' } });
    }
    expect(missingGuardrails(broken as unknown as TerraformJson, ZERO_TRUST_PACK)).toEqual([expect.stringContaining('ZT-DATA-013: 404c3081-a854-4457-ae30-26a93ef643f9 is assigned with Audit, not Deny')]);
  });

  test('each assignment scope contains the subscriptions it must govern', () => {
    const scopes = planInitiatives(plan.context, ZERO_TRUST_PACK).map((i) => i.scope);
    expect(scopes).toEqual(expect.arrayContaining(['root', 'landingzones']));
    expect(scopeGaps(plan, scopes)).toEqual([]);
    const assignments = resourcesOfType(governance, 'azurerm_management_group_policy_assignment');
    for (const initiative of planInitiatives(plan.context, ZERO_TRUST_PACK)) {
      const assignment = assignments.find((a) => a.name === initiative.name)!;
      expect(assignment.management_group_id).toContain(`ManagementGroups_${initiative.scope}_`);
    }
  });

  test('fails: a spoke subscription placed outside the landing zones', () => {
    const environment = at(environments, 0);
    const subscription = at(environment.spokes.map((s) => s.subscriptionId ?? environment.subscriptionId), 0);
    const moved = { ...plan, placements: plan.placements.map((p) => (p.subscriptionId === subscription ? { ...p, archetype: 'connectivity' as const } : p)) };
    expect(scopeGaps(moved, ['landingzones'])).toEqual([expect.stringContaining(`${subscription}`)]);
    const problems = new ProblemCollector('tenant.yaml');
    planTenantGovernance(tenant.tenantId, { ...tenant.governance!, subscriptionPlacement: { [subscription]: 'connectivity' } }, environments, problems);
    expect(problems.problems.map((p) => p.message)).toEqual([expect.stringContaining('place it under corp or online')]);
  });

  test('remediation identities hold exactly the roles their definitions declare, at the assignment scope', () => {
    const roles = resourcesOfType(governance, 'azurerm_role_assignment');
    const assignments = resourcesOfType(governance, 'azurerm_management_group_policy_assignment');
    for (const initiative of planInitiatives(plan.context, ZERO_TRUST_PACK)) {
      const assignment = assignments.find((a) => a.name === initiative.name)!;
      const granted = roles.filter((r) => String(r.description).includes(`of ${initiative.name}:`)).map((r) => String(r.role_definition_id).split('/').pop());
      expect(granted.sort()).toEqual([...initiative.roleDefinitionIds]);
      expect(assignment.identity === undefined).toBe(initiative.roleDefinitionIds.length === 0);
    }
  });
});

describe('exemptions mirror suppressions', () => {
  const results = evaluateStacks(stacks as unknown as Record<string, TerraformJson>, ZERO_TRUST_PACK);

  test('every suppressed finding of a guarded rule has its exemption (same resource, reason, expiry) and nothing else is exempt', () => {
    const exemptions = Object.values(stacks).flatMap((s) => resourcesOfType(s, 'azurerm_resource_policy_exemption'));
    expect(exemptions.length).toBeGreaterThan(0);
    expect(exemptionMismatches(stacks as unknown as Record<string, TerraformJson>, results, ZERO_TRUST_PACK)).toEqual([]);
  });

  test('fails: a suppression without its exemption, and an exemption without a suppression', () => {
    const broken = clone<Record<string, SynthesizedStack>>(stacks);
    const [stackName, stack] = Object.entries(broken).find(([, s]) => Object.keys(s.resource?.azurerm_resource_policy_exemption ?? {}).length > 0)!;
    const exemptions = defined(stack.resource?.azurerm_resource_policy_exemption, 'exemptions');
    const [first, removed] = at(Object.entries(exemptions), 0);
    delete exemptions[first];
    expect(exemptionMismatches(broken as unknown as Record<string, TerraformJson>, results, ZERO_TRUST_PACK)).toEqual([expect.stringContaining('suppression without its exemption')]);
    exemptions[first] = { ...removed, description: 'someone exempted this by hand' };
    expect(exemptionMismatches(broken as unknown as Record<string, TerraformJson>, results, ZERO_TRUST_PACK)).toEqual(
      expect.arrayContaining([expect.stringContaining('suppression without its exemption'), expect.stringContaining(`exemption without a suppression: ${stackName}/`)]),
    );
  });

  test('an expiring suppression gives an exemption expiring at the end of its last day; merged with a lasting one it lasts', () => {
    const tenant = at(tenants, 0);
    const members = configs.filter((c) => c.tenantConfig.tenant === tenant.tenant);
    const governance = planTenantGovernance(tenant.tenantId, tenant.governance!, members, new ProblemCollector(tenant.source));
    const synthesized = parse(
      Testing.synthScope((stack) => {
        const expiring = new StorageAccount(stack, 'Expiring', { name: 'stexpiring', resourceGroupName: 'rg', location: 'westeurope', accountTier: 'Standard', accountReplicationType: 'ZRS' });
        PolicySuppressions.of(expiring).add({ ruleId: 'ZT-DATA-010', reason: 'public until the private endpoint ships', expires: '2099-06-30' });
        const merged = new StorageAccount(stack, 'Merged', { name: 'stmerged', resourceGroupName: 'rg', location: 'westeurope', accountTier: 'Standard', accountReplicationType: 'ZRS' });
        PolicySuppressions.of(merged).add({ ruleId: 'ZT-DATA-010', reason: 'public until the private endpoint ships', expires: '2099-06-30' });
        PolicySuppressions.of(merged).add({ ruleId: 'ZT-DATA-010', reason: 'Network Watcher writes here as a trusted service' });
        PolicySuppressions.of(merged).add({ ruleId: 'ZT-NET-025', reason: 'a rule without a runtime guardrail: no exemption' });
        exemptionsOfStack(stack as TerraformStack, at(members, 0).subscriptionId, at(members, 0).environment, governance, ZERO_TRUST_PACK);
      }),
    );
    const exemptions = resourcesOfType(synthesized, 'azurerm_resource_policy_exemption');
    expect(exemptions).toHaveLength(2);
    const [expiring, merged] = (['Expiring', 'Merged'] as const).map((id) => defined(exemptions.find((e) => String(e.resource_id).includes(`azurerm_storage_account.${id}.`)), `the ${id} exemption`));
    expect(expiring).toMatchObject({ expires_on: '2099-06-30T23:59:59Z', description: 'public until the private endpoint ships', policy_definition_reference_ids: ['zt-data-010-b2982f36'], exemption_category: 'Waiver' });
    expect(String(expiring!.policy_assignment_id)).toMatch(/managementGroups\/[^/]+\/providers\/Microsoft.Authorization\/policyAssignments\/zt-data-root$/);
    expect(merged!.expires_on).toBeUndefined();
    expect(merged!.description).toBe('public until the private endpoint ships | Network Watcher writes here as a trusted service');
  });

  test('fails: a stack-wide suppression that accepts no finding exempts a compliant resource', () => {
    const redundant = clone<LandingZoneConfig[]>(configs);
    const env = redundant.find((c) => c.hub.ddosProtection.enabled)!;
    (env as { policySuppressions: unknown[] }).policySuppressions = [
      ...env.policySuppressions,
      { ruleId: 'ZT-NET-040', reason: 'redundant: the hub has its plan already', stacks: ['connectivity'] },
    ];
    const synthesized = synthEnvironments(redundant) as unknown as Record<string, TerraformJson>;
    const mismatches = exemptionMismatches(synthesized, evaluateStacks(synthesized, ZERO_TRUST_PACK), ZERO_TRUST_PACK);
    expect(mismatches).toEqual([expect.stringMatching(new RegExp(`^exemption without a suppression: ${env.environment}-connectivity/azurerm_virtual_network\\..* ZT-NET-040`))]);
  });
});

describe('per-environment remediation', () => {
  test('a spoke in its own subscription gets the assignment, and its identity the declared roles there and on the workspace', () => {
    const own = clone<LandingZoneConfig[]>(configs);
    const env = own.find((c) => c.tenantConfig.governance && c.spokes.length > 0)!;
    const spokeSubscription = '00000000-0000-0000-0000-0000000000aa';
    (env.spokes[0] as { subscriptionId?: string }).subscriptionId = spokeSubscription;
    const governance = stackNamed(synthEnvironments(own), `${env.tenantConfig.tenant}-governance`);
    const assignments = resourcesOfType(governance, 'azurerm_subscription_policy_assignment').filter((a) => a.subscription_id === `/subscriptions/${spokeSubscription}`);
    expect(assignments.length).toBe(planEnvironmentGuardrails({ allowedLocations: ['westeurope'], workspaceId: 'x' }, ZERO_TRUST_PACK).length);
    const grants = resourcesOfType(governance, 'azurerm_role_assignment').filter((r) => String(r.description).includes(`${env.environment}-`) && String(r.principal_id).includes(spokeSubscription));
    const scopes = new Set(grants.map((g) => String(g.scope)));
    expect(scopes).toEqual(new Set([`/subscriptions/${spokeSubscription}`, workspaceResourceId(env)]));
    const associations = resourcesOfType(governance, 'azurerm_management_group_subscription_association').map((a) => a.subscription_id);
    expect(associations).toContain(`/subscriptions/${spokeSubscription}`);
  });
});

describe('platform locks', () => {
  test.each(configs.map((c) => [c.environment, c] as const))('%s: CanNotDelete on the load-bearing resources when locks are enabled', (environment, config) => {
    const count = (stack: string, types: readonly string[]) => types.reduce((n, t) => n + resourcesOfType(stackNamed(stacks, `${environment}-${stack}`), t).length, 0);
    const locks = ['connectivity', 'management'].flatMap((s) => resourcesOfType(stackNamed(stacks, `${environment}-${s}`), 'azurerm_management_lock'));
    if (!config.locks.enabled) {
      expect(locks).toEqual([]);
      return;
    }
    const expected = count('connectivity', LOCKED_TYPES.connectivity) + count('management', LOCKED_TYPES.management);
    expect(locks).toHaveLength(expected);
    for (const lock of locks) expect(lock).toMatchObject({ lock_level: 'CanNotDelete', name: LOCK_NAME });
    const scopes = locks.map((l) => String(l.scope));
    expect(scopes.some((s) => s.startsWith('${azurerm_firewall.'))).toBe(true);
    expect(scopes.some((s) => s.startsWith('${azurerm_firewall_policy.'))).toBe(true);
    expect(scopes.some((s) => s.startsWith('${azurerm_log_analytics_workspace.'))).toBe(true);
  });
});

describe('an existing hierarchy', () => {
  test('is referenced, never created', () => {
    const existing = clone<LandingZoneConfig[]>(configs);
    const tenant = at(existing, 0).tenantConfig;
    const ids = { root: 'corp-root', platform: 'corp-platform', landingzones: 'corp-lz', connectivity: 'corp-conn', management: 'corp-mgmt', identity: 'corp-id', corp: 'corp-corp' };
    const governance = GovernanceSchema.parse({ ...tenant.governance, hierarchy: { mode: 'existing', managementGroups: ids } });
    for (const c of existing) if (c.tenantConfig.tenant === tenant.tenant) (c as { tenantConfig: unknown }).tenantConfig = { ...tenant, governance };
    const synthesized = stackNamed(synthEnvironments(existing), `${tenant.tenant}-governance`);
    expect(resourcesOfType(synthesized, 'azurerm_management_group')).toEqual([]);
    const lookups = Object.values(synthesized.data?.azurerm_management_group ?? {}).map((d) => d.name);
    expect(lookups.sort()).toEqual(Object.values(ids).sort());
    expect(ancestorsOf('corp')).toEqual(['corp', 'landingzones', 'root']);
  });
});

describe('governance config', () => {
  const base = at(tenants, 0).governance!;
  const problemsOf = (input: unknown) => {
    const parsed = GovernanceSchema.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  test('fails: management group IDs too long, with forbidden characters or a trailing period', () => {
    expect(problemsOf({ ...base, hierarchy: { mode: 'create', prefix: 'x'.repeat(80), displayName: 'X' } })).toEqual([expect.stringContaining("room for '-decommissioned'")]);
    expect(problemsOf({ ...base, hierarchy: { mode: 'create', prefix: 'bad/id', displayName: 'X' } })).toEqual([expect.stringContaining('is not a management group ID')]);
    expect(problemsOf({ ...base, hierarchy: { mode: 'create', prefix: 'ends.', displayName: 'X' } })).toEqual([expect.stringContaining('cannot end with a period')]);
    expect(problemsOf({ ...base, hierarchy: { mode: 'create', prefix: 'ok', displayName: 'y'.repeat(91) } })).toEqual([expect.stringContaining('at most 90 characters')]);
  });

  test("fails: an environment's region outside the allowed locations", () => {
    const problems = new ProblemCollector('tenant.yaml');
    const environments = configs.filter((c) => c.tenantConfig.tenant === at(tenants, 0).tenant);
    const elsewhere = ['eastus', 'westus', 'northeurope', 'westeurope'].find((l) => !environments.some((e) => e.location === l))!;
    planTenantGovernance(at(tenants, 0).tenantId, { ...base, allowedLocations: [elsewhere] }, environments, problems);
    expect(problems.problems.map((p) => p.path)).toEqual(environments.map(() => 'governance.allowedLocations'));
  });
});
