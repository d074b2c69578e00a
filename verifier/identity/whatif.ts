/**
 * Offline Conditional Access What-If over the synthesized azuread JSON: which policies apply to a sign-in, which do
 * not and why, and the combined result, separately for enforced and report-only policies.
 *
 * Semantics follow Microsoft's What If tool (learn.microsoft.com/entra/identity/conditional-access/what-if-tool):
 * disabled policies are never evaluated; a policy applies when every configured condition matches (an unconfigured
 * condition matches everything); exclusions beat inclusions; a condition the sign-in does not supply (risk levels
 * default to `none`) makes a policy that needs it not apply. Not-applying policies carry the first failing condition
 * in Graph's `analysisReasons` vocabulary. Across applying policies any block wins; otherwise every policy's grant
 * must be met (AND/OR within a policy).
 */
import { cidr } from '../../lib/cidr';
import { APP_GROUPS, BUILT_IN_STRENGTH_COMBINATIONS, BUILT_IN_STRENGTH_IDS, roleTemplateId } from '../../lib/entra-ids';
import { CaPolicy, IdentityModel, PolicyState } from './model';

export type ClientApp = 'browser' | 'mobileAppsAndDesktopClients' | 'exchangeActiveSync' | 'other';
export type Platform = 'android' | 'iOS' | 'linux' | 'macOS' | 'windows' | 'windowsPhone' | 'unknown';
export type Risk = 'none' | 'low' | 'medium' | 'high';
export type GuestType = 'b2bCollaborationGuest' | 'b2bCollaborationMember' | 'b2bDirectConnectUser' | 'internalGuest' | 'otherExternalUser' | 'serviceProvider';

/** One interactive user sign-in. */
export interface SignIn {
  readonly user: {
    /** Terraform address of a user in the stack (`azuread_user.X`), an object ID, or any label. */
    readonly id: string;
    /** Groups by Terraform address, object ID or display name (membership recorded in the JSON is added). */
    readonly groups?: readonly string[];
    /** Active directory roles, by template ID or name (assignments in the JSON are added). */
    readonly roles?: readonly string[];
    /** Absent for members. */
    readonly guestType?: GuestType;
  };
  /** Resource (application ID) signed in to; give this or `userAction`. */
  readonly application?: string;
  readonly userAction?: 'urn:user:registersecurityinfo' | 'urn:user:registerdevice';
  readonly clientApp: ClientApp;
  readonly authenticationFlow?: 'deviceCodeFlow' | 'authenticationTransfer';
  readonly platform: Platform;
  /** Client IPv4 address. */
  readonly ip?: string;
  /** ISO 3166-1 alpha-2 country of the IP; absent when unknown. */
  readonly country?: string;
  readonly device?: { readonly compliant?: boolean; readonly hybridJoined?: boolean };
  /** @default 'none' */
  readonly userRisk?: Risk;
  /** @default 'none' */
  readonly signInRisk?: Risk;
  /** Registered authentication methods, e.g. `password`, `microsoftAuthenticatorPush`, `fido2`. */
  readonly methods: readonly string[];
}

/** Graph `conditionalAccessWhatIfReasons` values this evaluator reports. */
export type NotAppliedReason =
  | 'policyNotEnabled'
  | 'users'
  | 'workloadIdentities'
  | 'application'
  | 'userActions'
  | 'clientApps'
  | 'authenticationFlow'
  | 'devicePlatform'
  | 'location'
  | 'devices'
  | 'userRisk'
  | 'signInRisk'
  | 'insiderRisk';

export interface Requirement {
  /** What the policy asks for, e.g. `authentication strength Phishing-resistant MFA` or `compliantDevice OR domainJoinedDevice`. */
  readonly description: string;
  readonly satisfied: boolean;
  /** The code a user who cannot meet it most likely sees. */
  readonly failureCode?: AadstsCode;
  /** The interrupt a user who can meet it goes through. */
  readonly interruptCode?: AadstsCode;
}

export interface PolicyEvaluation {
  readonly policy: string;
  readonly address: string;
  readonly state: PolicyState;
  readonly applies: boolean;
  readonly reason?: NotAppliedReason;
  /** Why it applies or not, in words. */
  readonly detail: string;
  readonly block?: boolean;
  readonly requirement?: Requirement;
  readonly session?: string;
}

export interface AadstsCode {
  readonly code: number;
  readonly name: string;
}

