/**
 * Offline proofs over synthesized JSON: the governance stack carries every rule's guardrail with its intended effect,
 * and the environments' exemptions are exactly their suppressions. Each returns the problems, empty when sound.
 */
import { TerraformJson } from '../../verifier/load';
import { Rule } from '../engine';
import { StackResult } from '../evaluate';
import { definitionCodeOf, definitionKeyOf } from '../../lib/guardrails/guardrail';
import { EXEMPTION_REASON_SEPARATOR, referenceIdOf } from '../../lib/guardrails/plan';
import { jsonText } from '../../lib/json-text';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

function resourcesOf(json: TerraformJson, type: string): Record<string, unknown>[] {
  return Object.values(((json.resource ?? {}) as Resources)[type] ?? {});
}

/** The effect a synthesized member or assignment carries (`parameter_values` / `parameters`), else the fixed one. */
function effectIn(parameters: unknown, fixed: string): string {
  if (typeof parameters !== 'string') return fixed;
  const values = JSON.parse(parameters) as Record<string, { value?: unknown }>;
  const effect = values.effect ?? values.audit_effect;
  return typeof effect?.value === 'string' ? effect.value : fixed;
}

/**
 * Every guardrail of every rule, found in the governance stack's JSON: as a policy set member (by reference ID) of an
 * assigned initiative, or as a per-environment subscription assignment, with the rule's effect. A custom definition is
 * defined once in the stack (policy type Custom, at a management group) and what uses it references that definition.
 */
export function missingGuardrails(governance: TerraformJson, rules: readonly Rule[]): string[] {
  const members = new Map<string, string>();
  const definitionIdOf = new Map<string, string>();
  const assignments = resourcesOf(governance, 'azurerm_management_group_policy_assignment');
  const assignedSets = new Set(assignments.map((a) => String(a.policy_definition_id)));
  // The rules a member mirrors are named in its non-compliance message (a merged member keeps the first rule's ID).
  const messages = new Map(
    assignments.flatMap((a) => ((a.non_compliance_message ?? []) as Record<string, unknown>[]).map((m) => [String(m.policy_definition_reference_id), String(m.content)] as const)),
  );
  for (const [key, set] of Object.entries(((governance.resource ?? {}) as Resources).azurerm_management_group_policy_set_definition ?? {})) {
    if (![...assignedSets].some((id) => id.includes(`azurerm_management_group_policy_set_definition.${key}.`))) continue;
    for (const member of (set.policy_definition_reference ?? []) as Record<string, unknown>[]) {
      members.set(String(member.reference_id), effectIn(member.parameter_values, ''));
      definitionIdOf.set(String(member.reference_id), String(member.policy_definition_id));
    }
  }
  const subscriptionAssignments = resourcesOf(governance, 'azurerm_subscription_policy_assignment');
  const customDefinitions = Object.entries(((governance.resource ?? {}) as Resources).azurerm_policy_definition ?? {});
  const problems: string[] = [];
  for (const rule of rules) {
    for (const guardrail of rule.azurePolicy ?? []) {
      const source = referenceIdOf(rule.id, guardrail);
      const definitionKey = definitionKeyOf(guardrail);
      // The token a member or assignment of a custom definition must hold: the ID of its one definition in the stack.
      let customToken: string | undefined;
      if (guardrail.customDefinition !== undefined) {
        const defined = customDefinitions.filter(([, d]) => d.name === guardrail.customDefinition);
        const [only] = defined;
        if (defined.length !== 1 || !only) problems.push(`${rule.id}: custom definition ${definitionKey} is defined ${defined.length} times in the governance stack, not once`);
        else if (only[1].policy_type !== 'Custom' || typeof only[1].management_group_id !== 'string') problems.push(`${rule.id}: custom definition ${definitionKey} is not a Custom definition at a management group`);
        else customToken = `\${azurerm_policy_definition.${only[0]}.id}`;
      }
      const referencesDefinition = (id: unknown) => customToken === undefined || id === customToken;
      if (guardrail.scope === 'environment') {
        const found = subscriptionAssignments.filter((a) => String(a.name).endsWith(source));
        if (found.length === 0) problems.push(`${rule.id}: no subscription assignment of ${definitionKey}`);
        for (const a of found) if (!referencesDefinition(a.policy_definition_id)) problems.push(`${rule.id}: ${String(a.name)} does not assign the stack's ${definitionKey}`);
        for (const a of found) if (effectIn(a.parameters, guardrail.effect) !== guardrail.effect) problems.push(`${rule.id}: ${String(a.name)} is not ${guardrail.effect}`);
        continue;
      }
      // Merged members keep the first rule's reference ID; any member naming this definition and key counts.
      const code = definitionCodeOf(guardrail);
      const candidates = [...members.entries()].filter(
        ([id]) =>
          (id === source || (id.includes(`-${code}`) && (!guardrail.key || id.endsWith(`-${guardrail.key}`)) && (messages.get(id) ?? '').includes(`${rule.id} `))) &&
          referencesDefinition(definitionIdOf.get(id)),
      );
      if (candidates.length === 0) problems.push(`${rule.id}: ${definitionKey} is in no assigned initiative`);
      else if (!candidates.some(([, effect]) => effect === '' || effect === guardrail.effect)) problems.push(`${rule.id}: ${definitionKey} is assigned with ${candidates.map(([, e]) => e).join('/')}, not ${guardrail.effect}`);
    }
  }
  return problems;
}

