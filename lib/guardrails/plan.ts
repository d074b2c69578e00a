/**
 * From the pack to Azure Policy: every rule's guardrails grouped into one initiative (policy set definition) per
 * pillar and management-group scope, with the effect and parameters baked into each member, the roles remediating
 * members need, and the non-compliance message a team sees. Pure data: the governance constructs synthesize it and
 * the tests read it.
 */
import { BUILT_IN_POLICY_DEFINITIONS, PolicyDefinitionFacts, builtInDefinitionId } from './builtin-definitions';
import { CUSTOM_POLICY_DEFINITIONS, CustomPolicyDefinition, customDefinitionFacts } from './custom-definitions';
import {
  AzurePolicyGuardrail,
  GuardrailContext,
  GuardrailRule,
  Pillar,
  GuardrailScope,
  PolicyEffect,
  REMEDIATING_EFFECTS,
  definitionCodeOf,
  definitionKeyOf,
} from './guardrail';
import { sortedEntries } from '../collections';

/** Management-group scopes initiatives are assigned at (`environment` guardrails are assigned per subscription). */
export type ManagementGroupScope = Exclude<GuardrailScope, 'environment'>;

/** One member of an initiative: a built-in or custom definition with its effect and parameters, for one or more rules. */
export interface GuardrailMember {
  /** Unique in its initiative: the first rule's ID, the definition's code (`definitionCodeOf`) and the guardrail's key. */
  readonly referenceId: string;
  /** The built-in's GUID or the custom definition's name (`definitionKeyOf`). */
  readonly definitionId: string;
  readonly definition: PolicyDefinitionFacts;
  /**
   * The custom definition, which the governance stack defines at the hierarchy's root and the member references.
   * @default - a built-in definition
   */
  readonly custom?: CustomPolicyDefinition;
  readonly effect: PolicyEffect;
  /** Parameter values including the effect, as Azure Policy expects them (`{ name: { value } }`). */
  readonly parameterValues: Readonly<Record<string, { readonly value: unknown }>>;
  /** Rules this member enforces (one definition can mirror several rules, e.g. SSH and RDP). */
  readonly ruleIds: readonly string[];
  /** The guardrails merged into this member, as `referenceIdOf(rule, guardrail)`. */
  readonly sources: readonly string[];
}

/** One initiative and where it is assigned. */
export interface GuardrailInitiative {
  /** `zt-<pillar>-<scope>`; also the assignment name (management-group assignment names are at most 24 characters). */
  readonly name: string;
  readonly displayName: string;
  readonly pillar: Pillar;
  readonly scope: ManagementGroupScope;
  readonly members: readonly GuardrailMember[];
  /** Role definition GUIDs the remediating members declare; the assignment identity gets exactly these. */
  readonly roleDefinitionIds: readonly string[];
}

/** A guardrail assigned once per environment subscription (its parameters depend on the environment). */
export interface EnvironmentGuardrail {
  readonly member: GuardrailMember;
  readonly guardrail: AzurePolicyGuardrail;
}

/** Short scope names keep assignment names within 24 characters. */
const SCOPE_CODES: Record<ManagementGroupScope, string> = { root: 'root', platform: 'plat', landingzones: 'lz' };

/** The member reference ID of a rule's guardrail (also what an exemption names). */
export function referenceIdOf(ruleId: string, guardrail: Pick<AzurePolicyGuardrail, 'definitionId' | 'customDefinition' | 'key'>): string {
  return [ruleId.toLowerCase(), definitionCodeOf(guardrail), guardrail.key].filter(Boolean).join('-');
}

/** The rule's documentation anchor in docs/policy-rules.md. */
export function ruleAnchor(ruleId: string): string {
  return ruleId.toLowerCase();
}

/** The custom definition a guardrail names, undefined for a built-in or a name missing from the catalogue. */
export function customDefinitionOf(guardrail: AzurePolicyGuardrail): CustomPolicyDefinition | undefined {
  return guardrail.customDefinition === undefined ? undefined : CUSTOM_POLICY_DEFINITIONS[guardrail.customDefinition];
}

/** The facts of the definition a guardrail uses, undefined when it is in neither catalogue. */
export function definitionFactsOf(guardrail: AzurePolicyGuardrail): PolicyDefinitionFacts | undefined {
  if (guardrail.customDefinition === undefined) return BUILT_IN_POLICY_DEFINITIONS[guardrail.definitionId];
  const custom = customDefinitionOf(guardrail);
  return custom && customDefinitionFacts(custom);
}

/** The catalogue a guardrail's definition must be listed in (for messages). */
export function catalogueOf(guardrail: AzurePolicyGuardrail): string {
  return guardrail.customDefinition === undefined ? 'lib/guardrails/builtin-definitions.ts' : 'lib/guardrails/custom-definitions.ts';
}

/** The definition a guardrail uses; throws when it is not in the verified (built-in) or custom catalogue. */
export function definitionOf(guardrail: AzurePolicyGuardrail, ruleId: string): PolicyDefinitionFacts {
  const definition = definitionFactsOf(guardrail);
  if (!definition) throw new Error(`${ruleId}: Azure Policy definition ${definitionKeyOf(guardrail)} is not in ${catalogueOf(guardrail)}`);
  return definition;
}