/**
 * AADSTS codes (learn.microsoft.com/entra/identity-platform/reference-error-codes):
 * 53003 BlockedByConditionalAccess, 50076 UserStrongAuthClientAuthNRequired (MFA step-up), 50079
 * UserStrongAuthEnrollmentRequired (must register a method that satisfies the requirement), 53000 DeviceNotCompliant,
 * 53001 DeviceNotDomainJoined, 53002 ApplicationUsedIsNotAnApprovedApp, 50142 PasswordChangeRequiredConditionalAccess,
 * 50158 ExternalSecurityChallenge (custom controls / external authentication not satisfied).
 */
export const AADSTS = {
  blocked: { code: 53003, name: 'BlockedByConditionalAccess' },
  mfaRequired: { code: 50076, name: 'UserStrongAuthClientAuthNRequired' },
  mfaEnrollmentRequired: { code: 50079, name: 'UserStrongAuthEnrollmentRequired' },
  deviceNotCompliant: { code: 53000, name: 'DeviceNotCompliant' },
  deviceNotDomainJoined: { code: 53001, name: 'DeviceNotDomainJoined' },
  notApprovedApp: { code: 53002, name: 'ApplicationUsedIsNotAnApprovedApp' },
  passwordChange: { code: 50142, name: 'PasswordChangeRequiredConditionalAccess' },
  externalChallenge: { code: 50158, name: 'ExternalSecurityChallenge' },
} as const satisfies Record<string, AadstsCode>;

export interface Outcome {
  /** `blocked`: a block applies; `controlsRequired`: grants apply (see `satisfiable`); `allowed`: nothing to meet. */
  readonly result: 'blocked' | 'controlsRequired' | 'allowed';
  /** Whether the user can meet every requirement with their methods and device (true when allowed). */
  readonly satisfiable: boolean;
  /** Policies that decide the result. */
  readonly decidedBy: readonly string[];
  readonly requirements: readonly Requirement[];
  /** The most likely AADSTS code: the failure a user sees, or the interrupt they pass; absent when nothing happens. */
  readonly aadsts?: AadstsCode;
}

export interface WhatIfResult {
  readonly evaluations: readonly PolicyEvaluation[];
  /** From `enabled` policies: what happens today. */
  readonly enforced: Outcome;
  /** From `enabledForReportingButNotEnforced` policies: what would happen once they are enabled (logged only today). */
  readonly reportOnly: Outcome;
  /** Every non-disabled policy as if enforced: what happens when the rollout is complete. */
  readonly allEnabled: Outcome;
}

/** Evaluates one sign-in against every policy of the model. */
export function whatIf(model: IdentityModel, signIn: SignIn): WhatIfResult {
  if ((signIn.application === undefined) === (signIn.userAction === undefined)) {
    throw new Error('a sign-in targets either an application or a user action');
  }
  const context = signInContext(model, signIn);
  const evaluations = model.policies.map((policy) => evaluatePolicy(model, policy, signIn, context));
  const applying = (states: readonly PolicyState[]) => evaluations.filter((e) => e.applies && states.includes(e.state));
  return {
    evaluations,
    enforced: combine(applying(['enabled'])),
    reportOnly: combine(applying(['enabledForReportingButNotEnforced'])),
    allEnabled: combine(applying(['enabled', 'enabledForReportingButNotEnforced'])),
  };
}

interface SignInContext {
  readonly userKeys: ReadonlySet<string>;
  readonly groups: ReadonlySet<string>;
  readonly roles: ReadonlySet<string>;
  readonly locations: ReadonlySet<string>;
  readonly trusted: boolean;
}

function signInContext(model: IdentityModel, signIn: SignIn): SignInContext {
  const userKeys = new Set([signIn.user.id]);
  const byName = new Map([...model.groups.values()].map((g) => [g.displayName, g.key]));
  const groups = new Set((signIn.user.groups ?? []).map((g) => byName.get(g) ?? g));
  // Membership recorded in the JSON, transitively (Conditional Access honours nested groups).
  let grew = true;
  while (grew) {
    grew = false;
    for (const group of model.groups.values()) {
      if (groups.has(group.key)) continue;
      if (group.members.some((m) => userKeys.has(m) || groups.has(m))) {
        groups.add(group.key);
        grew = true;
      }
    }
  }
  const roles = new Set((signIn.user.roles ?? []).map((r) => roleTemplateId(r) ?? r));
  for (const assignment of model.activeRoleAssignments) {
    if (userKeys.has(assignment.principal) || groups.has(assignment.principal)) roles.add(assignment.roleId);
  }
  const locations = new Set<string>();
  let trusted = false;
  for (const location of model.namedLocations.values()) {
    if (location.ipRanges && signIn.ip && location.ipRanges.some((range) => inRange(signIn.ip as string, range))) {
      locations.add(location.key);
      if (location.trusted) trusted = true;
    }
    if (location.countries && (signIn.country ? location.countries.includes(signIn.country) : location.includeUnknownCountries)) locations.add(location.key);
  }
  return { userKeys, groups, roles, locations, trusted };
}