/** One exemption or suppressed finding, compared by resource, rule, reason and expiry. */
interface Waiver {
  readonly key: string;
  readonly reason: string;
  readonly expires?: string;
}

/**
 * Exemptions equal suppressions: every suppressed finding of a rule with a guardrail has an exemption of the same
 * resource for that rule with the same reason and expiry, and no exemption exists without such a finding.
 */
export function exemptionMismatches(stacks: Record<string, TerraformJson>, results: readonly StackResult[], rules: readonly Rule[]): string[] {
  const guarded = new Set(rules.filter((rule) => (rule.azurePolicy ?? []).length > 0).map((rule) => rule.id));
  const suppressed: Waiver[] = results.flatMap((stack) =>
    stack.rows
      .filter((row) => row.outcome === 'suppressed' && guarded.has(row.rule) && row.resource !== null)
      .map((row) => ({ key: `${stack.stack}/${row.resource} ${row.rule}`, reason: row.suppression!.reason, expires: row.suppression!.expires })),
  );
  const exempted: Waiver[] = [];
  for (const [stack, json] of Object.entries(stacks)) {
    for (const exemption of resourcesOf(json, 'azurerm_resource_policy_exemption')) {
      const target = /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\.id\}$/.exec(String(exemption.resource_id))?.[1] ?? String(exemption.resource_id);
      const ruleId = (JSON.parse(jsonText(exemption.metadata ?? '{}')) as { ruleId?: string }).ruleId ?? '?';
      const expires = typeof exemption.expires_on === 'string' ? exemption.expires_on.slice(0, 10) : undefined;
      exempted.push({ key: `${stack}/${target} ${ruleId}`, reason: String(exemption.description), expires });
    }
  }
  const problems: string[] = [];
  // An exemption may merge several suppressions of one rule on one resource (reasons joined, the last expiry).
  const covers = (e: Waiver, s: Waiver) =>
    e.key === s.key && e.reason.split(EXEMPTION_REASON_SEPARATOR).includes(s.reason) && (e.expires === undefined ? true : s.expires !== undefined && e.expires >= s.expires);
  for (const s of suppressed) if (!exempted.some((e) => covers(e, s))) problems.push(`suppression without its exemption: ${s.key} (${s.reason}${s.expires ? `, until ${s.expires}` : ''})`);
  for (const e of exempted) if (!suppressed.some((s) => covers(e, s))) problems.push(`exemption without a suppression: ${e.key} (${e.reason})`);
  return [...new Set(problems)];
}
