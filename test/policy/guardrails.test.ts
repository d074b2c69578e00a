/**
 * The pack's runtime twins: every rule citing Azure Policy has a guardrail the governance initiatives carry with the
 * intended effect, each guardrail is assignable as declared (effect, parameters, roles from the verified built-in
 * catalogue), and no Deny guardrail would stop the landing zone's own resources.
 */
import { Rule, defineRule } from '../../policy/engine';
import { evaluateStacks } from '../../policy/evaluate';
import { BUILT_IN_POLICY_DEFINITIONS } from '../../lib/guardrails/builtin-definitions';
import { locateGuardrails, nonComplianceMessage, planEnvironmentGuardrails, planInitiatives } from '../../lib/guardrails/plan';
import { denyGuardrailViolations, guardrailProblems } from '../../policy/guardrails/validate';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import type { TerraformJson } from '../../verifier/load';
import { embeddedConfigs, synthEnvironments } from '../helpers';

const CONTEXT = { allowedLocations: ['westeurope'], workspaceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log' };
const base = ZERO_TRUST_PACK.find((rule) => rule.id === 'ZT-DATA-010')!;

/** A pack rule with other guardrails / references, for the failing cases. */
function variant(change: Partial<Rule>): Rule {
  return { ...base, references: { checkov: ['CKV_AZURE_59'] }, ...change };
}

describe('guardrails of the pack', () => {
  test('every one is assignable as declared: catalogued definition, allowed effect, Deny unless a reason, parameters', () => {
    expect(guardrailProblems(ZERO_TRUST_PACK)).toEqual([]);
  });

  test('fails: a rule citing an Azure Policy definition without a guardrail', () => {
    const rule = variant({ references: { azurePolicy: ['b2982f36-99f2-4db5-8eff-283140c09693'] }, azurePolicy: [] });
    expect(guardrailProblems([rule])).toEqual([expect.stringContaining('declares no guardrail')]);
  });

  test('fails: an effect the definition does not allow, a weaker effect without a reason, a missing or unknown parameter', () => {
    const problems = guardrailProblems([
      variant({ azurePolicy: [{ definitionId: '6edd7eda-6dd8-40f7-810d-67160c639cd9', effect: 'Deny' }] }),
      variant({ azurePolicy: [{ definitionId: '404c3081-a854-4457-ae30-26a93ef643f9', effect: 'Audit' }] }),
      variant({ azurePolicy: [{ definitionId: 'e56962a6-4747-49cd-b67b-bf8b01975c4c', effect: 'Deny' }] }),
      variant({ azurePolicy: [{ definitionId: '404c3081-a854-4457-ae30-26a93ef643f9', effect: 'Deny', parameters: () => ({ minimumTlsVersion: 'TLS1_2' }) }] }),
      variant({ azurePolicy: [{ definitionId: '00000000-0000-0000-0000-000000000000', effect: 'Deny' }] }),
    ]);
    expect(problems).toEqual([
      expect.stringContaining('effect Deny is not allowed'),
      expect.stringContaining('allows Deny; use it or say why not'),
      expect.stringContaining('needs parameter listOfAllowedLocations'),
      expect.stringContaining('has no parameter minimumTlsVersion'),
      expect.stringContaining('is not in lib/guardrails/builtin-definitions.ts'),
    ]);
  });

  test('fails: a low-severity rule that would deny at runtime', () => {
    const low = variant({ severity: 'low', azurePolicy: [{ definitionId: '4733ea7b-a883-42fe-8cac-97454c2a9e4a', effect: 'Deny' }] });
    expect(guardrailProblems([low])).toEqual([expect.stringContaining('must not deny at runtime')]);
  });

  test('defineRule cites every guardrail definition among the references (one source for the README column)', () => {
    const wording = { severity: 'high', pillar: 'networks', title: 'A planted rule', rationale: 'Planted for the test.', fix: 'Nothing to fix.' } as const;
    const rule = defineRule({ id: 'ZT-NET-999', ...wording, appliesTo: [], references: {}, azurePolicy: [{ definitionId: '83a86a26-fd1f-447c-b59d-e51f44264114', effect: 'Deny' }], evaluate: () => [] });
    expect(rule.references.azurePolicy).toEqual(['83a86a26-fd1f-447c-b59d-e51f44264114']);
  });

  test('remediating guardrails name the roles their definitions declare, nothing more', () => {
    const remediating = ZERO_TRUST_PACK.flatMap((rule) => (rule.azurePolicy ?? []).filter((g) => g.effect === 'DeployIfNotExists' || g.effect === 'Modify'));
    expect(remediating.length).toBeGreaterThan(0);
    for (const initiative of planInitiatives(CONTEXT, ZERO_TRUST_PACK)) {
      const declared = initiative.members.filter((m) => m.effect === 'DeployIfNotExists' || m.effect === 'Modify').flatMap((m) => (m.custom ? [] : (BUILT_IN_POLICY_DEFINITIONS[m.definitionId]?.roleDefinitionIds ?? ['missing'])));
      expect(initiative.roleDefinitionIds).toEqual([...new Set(declared)].sort());
    }
  });
});

describe('initiatives planned from the pack', () => {
  const initiatives = planInitiatives(CONTEXT, ZERO_TRUST_PACK);
  const environment = planEnvironmentGuardrails(CONTEXT, ZERO_TRUST_PACK);

  test('every rule citing Azure Policy is a member (or an environment assignment) with its intended effect', () => {
    const cited = ZERO_TRUST_PACK.filter((rule) => (rule.references.azurePolicy ?? []).length > 0);
    expect(cited.length).toBeGreaterThanOrEqual(40);
    for (const rule of cited) {
      for (const location of locateGuardrails(rule, initiatives)) {
        if (location.guardrail.scope === 'environment') {
          expect(environment.some((e) => e.member.sources.includes(location.referenceId) && e.member.effect === location.guardrail.effect)).toBe(true);
          continue;
        }
        const member = initiatives.find((i) => i.name === location.initiative)?.members.find((m) => m.referenceId === location.referenceId);
        expect({ rule: rule.id, effect: member?.effect }).toEqual({ rule: rule.id, effect: location.guardrail.effect });
        const effectParameter = member!.definition.effectParameter;
        if (effectParameter) expect(member!.parameterValues[effectParameter]).toEqual({ value: location.guardrail.effect });
      }
    }
  });

  test('fails: a rule whose guardrail no initiative carries is not located', () => {
    const orphan = variant({ id: 'ZT-DATA-099', azurePolicy: [{ definitionId: 'b2982f36-99f2-4db5-8eff-283140c09693', effect: 'Audit' }] });
    expect(locateGuardrails(orphan, initiatives)[0]!.initiative).toBeUndefined();
    expect(locateGuardrails(orphan, planInitiatives(CONTEXT, [...ZERO_TRUST_PACK, orphan]))[0]!.initiative).toBe('zt-data-root');
  });

  test('assignment names fit management-group assignments (24 characters) and reference IDs are unique per initiative', () => {
    for (const initiative of initiatives) {
      expect(initiative.name.length).toBeLessThanOrEqual(24);
      const ids = initiative.members.map((m) => m.referenceId);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  test('one definition mirroring two rules is one member naming both (SSH and RDP: management ports closed)', () => {
    const ports = initiatives.flatMap((i) => i.members).filter((m) => m.definitionId === '22730e10-96f6-4aac-ad84-9383d35b5917');
    expect(ports).toHaveLength(1);
    expect(ports[0]!.ruleIds).toEqual(['ZT-NET-002', 'ZT-NET-003']);
  });

  test('allowed locations come from the context, not a literal', () => {
    const locations = initiatives.flatMap((i) => i.members).filter((m) => m.definitionId === 'e56962a6-4747-49cd-b67b-bf8b01975c4c');
    expect(locations[0]!.parameterValues.listOfAllowedLocations).toEqual({ value: CONTEXT.allowedLocations });
  });

  test('non-compliance messages name the rule, its fix and its documentation anchor', () => {
    const member = initiatives.flatMap((i) => i.members).find((m) => m.ruleIds.includes('ZT-DATA-013'))!;
    const message = nonComplianceMessage(member, ZERO_TRUST_PACK, 'https://example.com/docs/policy-rules.md');
    expect(message).toContain('ZT-DATA-013 Storage accounts accept HTTPS only');
    expect(message).toContain('https_traffic_only_enabled');
    expect(message).toContain('https://example.com/docs/policy-rules.md#zt-data-013');
  });
});

describe('the landing zone under its own Deny guardrails', () => {
  const results = evaluateStacks(synthEnvironments(embeddedConfigs()) as unknown as Record<string, TerraformJson>, ZERO_TRUST_PACK);

  test('no Deny guardrail is tripped by a synthesized resource, suppressed or not', () => {
    expect(denyGuardrailViolations(results, ZERO_TRUST_PACK)).toEqual([]);
  });

  test('the Deny rules actually judged landing-zone resources (the check is not vacuous)', () => {
    const judged = new Set(results.flatMap((r) => r.rows.filter((row) => row.outcome === 'compliant').map((row) => row.rule)));
    // ZT-NET-002/003 deny with the custom management-ports definition (its own proof: test/policy/custom-definitions.test.ts).
    for (const id of ['ZT-DATA-001', 'ZT-DATA-013', 'ZT-NET-014', 'ZT-INF-008', 'ZT-NET-002', 'ZT-NET-003']) expect(judged.has(id)).toBe(true);
  });

  test('fails: an NSG rule of the landing zone opening SSH to the Internet trips the management-ports Deny guardrail', () => {
    const opened = JSON.parse(JSON.stringify(synthEnvironments(embeddedConfigs()))) as Record<string, { resource?: Record<string, Record<string, Record<string, unknown>>> }>;
    const [stack, rules] = Object.entries(opened).find(([, s]) => Object.keys(s.resource?.azurerm_network_security_rule ?? {}).length > 0)!;
    const [key, rule] = Object.entries(rules.resource!.azurerm_network_security_rule!).find(([, r]) => r.direction === 'Inbound' && r.access === 'Allow')!;
    Object.assign(rule, { source_address_prefix: 'Internet', source_address_prefixes: undefined, destination_port_range: '22', destination_port_ranges: undefined, protocol: 'Tcp' });
    const violations = denyGuardrailViolations(evaluateStacks(opened, ZERO_TRUST_PACK), ZERO_TRUST_PACK);
    expect(violations).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^ZT-NET-002 denies ${stack}/azurerm_network_security_rule\\.${key} \\(non-compliant`))]));
  });

  test('fails: a rule with a Deny guardrail that a landing-zone resource breaks (the flow-log account is suppressed)', () => {
    const denying = ZERO_TRUST_PACK.map((rule) => (rule.id === 'ZT-DATA-010' ? { ...rule, azurePolicy: [{ definitionId: 'b2982f36-99f2-4db5-8eff-283140c09693', effect: 'Deny' as const }] } : rule));
    expect(denyGuardrailViolations(results, denying)).toEqual(expect.arrayContaining([expect.stringMatching(/^ZT-DATA-010 denies .*azurerm_storage_account.* \(suppressed/)]));
  });
});
