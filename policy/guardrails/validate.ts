/**
 * Checks that a pack's guardrails are assignable as declared, and that the landing zone can live under them. Used by
 * the tests (every problem has a failing case there) and by the governance stack, which refuses to synthesize a
 * guardrail Azure would reject.
 */
import { Rule, atLeast } from '../engine';
import { StackResult } from '../evaluate';
import { DEFAULT_FAIL_ON } from '../check';
import { CUSTOM_POLICY_DEFINITIONS, CustomPolicyDefinition, effectParameterOf } from '../../lib/guardrails/custom-definitions';
import { GuardrailContext, REMEDIATING_EFFECTS, definitionKeyOf } from '../../lib/guardrails/guardrail';
import { catalogueOf, customDefinitionOf, definitionFactsOf } from '../../lib/guardrails/plan';

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
      const definition = definitionFactsOf(guardrail);
      const definitionKey = definitionKeyOf(guardrail);
      if (!definition) {
        const how = guardrail.customDefinition === undefined ? 'verify it in Azure/azure-policy and add it' : 'define it there or name an existing one';
        problems.push(`${rule.id}: Azure Policy ${definitionKey} is not in ${catalogueOf(guardrail)} (${how})`);
        continue;
      }
      const key = `${definitionKey}/${guardrail.key ?? ''}`;
      if (keys.has(key)) problems.push(`${rule.id}: ${definitionKey} is used twice without distinct keys`);
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
      const custom = customDefinitionOf(guardrail);
      if (custom) {
        // The project's definitions declare no roles, so nothing could remediate with them.
        if (REMEDIATING_EFFECTS.includes(guardrail.effect)) problems.push(`${rule.id}: custom definition ${custom.name} declares no roles, so it cannot ${guardrail.effect}`);
        for (const [name, value] of Object.entries(values)) {
          const allowed = custom.parameters[name]?.allowedValues;
          if (allowed && !allowed.includes(value)) problems.push(`${rule.id}: parameter ${name} = ${JSON.stringify(value)} is not allowed by ${custom.name} (allowed: ${allowed.join(', ')})`);
        }
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

/** Azure limits a policy definition name to 64 characters; the project's names are lowercase words and dashes. */
const CUSTOM_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_CUSTOM_NAME = 64;

/**
 * Every problem with the custom definition catalogue, as `<name>: <problem>` lines: names Azure accepts and unique,
 * a semantic version, an effect parameter whose allowed values are effects and include its default, and parameters
 * that the rule uses exactly as declared (a default is valid for its allowed values).
 */
export function customDefinitionProblems(definitions: readonly CustomPolicyDefinition[] = Object.values(CUSTOM_POLICY_DEFINITIONS)): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const definition of definitions) {
    const { name } = definition;
    if (seen.has(name)) problems.push(`${name}: defined twice`);
    seen.add(name);
    if (name.length > MAX_CUSTOM_NAME || !CUSTOM_NAME.test(name)) problems.push(`${name}: a name is at most ${MAX_CUSTOM_NAME} lowercase letters, digits and single dashes`);
    if (!/^\d+\.\d+\.\d+$/.test(definition.metadata.version)) problems.push(`${name}: metadata.version ${definition.metadata.version} is not a semantic version`);
    const effectParameter = effectParameterOf(definition);
    if (effectParameter === undefined) problems.push(`${name}: then.effect must be [parameters('effect')] so an assignment chooses the effect`);
    else {
      const effect = definition.parameters[effectParameter];
      if (!effect?.allowedValues?.length) problems.push(`${name}: parameter ${effectParameter} needs allowedValues (the effects)`);
      else if (!effect.allowedValues.every((value) => ['Audit', 'Deny', 'Disabled', 'AuditIfNotExists'].includes(String(value)))) problems.push(`${name}: ${effectParameter} allows an effect that needs details or roles`);
    }
    for (const [parameterName, parameter] of Object.entries(definition.parameters)) {
      if (parameter.defaultValue !== undefined && parameter.allowedValues && !parameter.allowedValues.includes(parameter.defaultValue)) {
        problems.push(`${name}: the default of ${parameterName} is not among its allowed values`);
      }
    }
    const rule = JSON.stringify(definition.policyRule);
    const used = new Set([...rule.matchAll(/parameters\('([^']+)'\)/g)].map((match) => match[1]));
    for (const parameterName of used) if (parameterName !== undefined && !(parameterName in definition.parameters)) problems.push(`${name}: the rule uses undeclared parameter ${parameterName}`);
    for (const parameterName of Object.keys(definition.parameters)) if (!used.has(parameterName)) problems.push(`${name}: parameter ${parameterName} is declared but not used`);
  }
  return problems;
}
