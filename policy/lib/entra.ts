/**
 * Entra ID facts for the identity rules, read from the azuread resources: break-glass accounts and their group,
 * enforced Conditional Access policies, and the tenant subject tenant-wide rules report on.
 */
import { ADMIN_ROLE_NAMES, GLOBAL_ADMINISTRATOR, ROLE_TEMPLATE_IDS } from '../../lib/entra-ids';
import { CheckResult, EvaluationContext, Resource, Subject, fail, notApplicable, pass, readAll, readPath, toResult } from '../engine';

/** Template IDs of the administrator roles (Microsoft's protected roles plus the SCuBA highly privileged ones). */
export const ADMIN_ROLE_IDS: ReadonlySet<string> = new Set(ADMIN_ROLE_NAMES.map((name) => ROLE_TEMPLATE_IDS[name]));
export { GLOBAL_ADMINISTRATOR };

/** The built-in "Phishing-resistant MFA" authentication strength. */
export const PHISHING_RESISTANT_STRENGTH = '/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000004';
const PHISHING_RESISTANT_METHODS = new Set(['fido2', 'windowsHelloForBusiness', 'x509CertificateMultiFactor']);

/** Keys of users holding a permanent (active) Global Administrator assignment: the break-glass accounts. */
export function breakGlassUserKeys(ctx: EvaluationContext): ReadonlySet<string> {
  return ctx.memo('breakGlassUsers', () => {
    const keys = new Set<string>();
    for (const assignment of ctx.resources('azuread_directory_role_assignment')) {
      if (assignment.attributes.role_id !== GLOBAL_ADMINISTRATOR) continue;
      const principal = ctx.target(assignment.address.stack, assignment.attributes.principal_object_id);
      if (principal.kind === 'resource' && principal.resource.address.type === 'azuread_user') keys.add(principal.resource.key);
    }
    return keys;
  });
}

/** The groups whose members are exactly break-glass accounts (the group every policy must exclude). */
export function breakGlassGroups(ctx: EvaluationContext): readonly Resource[] {
  return ctx.memo('breakGlassGroups', () => {
    const users = breakGlassUserKeys(ctx);
    return ctx.resources('azuread_group').filter((group) => {
      const members = readAll(group.attributes, 'members').map((m) => ctx.target(group.address.stack, m));
      return members.length > 0 && members.every((m) => m.kind === 'resource' && users.has(m.resource.key));
    });
  });
}

/** Conditional Access policies that are on (`enabled`; report-only ones enforce nothing). */
export function enforcedPolicies(ctx: EvaluationContext): readonly Resource[] {
  return ctx.resources('azuread_conditional_access_policy').filter((p) => (p.attributes.state ?? 'enabled') === 'enabled');
}

/** Does the policy target all users and all cloud apps? */
export function targetsEveryone(policy: Resource): boolean {
  return list(policy, 'conditions.users.included_users').includes('All') && list(policy, 'conditions.applications.included_applications').includes('All');
}

/** Does the policy block access? */
export function blocks(policy: Resource): boolean {
  return list(policy, 'grant_controls.built_in_controls').includes('block');
}

/** Does the policy require MFA (built-in control or an authentication strength)? */
export function requiresMfa(policy: Resource): boolean {
  return list(policy, 'grant_controls.built_in_controls').includes('mfa') || readPath(policy.attributes, 'grant_controls.authentication_strength_policy_id') !== undefined;
}

/** Does the policy require a phishing-resistant strength (the built-in one, or a custom one with only such methods)? */
export function requiresPhishingResistantMfa(ctx: EvaluationContext, policy: Resource): boolean {
  const raw = readPath(policy.attributes, 'grant_controls.authentication_strength_policy_id');
  if (raw === PHISHING_RESISTANT_STRENGTH) return true;
  const target = ctx.target(policy.address.stack, raw);
  if (target.kind !== 'resource' || target.resource.address.type !== 'azuread_authentication_strength_policy') return false;
  const methods = list(target.resource, 'allowed_combinations');
  return methods.length > 0 && methods.every((m) => PHISHING_RESISTANT_METHODS.has(m));
}

/** A string list attribute (`[]` when absent). */
export function list(resource: Resource, path: string): string[] {
  return readAll(resource.attributes, path).filter((v): v is string => typeof v === 'string');
}

/** The tenant subject: placed in the first stack with azuread resources; undefined when the environment has none. */
export function tenantSubject(ctx: EvaluationContext): Subject | undefined {
  const stack = ctx.stackNames.find((name) => Object.keys(ctx.stack(name).resource ?? {}).some((type) => type.startsWith('azuread_')));
  if (!stack) return undefined;
  const provider = ((ctx.stack(stack).provider as Record<string, unknown> | undefined)?.azuread ?? []) as Record<string, unknown>[];
  const tenant = (Array.isArray(provider) ? provider[0] : provider)?.tenant_id;
  return { stack, type: 'tenant', name: typeof tenant === 'string' && !tenant.includes('${') ? tenant : ctx.environment };
}

/**
 * A tenant-wide requirement: some enforced Conditional Access policy satisfies `satisfies`. Reports on the tenant
 * subject; not applicable where the environment manages no Conditional Access.
 */
export function judgeTenant(ctx: EvaluationContext, satisfies: (policy: Resource) => boolean, met: string, missing: string): CheckResult[] {
  const subject = tenantSubject(ctx);
  if (!subject) return [];
  if (!ctx.has('azuread_conditional_access_policy')) return [notApplicable(subject, 'no Conditional Access policies in this environment')];
  const found = enforcedPolicies(ctx).find(satisfies);
  return [toResult(subject, found ? pass(`${met} by ${found.address.name}`) : fail(missing))];
}
