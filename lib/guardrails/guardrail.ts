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

/** One Azure Policy built-in definition assigned as a rule's runtime guardrail. */
export interface AzurePolicyGuardrail {
  /** GUID of the built-in definition (listed in `builtin-definitions.ts`). */
  readonly definitionId: string;
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