/** Parameter values of a guardrail for a context, effect included. */
export function parameterValuesOf(guardrail: AzurePolicyGuardrail, definition: PolicyDefinitionFacts, context: GuardrailContext): Record<string, { value: unknown }> {
  const values: Record<string, { value: unknown }> = {};
  if (definition.effectParameter) values[definition.effectParameter] = { value: guardrail.effect };
  for (const [name, value] of Object.entries(guardrail.parameters?.(context) ?? {})) values[name] = { value };
  return Object.fromEntries(sortedEntries(values));
}

function memberOf(rule: GuardrailRule, guardrail: AzurePolicyGuardrail, context: GuardrailContext): GuardrailMember {
  const definition = definitionOf(guardrail, rule.id);
  const custom = customDefinitionOf(guardrail);
  return {
    referenceId: referenceIdOf(rule.id, guardrail),
    definitionId: definitionKeyOf(guardrail),
    definition,
    ...(custom ? { custom } : {}),
    effect: guardrail.effect,
    parameterValues: parameterValuesOf(guardrail, definition, context),
    ruleIds: [rule.id],
    sources: [referenceIdOf(rule.id, guardrail)],
  };
}

/**
 * The initiatives of a pack for a tenant: one per pillar and scope that has guardrails, members in rule order; a
 * definition used by several rules with the same effect and parameters is one member naming all of them.
 */
export function planInitiatives(context: GuardrailContext, rules: readonly GuardrailRule[]): GuardrailInitiative[] {
  const byName = new Map<string, { pillar: Pillar; scope: ManagementGroupScope; members: GuardrailMember[] }>();
  for (const rule of rules) {
    for (const guardrail of rule.azurePolicy ?? []) {
      const scope = guardrail.scope ?? 'root';
      if (scope === 'environment') continue;
      const name = `zt-${rule.pillar}-${SCOPE_CODES[scope]}`;
      const initiative = byName.get(name) ?? { pillar: rule.pillar, scope, members: [] };
      byName.set(name, initiative);
      const member = memberOf(rule, guardrail, context);
      const same = initiative.members.findIndex(
        (m) => m.definitionId === member.definitionId && m.effect === member.effect && JSON.stringify(m.parameterValues) === JSON.stringify(member.parameterValues),
      );
      const merged = initiative.members[same];
      if (merged) {
        initiative.members[same] = { ...merged, ruleIds: [...new Set([...merged.ruleIds, rule.id])], sources: [...merged.sources, ...member.sources] };
      }
      else initiative.members.push(member);
    }
  }
  return [...byName.keys()].sort().map((name) => {
    const { pillar, scope, members } = byName.get(name)!;
    const roles = members.filter((m) => REMEDIATING_EFFECTS.includes(m.effect)).flatMap((m) => m.definition.roleDefinitionIds);
    return {
      name,
      displayName: `Zero Trust guardrails: ${pillar} (${scope === 'root' ? 'all subscriptions' : scope})`,
      pillar,
      scope,
      members,
      roleDefinitionIds: [...new Set(roles)].sort(),
    };
  });
}

/** Guardrails assigned per environment subscription, with that environment's parameters. */
export function planEnvironmentGuardrails(context: GuardrailContext, rules: readonly GuardrailRule[]): EnvironmentGuardrail[] {
  return rules.flatMap((rule) =>
    (rule.azurePolicy ?? []).filter((guardrail) => guardrail.scope === 'environment').map((guardrail) => ({ guardrail, member: memberOf(rule, guardrail, context) })),
  );
}

/** Where a rule's guardrails are enforced: the initiative (or environment assignment) and member of each. */
export interface GuardrailLocation {
  readonly ruleId: string;
  readonly guardrail: AzurePolicyGuardrail;
  /** The initiative's assignment name, or undefined for an environment guardrail. */
  readonly initiative?: string;
  readonly referenceId: string;
}

/** Every guardrail location of a rule, in declaration order. */
export function locateGuardrails(rule: GuardrailRule, initiatives: readonly GuardrailInitiative[]): GuardrailLocation[] {
  return (rule.azurePolicy ?? []).map((guardrail) => {
    const source = referenceIdOf(rule.id, guardrail);
    if (guardrail.scope === 'environment') return { ruleId: rule.id, guardrail, referenceId: source };
    for (const initiative of initiatives) {
      const member = initiative.members.find((m) => m.sources.includes(source));
      if (member) return { ruleId: rule.id, guardrail, initiative: initiative.name, referenceId: member.referenceId };
    }
    return { ruleId: rule.id, guardrail, referenceId: source };
  });
}

/**
 * What a team sees when a member denies or flags a resource: the rule(s), the fix, and where the rule is documented.
 * Azure shows it in the portal, the CLI error and the activity log.
 */
export function nonComplianceMessage(member: GuardrailMember, rules: readonly GuardrailRule[], docsUrl: string): string {
  const named = member.ruleIds.map((id) => rules.find((rule) => rule.id === id)).filter((rule): rule is GuardrailRule => rule !== undefined);
  const first = named[0];
  const what = named.map((rule) => `${rule.id} ${rule.title}`).join('; ');
  return `${what}. Fix: ${first?.fix ?? 'see the rule'} Why, and how to request an exemption: ${docsUrl}#${ruleAnchor(member.ruleIds[0] ?? '')}`;
}

export { builtInDefinitionId };

/** Joins the reasons of several suppressions of one rule on one resource in an exemption's description. */
export const EXEMPTION_REASON_SEPARATOR = ' | ';
