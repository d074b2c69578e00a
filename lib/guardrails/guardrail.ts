/**
 * The runtime twin of a pack rule: the Azure Policy built-in definition that enforces the same statement after
 * deploy, the effect it is assigned with, where, and its parameters. It lives with the rule (`azurePolicy` in the
 * rule file), so adding a rule with a guardrail adds the assignment; `lib/guardrails/plan.ts` groups them into
 * per-pillar initiatives.
 */

/** Azure Policy effects (the names built-in definitions use). */
export type PolicyEffect = 'Deny' | 'Audit' | 'AuditIfNotExists' | 'DeployIfNotExists' | 'Modify' | 'Disabled';

/** Effects that change resources and therefore need an assignment identity with the definition's roles. */
export const REMEDIATING_EFFECTS: readonly PolicyEffect[] = ['DeployIfNotExists', 'Modify'];

/**
 * Where a guardrail is assigned: a management group of the ALZ-style hierarchy, or `environment`: once per
 * environment at each of its subscriptions, for parameters that differ per environment (its workspace).
 */
export type GuardrailScope = 'root' | 'platform' | 'landingzones' | 'environment';

/** Values guardrail parameters take from configuration. */
export interface GuardrailContext {
  /** Regions resources may be deployed to (the tenant's `governance.allowedLocations`). */
  readonly allowedLocations: readonly string[];
  /** Resource ID of the environment's Log Analytics workspace (`environment` scope only). */
  readonly workspaceId?: string;
}

/** The Zero Trust pillar a policy rule belongs to; an initiative groups one pillar's guardrails. */
export type Pillar = 'identity' | 'devices' | 'networks' | 'applications' | 'data' | 'infrastructure' | 'visibility';

/**
 * What guardrail planning reads of a policy rule. `policy/engine.ts`'s `Rule` satisfies it, so constructs and stacks
 * take the pack's rules without importing the policy layer.
 */
export interface GuardrailRule {
  readonly id: string;
  readonly title: string;
  /** What to do about a finding (quoted in the non-compliance message). */
  readonly fix: string;
  readonly pillar: Pillar;
  /** Resource types the rule reads. */
  readonly appliesTo: readonly string[];
  /** @default - no guardrail */
  readonly azurePolicy?: readonly AzurePolicyGuardrail[];
}

/**
 * One Azure Policy definition assigned as a rule's runtime guardrail: a built-in (`definitionId`) or one of the
 * project's custom definitions (`customDefinition`), never both.
 */
export type AzurePolicyGuardrail = GuardrailSettings &
  (
    | {
        /** GUID of the built-in definition (listed in `builtin-definitions.ts`). */
        readonly definitionId: string;
        readonly customDefinition?: undefined;
      }
    | {
        /** Name of a custom definition (listed in `custom-definitions.ts`), defined at the hierarchy's root. */
        readonly customDefinition: string;
        readonly definitionId?: undefined;
      }
  );

/** How a guardrail is assigned, whichever definition it uses. */
export interface GuardrailSettings {
  /**
   * The runtime effect. Deny where the definition allows it, the rule's severity fails a synth (medium or higher) and
   * the landing zone's own resources pass the rule without a suppression; Audit / AuditIfNotExists otherwise;
   * DeployIfNotExists / Modify where the definition remediates.
   */
  readonly effect: PolicyEffect;
  /** @default 'root' */
  readonly scope?: GuardrailScope;
  /**
   * Parameter values besides the effect.
   * @default - the definition's defaults
   */
  readonly parameters?: (context: GuardrailContext) => Readonly<Record<string, unknown>>;
  /**
   * Distinguishes several uses of one definition by a rule (one per tag name); part of the member's reference ID.
   * @default - none
   */
  readonly key?: string;
  /**
   * Why the effect is weaker than Deny although the definition allows Deny.
   * @default - none (required by the tests when Deny is allowed but not used)
   */
  readonly notDenyBecause?: string;
}

/** The definition a guardrail names: the built-in's GUID or the custom definition's name. */
export function definitionKeyOf(guardrail: AzurePolicyGuardrail): string {
  return guardrail.customDefinition !== undefined ? guardrail.customDefinition : guardrail.definitionId;
}

/** The short code of a guardrail's definition in reference IDs: a built-in's first GUID block, a custom one's name. */
export function definitionCodeOf(guardrail: Pick<AzurePolicyGuardrail, 'definitionId' | 'customDefinition'>): string {
  return guardrail.customDefinition ?? (guardrail.definitionId ?? '').slice(0, 8);
}