function inRange(ip: string, range: string): boolean {
  const address = cidr(`${ip}/32`).first;
  const prefix = cidr(range);
  return address >= prefix.first && address <= prefix.last;
}

type Check = { ok: true; detail: string } | { ok: false; reason: NotAppliedReason; detail: string };

function evaluatePolicy(model: IdentityModel, policy: CaPolicy, signIn: SignIn, context: SignInContext): PolicyEvaluation {
  const base = { policy: policy.displayName, address: policy.address, state: policy.state };
  if (policy.state === 'disabled') return { ...base, applies: false, reason: 'policyNotEnabled', detail: 'disabled' };
  const checks: (() => Check)[] = [
    () => usersCheck(model, policy, signIn, context),
    () => (policy.clientApplications ? { ok: false, reason: 'workloadIdentities', detail: 'targets service principals, not user sign-ins' } : { ok: true, detail: '' }),
    () => applicationCheck(policy, signIn),
    () => listCheck(policy.clientAppTypes.length === 0 || policy.clientAppTypes.includes('all') || policy.clientAppTypes.includes(signIn.clientApp), 'clientApps', `client app ${signIn.clientApp} ${policy.clientAppTypes.includes('all') ? 'matches all' : `${policy.clientAppTypes.includes(signIn.clientApp) ? 'is' : 'is not'} in ${policy.clientAppTypes.join(', ')}`}`),
    () =>
      policy.authenticationFlows.length === 0
        ? { ok: true, detail: '' }
        : listCheck(!!signIn.authenticationFlow && policy.authenticationFlows.includes(signIn.authenticationFlow), 'authenticationFlow', `flow ${signIn.authenticationFlow ?? 'none'} vs ${policy.authenticationFlows.join(', ')}`),
    () => platformCheck(policy, signIn),
    () => locationCheck(policy, context),
    () => (policy.devicesFilter ? { ok: false, reason: 'devices', detail: 'device filters are not evaluated offline; check this policy with the portal What If tool' } : { ok: true, detail: '' }),
    () => riskCheck(policy.userRiskLevels, signIn.userRisk ?? 'none', 'userRisk'),
    () => riskCheck(policy.signInRiskLevels, signIn.signInRisk ?? 'none', 'signInRisk'),
    () => (policy.insiderRiskLevels ? { ok: false, reason: 'insiderRisk', detail: 'insider risk is not supplied' } : { ok: true, detail: '' }),
  ];
  const details: string[] = [];
  for (const check of checks) {
    const result = check();
    if (!result.ok) return { ...base, applies: false, reason: result.reason, detail: result.detail };
    if (result.detail) details.push(result.detail);
  }
  const session = describeSession(policy);
  if (policy.grant?.builtInControls.includes('block')) return { ...base, applies: true, detail: details.join('; '), block: true, session };
  return { ...base, applies: true, detail: details.join('; '), requirement: policy.grant ? requirement(model, policy, signIn) : undefined, session };
}

function listCheck(ok: boolean, reason: NotAppliedReason, detail: string): Check {
  return ok ? { ok: true, detail } : { ok: false, reason, detail };
}

function usersCheck(model: IdentityModel, policy: CaPolicy, signIn: SignIn, context: SignInContext): Check {
  const { users } = policy;
  const guest = signIn.user.guestType;
  const name = (key: string) => model.groups.get(key)?.displayName ?? key;
  const guestMatches = (condition: CaPolicy['users']['includeGuests']) => !!guest && !!condition && condition.types.includes(guest);
  const excludedGroup = users.excludeGroups.find((g) => context.groups.has(g));
  if (excludedGroup) return { ok: false, reason: 'users', detail: `excluded through group ${name(excludedGroup)}` };
  const excludedUser = users.excludeUsers.find((u) => context.userKeys.has(u) || (u === 'GuestsOrExternalUsers' && !!guest));
  if (excludedUser) return { ok: false, reason: 'users', detail: `excluded as ${excludedUser}` };
  const excludedRole = users.excludeRoles.find((r) => context.roles.has(r));
  if (excludedRole) return { ok: false, reason: 'users', detail: `excluded through role ${excludedRole}` };
  if (guestMatches(users.excludeGuests)) return { ok: false, reason: 'users', detail: `excluded as guest type ${guest}` };

  if (users.includeUsers.includes('All')) return { ok: true, detail: 'all users' };
  const includedUser = users.includeUsers.find((u) => context.userKeys.has(u) || (u === 'GuestsOrExternalUsers' && !!guest));
  if (includedUser) return { ok: true, detail: `included as ${includedUser}` };
  const includedGroup = users.includeGroups.find((g) => context.groups.has(g));
  if (includedGroup) return { ok: true, detail: `member of ${name(includedGroup)}` };
  const includedRole = users.includeRoles.find((r) => context.roles.has(r));
  if (includedRole) return { ok: true, detail: `holds role ${includedRole}` };
  if (guestMatches(users.includeGuests)) return { ok: true, detail: `guest type ${guest}` };
  return { ok: false, reason: 'users', detail: 'not included (user, groups, active roles and guest type all miss)' };
}

