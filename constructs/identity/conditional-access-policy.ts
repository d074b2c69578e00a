import { Construct } from 'constructs';
import { CA_POLICY_STATES, CaPolicyState } from '../../lib/conditional-access-catalogue';
import {
  AzureadConditionalAccessPolicy,
  ConditionalAccessPolicyConditions,
  ConditionalAccessPolicyGrantControls,
  ConditionalAccessPolicySessionControls,
} from '../../providers/azuread';
import { Token } from '../../providers/cdktf';
import { IAuthenticationStrength } from './authentication-strength';
import { IBreakGlassExclusion } from './break-glass';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every guest and external user type Conditional Access distinguishes. */
export const ALL_GUEST_TYPES = [
  'b2bCollaborationGuest',
  'b2bCollaborationMember',
  'b2bDirectConnectUser',
  'internalGuest',
  'otherExternalUser',
  'serviceProvider',
] as const;
export type GuestType = (typeof ALL_GUEST_TYPES)[number];

export type ClientAppType = 'all' | 'browser' | 'mobileAppsAndDesktopClients' | 'exchangeActiveSync' | 'other';
export type DevicePlatform = 'android' | 'iOS' | 'linux' | 'macOS' | 'windows' | 'windowsPhone';
export type RiskLevel = 'low' | 'medium' | 'high';
export type BuiltInControl = 'mfa' | 'compliantDevice' | 'domainJoinedDevice' | 'compliantApplication' | 'passwordChange';
export type UserAction = 'urn:user:registersecurityinfo' | 'urn:user:registerdevice';

/** Who a policy targets. The break-glass group is always excluded; roles can be included, never excluded. */
export interface PolicyUsers {
  /** `included_users = ["All"]` (members and guests). */
  readonly allUsers?: boolean;
  /** Directory role template IDs (active assignments only; eligible admins are covered through groups). */
  readonly roles?: readonly string[];
  /** Group object IDs. */
  readonly groups?: readonly string[];
  readonly guestTypes?: readonly GuestType[];
  /** Further group exclusions on top of the break-glass group. */
  readonly excludeGroups?: readonly string[];
  readonly excludeGuestTypes?: readonly GuestType[];
}

export type PolicyGrant =
  | { readonly block: true }
  | {
      readonly operator: 'AND' | 'OR';
      readonly builtInControls?: readonly BuiltInControl[];
      readonly authenticationStrength?: IAuthenticationStrength;
    };

export interface PolicySession {
  /**
   * @default - the tenant default session lifetime
   */
  readonly signInFrequencyHours?: number;
  /** Re-authenticate on every sign-in (risk policies). */
  readonly signInEveryTime?: boolean;
  /**
   * @default - not configured
   */
  readonly persistentBrowser?: 'always' | 'never';
}

export interface ConditionalAccessPolicyProps {
  /** `CA<nnn>-<Persona>-<PolicyType>-<App>-<Platform>-<Grant>[-<Description>]`. */
  readonly displayName: string;
  /** From config per policy; `enabledForReportingButNotEnforced` stages a policy before it is enforced. */
  readonly state: CaPolicyState;
  /** The group every policy must exclude so a policy mistake cannot lock the tenant out. */
  readonly breakGlass: IBreakGlassExclusion;
  readonly users: PolicyUsers;
  /** `'All'`, application IDs / app groups (`MicrosoftAdminPortals`, `Office365`), or user actions. */
  readonly target: { readonly applications: 'All' | readonly string[] } | { readonly userActions: readonly UserAction[] };
  /**
   * @default ['all']
   */
  readonly clientAppTypes?: readonly ClientAppType[];
  /**
   * @default - any flow
   */
  readonly authenticationFlows?: readonly ('deviceCodeFlow' | 'authenticationTransfer')[];
  /**
   * @default - any platform
   */
  readonly platforms?: { readonly include: 'all' | readonly DevicePlatform[]; readonly exclude?: readonly DevicePlatform[] };
  /** `All`, `AllTrusted` or named-location object IDs. @default - any location */
  readonly locations?: { readonly include: readonly string[]; readonly exclude?: readonly string[] };
  /**
   * @default - any user risk
   */
  readonly userRiskLevels?: readonly RiskLevel[];
  /**
   * @default - any sign-in risk
   */
  readonly signInRiskLevels?: readonly RiskLevel[];
  /**
   * @default - no grant control (a session-only policy)
   */
  readonly grant?: PolicyGrant;
  /**
   * @default - no session control
   */
  readonly session?: PolicySession;
}

