/**
 * Checks that a pack's guardrails are assignable as declared, and that the landing zone can live under them. Used by
 * the tests (every problem has a failing case there) and by the governance stack, which refuses to synthesize a
 * guardrail Azure would reject.
 */
import { Rule, atLeast } from '../engine';
import { StackResult } from '../evaluate';
import { DEFAULT_FAIL_ON } from '../check';
import { BUILT_IN_POLICY_DEFINITIONS } from '../../lib/guardrails/builtin-definitions';
import { GuardrailContext } from '../../lib/guardrails/guardrail';

/** A context with every parameter source filled, to check parameter names. */
const PROBE_CONTEXT: GuardrailContext = { allowedLocations: ['westeurope'], workspaceId: '/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/z' };

/** Every problem with the rules' guardrails, as `<rule>: <problem>` lines; empty when all are sound. */
export function guardrailProblems(rules: readonly Rule[]): string[] {
  const problems: string[] = [];
  for (const rule of rules) {
    const guardrails = rule.azurePolicy ?? [];
    for (const cited of rule.references.azurePolicy ?? []) {
      if (!guardrails.some((g) => g.definitionId === cited)) problems.push(`${rule.id}: cites Azure Policy ${cited} but declares no guardrail for it (add it to azurePolicy in the rule file)`);
    }
    const keys = new Set<string>();
    for (const guardrail of guardrails) {
      const definition = BUILT_IN_POLICY_DEFINITIONS[guardrail.definitionId];
      if (!definition) {
        problems.push(`${rule.id}: Azure Policy ${guardrail.definitionId} is not in lib/guardrails/builtin-definitions.ts (verify it in Azure/azure-policy and add it)`);
        continue;
      }
      const key = `${guardrail.definitionId}/${guardrail.key ?? ''}`;
      if (keys.has(key)) problems.push(`${rule.id}: ${guardrail.definitionId} is used twice without distinct keys`);
      keys.add(key);
      if (!definition.effects.includes(guardrail.effect)) problems.push(`${rule.id}: effect ${guardrail.effect} is not allowed by "${definition.displayName}" (allowed: ${definition.effects.join(', ')})`);
      if (guardrail.effect === 'Disabled') problems.push(`${rule.id}: a Disabled guardrail enforces nothing; remove the guardrail instead`);
      const denyPossible = definition.effects.includes('Deny');
      if (denyPossible && guardrail.effect !== 'Deny' && !guardrail.notDenyBecause) problems.push(`${rule.id}: "${definition.displayName}" allows Deny; use it or say why not (notDenyBecause)`);
      if (guardrail.effect === 'Deny' && !atLeast(rule.severity, DEFAULT_FAIL_ON)) problems.push(`${rule.id}: severity ${rule.severity} only warns at synth, so its guardrail must not deny at runtime`);
      if (guardrail.scope === 'environment' && !['DeployIfNotExists', 'Modify', 'AuditIfNotExists'].includes(guardrail.effect)) problems.push(`${rule.id}: only remediation needs per-environment parameters; assign ${guardrail.effect} at a management group`);
      const values = guardrail.parameters?.(PROBE_CONTEXT) ?? {};
      for (const name of Object.keys(values)) {
        if (!(name in definition.parameters)) problems.push(`${rule.id}: "${definition.displayName}" has no parameter ${name}`);
        else if (values[name] === undefined) problems.push(`${rule.id}: parameter ${name} has no value`);
      }
      for (const [name, parameter] of Object.entries(definition.parameters)) {
        if (parameter.required && !(name in values)) problems.push(`${rule.id}: "${definition.displayName}" needs parameter ${name}`);
      }
    }
  }
  return problems;
}

/**
 * Deny guardrails the landing zone's own output would trip: a rule with a Deny guardrail must have no finding on
 * the synthesized resources other than compliant or not applicable. A suppressed finding counts too: an exemption
 * cannot exist before the resource it exempts, so the deployment itself would be denied.
 */
export function denyGuardrailViolations(results: readonly StackResult[], rules: readonly Rule[]): string[] {
  const denying = new Set(rules.filter((rule) => (rule.azurePolicy ?? []).some((g) => g.effect === 'Deny')).map((rule) => rule.id));
  const violations: string[] = [];
  for (const stack of results) {
    for (const row of stack.rows) {
      if (!denying.has(row.rule) || row.resource === null) continue;
      if (row.outcome === 'compliant' || row.outcome === 'not-applicable') continue;
      violations.push(`${row.rule} denies ${stack.stack}/${row.resource} (${row.outcome}: ${row.reason})`);
    }
  }
  return violations;
}