function applicationCheck(policy: CaPolicy, signIn: SignIn): Check {
  const { applications } = policy;
  if (signIn.userAction) {
    return listCheck(applications.userActions.includes(signIn.userAction), 'userActions', `user action ${signIn.userAction}${applications.userActions.length ? '' : ' (policy targets applications)'}`);
  }
  const app = signIn.application as string;
  if (applications.userActions.length > 0 && applications.include.length === 0) return { ok: false, reason: 'application', detail: 'targets user actions, not applications' };
  const member = (target: string) => target === app || (APP_GROUPS[target] ?? []).includes(app);
  const excluded = applications.exclude.find(member);
  if (excluded) return { ok: false, reason: 'application', detail: `application excluded (${excluded})` };
  if (applications.include.includes('All')) return { ok: true, detail: 'all applications' };
  const included = applications.include.find(member);
  return included ? { ok: true, detail: `application ${included}` } : { ok: false, reason: 'application', detail: `application ${app} is not targeted` };
}

function platformCheck(policy: CaPolicy, signIn: SignIn): Check {
  if (!policy.platforms) return { ok: true, detail: '' };
  const { include, exclude } = policy.platforms;
  // An unknown platform matches only "all" (any device) and no named platform.
  if (signIn.platform !== 'unknown' && exclude.includes(signIn.platform)) return { ok: false, reason: 'devicePlatform', detail: `platform ${signIn.platform} excluded` };
  const ok = include.includes('all') || include.includes(signIn.platform);
  return listCheck(ok, 'devicePlatform', `platform ${signIn.platform}${ok ? ' included' : ' not included'}`);
}

function locationCheck(policy: CaPolicy, context: SignInContext): Check {
  if (!policy.locations) return { ok: true, detail: '' };
  const matches = (target: string) => target === 'All' || (target === 'AllTrusted' ? context.trusted : context.locations.has(target));
  const excluded = policy.locations.exclude.find(matches);
  if (excluded) return { ok: false, reason: 'location', detail: `location excluded (${excluded})` };
  const included = policy.locations.include.find(matches);
  return included ? { ok: true, detail: `location ${included}` } : { ok: false, reason: 'location', detail: 'location not included' };
}

function riskCheck(levels: readonly string[], level: Risk, reason: NotAppliedReason): Check {
  if (levels.length === 0) return { ok: true, detail: '' };
  return listCheck(levels.includes(level), reason, `${reason} ${level} ${levels.includes(level) ? 'is' : 'is not'} in ${levels.join(', ')}`);
}

const STRENGTH_NAMES: Record<string, string> = {
  [BUILT_IN_STRENGTH_IDS.mfa]: 'Multifactor authentication',
  [BUILT_IN_STRENGTH_IDS.passwordlessMfa]: 'Passwordless MFA',
  [BUILT_IN_STRENGTH_IDS.phishingResistantMfa]: 'Phishing-resistant MFA',
};

/** Whether the methods can perform one of the combinations (`password,microsoftAuthenticatorPush`). */
function canPerform(methods: readonly string[], combinations: readonly string[]): boolean {
  return combinations.some((combination) => combination.split(',').every((method) => methods.includes(method)));
}