/**
 * One Conditional Access policy with the safety rails built in: the break-glass group is always excluded, roles
 * can never be excluded, special values are written in the casing the Graph API keeps (`All` for users, apps and
 * locations, lower-case `all` for client apps and platforms; a wrong case drifts forever), lists are sorted so
 * reordering never shows as a change, and empty lists are omitted (`built_in_controls = []` drifts, provider #1150).
 *
 * @resource azuread_conditional_access_policy
 */
export class ConditionalAccessPolicy extends Construct {
  public readonly displayName: string;
  public readonly state: CaPolicyState;
  public readonly objectId: string;

  constructor(scope: Construct, id: string, props: ConditionalAccessPolicyProps) {
    super(scope, id);
    const problems = validate(props);
    if (problems.length > 0) throw new Error(`ConditionalAccessPolicy '${props.displayName}': ${problems.join('; ')}`);
    const policy = new AzureadConditionalAccessPolicy(this, 'Resource', {
      displayName: props.displayName,
      state: props.state,
      conditions: conditions(props),
      grantControls: grantControls(props.grant),
      sessionControls: sessionControls(props.session),
    });
    this.displayName = props.displayName;
    this.state = props.state;
    this.objectId = policy.objectId;
  }
}

function validate(props: ConditionalAccessPolicyProps): string[] {
  const problems: string[] = [];
  const { users, grant } = props;
  if (!/^CA\d{3}-[A-Za-z]+-[A-Za-z]+-[A-Za-z0-9]+-[A-Za-z0-9]+-[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/.test(props.displayName)) {
    problems.push('displayName must follow CA<nnn>-<Persona>-<PolicyType>-<App>-<Platform>-<Grant>[-<Description>]');
  }
  if (!CA_POLICY_STATES.includes(props.state)) problems.push(`state '${props.state}' must be one of ${CA_POLICY_STATES.join(', ')}`);
  if (!users.allUsers && !users.roles?.length && !users.groups?.length && !users.guestTypes?.length) {
    problems.push('users includes nobody; set allUsers, roles, groups or guestTypes');
  }
  for (const role of users.roles ?? []) if (!GUID.test(role)) problems.push(`role '${role}' is not a role template ID (Conditional Access ignores anything else)`);
  for (const group of [...(users.groups ?? []), ...(users.excludeGroups ?? [])]) {
    if (!Token.isUnresolved(group) && !GUID.test(group)) problems.push(`group '${group}' is not an object ID (Conditional Access has no 'All' groups)`);
  }
  if (users.allUsers && users.guestTypes?.length) problems.push('allUsers already includes guests; drop guestTypes');
  if ('applications' in props.target && props.target.applications !== 'All') {
    if (props.target.applications.length === 0) problems.push('applications is empty; a policy must target something');
    for (const app of props.target.applications) {
      if (!GUID.test(app) && !['Office365', 'MicrosoftAdminPortals'].includes(app)) problems.push(`application '${app}' is neither an application ID nor Office365 / MicrosoftAdminPortals`);
    }
  }
  if ('userActions' in props.target && props.target.userActions.length === 0) problems.push('userActions is empty');
  if (props.userRiskLevels?.length && props.signInRiskLevels?.length) {
    problems.push('combines user risk and sign-in risk, so it applies only when both match; split it in two policies');
  }
  if (!grant && !hasSession(props.session)) problems.push('has neither a grant nor a session control; it would do nothing');
  if (grant && !('block' in grant)) {
    const controls = grant.builtInControls ?? [];
    if (controls.length === 0 && !grant.authenticationStrength) problems.push('grant has no control; add builtInControls or an authenticationStrength');
    if (controls.includes('mfa') && grant.authenticationStrength) problems.push('mfa and an authentication strength cannot be combined; use the strength');
    if (controls.includes('passwordChange') && (grant.operator !== 'AND' || !controls.includes('mfa') || !('applications' in props.target && props.target.applications === 'All'))) {
      problems.push('passwordChange needs operator AND with mfa, on all applications');
    }
  }
  if (grant && 'block' in grant && props.session) problems.push('a block policy has no use for session controls');
  if (props.session?.signInEveryTime && props.session.signInFrequencyHours !== undefined) problems.push('signInEveryTime and signInFrequencyHours exclude each other');
  const hours = props.session?.signInFrequencyHours;
  if (hours !== undefined && (!Number.isInteger(hours) || hours < 1 || hours > 23)) problems.push(`signInFrequencyHours ${hours} must be a whole number of hours from 1 to 23`);
  if (props.platforms && props.platforms.include !== 'all' && props.platforms.include.length === 0) problems.push('platforms.include is empty');
  if (props.locations && props.locations.include.length === 0) problems.push('locations.include is empty');
  for (const location of [...(props.locations?.include ?? []), ...(props.locations?.exclude ?? [])]) {
    if (!Token.isUnresolved(location) && !GUID.test(location) && location !== 'All' && location !== 'AllTrusted') {
      problems.push(`location '${location}' must be All, AllTrusted or a named-location object ID`);
    }
  }
  return problems;
}

function hasSession(session: PolicySession | undefined): boolean {
  return !!session && (session.signInFrequencyHours !== undefined || !!session.signInEveryTime || session.persistentBrowser !== undefined);
}

/** Sorted copy; undefined for an empty or missing list so no empty list reaches the provider. */
function list<T extends string>(values: readonly T[] | undefined): T[] | undefined {
  if (!values || values.length === 0) return undefined;
  const literals = values.filter((v) => !Token.isUnresolved(v)).sort();
  return [...literals, ...values.filter((v) => Token.isUnresolved(v))];
}

function guests(types: readonly GuestType[] | undefined) {
  const sorted = list(types);
  return sorted ? [{ guestOrExternalUserTypes: sorted, externalTenants: [{ membershipKind: 'all' }] }] : undefined;
}

function conditions(props: ConditionalAccessPolicyProps): ConditionalAccessPolicyConditions {
  const { users, target } = props;
  return {
    clientAppTypes: list(props.clientAppTypes) ?? ['all'],
    applications: 'userActions' in target ? { includedUserActions: list(target.userActions) } : { includedApplications: target.applications === 'All' ? ['All'] : list(target.applications) },
    users: {
      includedUsers: users.allUsers ? ['All'] : undefined,
      includedRoles: list(users.roles),
      includedGroups: list(users.groups),
      includedGuestsOrExternalUsers: guests(users.guestTypes),
      // The break-glass group first, always.
      excludedGroups: [props.breakGlass.groupObjectId, ...(list(users.excludeGroups) ?? [])],
      excludedGuestsOrExternalUsers: guests(users.excludeGuestTypes),
    },
    authenticationFlowTransferMethods: list(props.authenticationFlows),
    platforms: props.platforms
      ? { includedPlatforms: props.platforms.include === 'all' ? ['all'] : (list(props.platforms.include) as string[]), excludedPlatforms: list(props.platforms.exclude) }
      : undefined,
    locations: props.locations ? { includedLocations: list(props.locations.include) as string[], excludedLocations: list(props.locations.exclude) } : undefined,
    userRiskLevels: list(props.userRiskLevels),
    signInRiskLevels: list(props.signInRiskLevels),
  };
}

function grantControls(grant: PolicyGrant | undefined): ConditionalAccessPolicyGrantControls | undefined {
  if (!grant) return undefined;
  if ('block' in grant) return { operator: 'OR', builtInControls: ['block'] };
  return { operator: grant.operator, builtInControls: list(grant.builtInControls), authenticationStrengthPolicyId: grant.authenticationStrength?.policyId };
}

function sessionControls(session: PolicySession | undefined): ConditionalAccessPolicySessionControls | undefined {
  if (!hasSession(session)) return undefined;
  return {
    ...(session?.signInFrequencyHours !== undefined ? { signInFrequency: session.signInFrequencyHours, signInFrequencyPeriod: 'hours' } : {}),
    ...(session?.signInEveryTime ? { signInFrequencyInterval: 'everyTime' } : {}),
    persistentBrowserMode: session?.persistentBrowser,
  };
}