function requirement(model: IdentityModel, policy: CaPolicy, signIn: SignIn): Requirement {
  const grant = policy.grant as NonNullable<CaPolicy['grant']>;
  const device = signIn.device ?? {};
  const parts: { description: string; satisfied: boolean; failure: AadstsCode; interrupt?: AadstsCode }[] = [];
  for (const control of grant.builtInControls) {
    if (control === 'mfa') parts.push({ description: 'mfa', satisfied: canPerform(signIn.methods, BUILT_IN_STRENGTH_COMBINATIONS[BUILT_IN_STRENGTH_IDS.mfa] ?? []), failure: AADSTS.mfaEnrollmentRequired, interrupt: AADSTS.mfaRequired });
    else if (control === 'compliantDevice') parts.push({ description: 'compliantDevice', satisfied: device.compliant === true, failure: AADSTS.deviceNotCompliant });
    else if (control === 'domainJoinedDevice') parts.push({ description: 'domainJoinedDevice', satisfied: device.hybridJoined === true, failure: AADSTS.deviceNotDomainJoined });
    else if (control === 'passwordChange') parts.push({ description: 'passwordChange', satisfied: true, failure: AADSTS.passwordChange, interrupt: AADSTS.passwordChange });
    else parts.push({ description: control, satisfied: false, failure: AADSTS.notApprovedApp });
  }
  if (grant.authenticationStrength) {
    const custom = model.strengths.get(grant.authenticationStrength);
    const combinations = BUILT_IN_STRENGTH_COMBINATIONS[grant.authenticationStrength] ?? custom?.combinations ?? [];
    const name = STRENGTH_NAMES[grant.authenticationStrength] ?? custom?.displayName ?? grant.authenticationStrength;
    parts.push({ description: `authentication strength ${name}`, satisfied: canPerform(signIn.methods, combinations), failure: AADSTS.mfaEnrollmentRequired, interrupt: AADSTS.mfaRequired });
  }
  for (const terms of grant.termsOfUse) parts.push({ description: `terms of use ${terms}`, satisfied: true, failure: AADSTS.blocked });
  for (const factor of grant.customFactors) parts.push({ description: `custom control ${factor}`, satisfied: true, failure: AADSTS.externalChallenge, interrupt: AADSTS.externalChallenge });

  const and = grant.operator === 'AND';
  const satisfied = and ? parts.every((p) => p.satisfied) : parts.some((p) => p.satisfied);
  const description = parts.map((p) => p.description).join(and ? ' AND ' : ' OR ');
  if (!satisfied) {
    // The first control the user cannot meet decides what they see; MFA comes before device checks.
    const failing = [...parts.filter((p) => !p.satisfied)].sort((a, b) => failurePriority(a.failure) - failurePriority(b.failure))[0];
    return { description, satisfied, failureCode: failing?.failure };
  }
  const met = and ? parts : parts.filter((p) => p.satisfied);
  // With OR, a user who can meet a control without interaction (a compliant device) is not interrupted.
  const silent = !and && met.some((p) => !p.interrupt);
  const interrupt = silent ? undefined : met.map((p) => p.interrupt).find((code) => code !== undefined);
  return { description, satisfied, interruptCode: interrupt };
}

const FAILURE_ORDER: readonly number[] = [53003, 50079, 53000, 53001, 53002, 50142, 50158];
function failurePriority(code: AadstsCode): number {
  const index = FAILURE_ORDER.indexOf(code.code);
  return index < 0 ? FAILURE_ORDER.length : index;
}

function describeSession(policy: CaPolicy): string | undefined {
  const session = policy.session;
  if (!session) return undefined;
  const parts: string[] = [];
  if (session.signInFrequencyInterval === 'everyTime') parts.push('sign-in every time');
  if (session.signInFrequency !== undefined) parts.push(`sign-in every ${session.signInFrequency} ${session.signInFrequencyPeriod ?? 'hours'}`);
  if (session.persistentBrowserMode) parts.push(`persistent browser ${session.persistentBrowserMode}`);
  return parts.length ? parts.join(', ') : undefined;
}

function combine(applying: readonly PolicyEvaluation[]): Outcome {
  const blocks = applying.filter((e) => e.block);
  if (blocks.length > 0) {
    return { result: 'blocked', satisfiable: false, decidedBy: blocks.map((e) => e.policy), requirements: [], aadsts: AADSTS.blocked };
  }
  const granting = applying.filter((e) => e.requirement);
  if (granting.length === 0) return { result: 'allowed', satisfiable: true, decidedBy: [], requirements: [] };
  const requirements = granting.map((e) => e.requirement as Requirement);
  const unmet = requirements.filter((r) => !r.satisfied);
  if (unmet.length > 0) {
    const code = unmet.map((r) => r.failureCode as AadstsCode).sort((a, b) => failurePriority(a) - failurePriority(b))[0];
    return { result: 'controlsRequired', satisfiable: false, decidedBy: granting.filter((e) => !e.requirement?.satisfied).map((e) => e.policy), requirements, aadsts: code };
  }
  const interrupts = requirements.map((r) => r.interruptCode).filter((c): c is AadstsCode => c !== undefined);
  const interrupt = interrupts.find((c) => c.code === AADSTS.mfaRequired.code) ?? interrupts[0];
  return { result: 'controlsRequired', satisfiable: true, decidedBy: granting.map((e) => e.policy), requirements, aadsts: interrupt };
}
