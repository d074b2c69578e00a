/**
 * The lockout guard: static checks over the synthesized azuread JSON that fail synthesis before a policy set that
 * could lock the tenant out (AADSTS53003 for everyone on a Monday morning) is ever planned. Pure functions of the
 * JSON, so the same checks run at synth time (IdentityStack) and on any cdktf.out (`npm run whatif -- --check`).
 * Checks follow ../shared/reference/entra-baselines.md §6.2 (LG-01..LG-11).
 */
import { CA_POLICY_IDS } from '../../lib/conditional-access-catalogue';
import { APP_IDS, GLOBAL_ADMINISTRATOR } from '../../lib/entra-ids';
import { ISO_COUNTRY_CODES } from '../../lib/iso-countries';
import { TerraformJson } from '../load';
import { buildIdentityModel, CaPolicy, DirectoryGroup, firstAddressOf, IdentityModel } from './model';
import { SignIn, whatIf } from './whatif';

export type GuardCheck =
  | 'break-glass-accounts'
  | 'break-glass-group'
  | 'break-glass-excluded'
  | 'break-glass-not-included'
  | 'exclusions-by-group'
  | 'block-all'
  | 'block-everyone'
  | 'casing'
  | 'deployment-identity';

export interface GuardProblem {
  readonly check: GuardCheck;
  /** The policy concerned, when there is one. */
  readonly policy?: string;
  /**
   * The config key that produced the finding (`identity.conditionalAccess.policies.CA010`,
   * `identity.deploymentIdentity`, `identity.breakGlass`), when the stack was built from a landing-zone config.
   */
  readonly configPath?: string;
  /** What is wrong and what to do. */
  readonly message: string;
}

/** Break-glass accounts and group as the guard identified them from the JSON. */
export interface BreakGlassFinding {
  /** Users holding a permanent, directory-wide Global Administrator assignment. */
  readonly accounts: readonly string[];
  /** The group whose members are exactly those accounts. */
  readonly group?: DirectoryGroup;
}

/** Runs every check on one stack's JSON; empty when the stack is safe (or has no Conditional Access policies). */
export function lockoutGuard(stack: TerraformJson): GuardProblem[] {
  return checkModel(buildIdentityModel(stack));
}

/**
 * Break-glass accounts are recognised by what makes them break-glass: cloud users with a permanent, active,
 * directory-wide Global Administrator assignment. Their group is the one holding exactly them.
 */
export function findBreakGlass(model: IdentityModel): BreakGlassFinding {
  const accounts = [
    ...new Set(model.activeRoleAssignments.filter((a) => a.roleId === GLOBAL_ADMINISTRATOR && a.directoryScopeId === '/' && model.users.has(a.principal)).map((a) => a.principal)),
  ].sort();
  const group = [...model.groups.values()].find((g) => accounts.length > 0 && sameSet(g.members, accounts));
  return { accounts, group };
}

/** The checks on a model. */
export function checkModel(model: IdentityModel): GuardProblem[] {
  if (model.policies.length === 0) return [];
  const problems: GuardProblem[] = [];
  const add = (check: GuardCheck, message: string, policy?: CaPolicy) => problems.push({ check, message, policy: policy?.displayName, configPath: configPathOf(check, policy) });
  const breakGlass = findBreakGlass(model);
  const active = model.policies.filter((p) => p.state !== 'disabled');

  // LG-01: at least two break-glass accounts, cloud-only on the initial domain, enabled.
  if (breakGlass.accounts.length < 2) {
    add('break-glass-accounts', `found ${breakGlass.accounts.length} break-glass account(s) (users with a permanent Global Administrator assignment); at least two are required so one lost key never locks the tenant out`);
  }
  for (const key of breakGlass.accounts) {
    const user = model.users.get(key);
    if (!user) continue;
    if (!user.userPrincipalName.endsWith('.onmicrosoft.com')) add('break-glass-accounts', `${user.userPrincipalName} is not on the tenant's *.onmicrosoft.com domain; an emergency account must not depend on federation`);
    if (user.onPremisesImmutableId !== undefined) add('break-glass-accounts', `${user.userPrincipalName} has onpremises_immutable_id; emergency accounts must be cloud-only`);
    if (!user.accountEnabled) add('break-glass-accounts', `${user.userPrincipalName} is disabled; an emergency account must be usable`);
  }

  // LG-02: the exclusion group holds exactly the break-glass accounts and is protected.
  const group = breakGlass.group;
  if (breakGlass.accounts.length > 0 && !group) {
    add('break-glass-group', 'no security group has exactly the break-glass accounts as members; create one and exclude it from every policy');
  }
  if (group) {
    if (!group.securityEnabled) add('break-glass-group', `group ${group.displayName} is not security-enabled; Conditional Access exclusions need a security group`);
    if (!group.assignableToRole) add('break-glass-group', `group ${group.displayName} is not role-assignable; anyone with Groups Administrator could add themselves to the group every policy excludes`);
    if (group.dynamic) add('break-glass-group', `group ${group.displayName} has dynamic membership; list the break-glass accounts explicitly`);
  }

  const breakGlassKeys = new Set([...breakGlass.accounts, ...(group ? [group.key] : [])]);
  for (const policy of active) {
    const { users } = policy;
    // LG-03: report-only policies count too: they become enabled by a one-word change.
    if (group && !users.excludeGroups.includes(group.key)) {
      add('break-glass-excluded', `${policy.displayName} (${policy.state}) does not exclude the break-glass group ${group.displayName}; add it to excluded_groups`, policy);
    }
    // LG-04
    const included = [...users.includeUsers, ...users.includeGroups].filter((k) => breakGlassKeys.has(k));
    if (included.length > 0) add('break-glass-not-included', `${policy.displayName} includes break-glass ${included.join(', ')}; emergency access must stay outside every policy`, policy);
    // LG-08: a block on everyone and everything without the exclusion is a tenant-wide lockout.
    const blocks = policy.grant?.builtInControls.includes('block') ?? false;
    if (blocks && users.includeUsers.includes('All') && policy.applications.include.includes('All') && !excludesAccounts(model, policy, breakGlass.accounts)) {
      add('block-all', `${policy.displayName} blocks all users on all applications without excluding the break-glass group: AADSTS53003 for everyone it matches, with no way back in`, policy);
    }
  }
  // LG-08 over every condition: a block that applies to an ordinary user's every sign-in, whatever the client app,
  // platform, location, country and risk, locks out everyone but the few it excludes.
  const blockAll = new Set(problems.filter((p) => p.check === 'block-all').map((p) => p.policy));
  for (const { policy, excluded } of blocksEveryone(model, active, breakGlassKeys)) {
    if (blockAll.has(policy.displayName)) continue;
    add(
      'block-everyone',
      `${policy.displayName} (${policy.state}) blocks every sign-in of every user${excluded.length > 0 ? ` except ${excluded.join(', ')}` : ''} from every client app, platform, location and country at no risk: AADSTS53003 for the whole tenant once enforced; narrow it by users, applications, client apps, platforms, locations or risk levels`,
      policy,
    );
  }
  // LG-05: exclusions by group, never by role (SCuBA rejects role exclusions; they hide who is out of scope).
  for (const policy of model.policies) {
    if (policy.users.excludeRoles.length > 0) {
      add('exclusions-by-group', `${policy.displayName} excludes directory roles (${policy.users.excludeRoles.join(', ')}); exclude a group instead, never a role`, policy);
    }
  }
  // LG-11
  for (const policy of model.policies) for (const message of casingProblems(policy)) add('casing', `${policy.displayName}: ${message}`, policy);
  // LG-06
  for (const message of deploymentIdentityProblems(model, active)) add('deployment-identity', message);
  return problems;
}

/** Formats guard problems one per line, for a synth error or the CLI. */
export function formatGuardProblems(stackName: string, problems: readonly GuardProblem[]): string {
  return [
    `Lockout guard: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${stackName}:`,
    ...problems.map((p) => `  ✖ [${p.check}]${p.configPath ? ` ${p.configPath}:` : ''} ${p.message}`),
  ].join('\n');
}

/**
 * The config key behind a finding: policies by their catalogue ID (`CA010-...` -> its state key), the deployer and
 * break-glass by their sections. Undefined for JSON that was not built from a landing-zone config.
 */
function configPathOf(check: GuardCheck, policy?: CaPolicy): string | undefined {
  if (check === 'deployment-identity') return 'identity.deploymentIdentity';
  if (check === 'break-glass-accounts' || check === 'break-glass-group') return 'identity.breakGlass';
  const id = policy && /^(CA\d{3})-/.exec(policy.displayName)?.[1];
  return id && (CA_POLICY_IDS as readonly string[]).includes(id) ? `identity.conditionalAccess.policies.${id}` : undefined;
}

/** What the probe varies: modern client apps, the platforms users have, a trusted and an untrusted location. */
const PROBE_CLIENT_APPS: readonly SignIn['clientApp'][] = ['browser', 'mobileAppsAndDesktopClients'];
const PROBE_PLATFORMS: readonly SignIn['platform'][] = ['windows', 'macOS', 'linux', 'iOS', 'android'];
const PROBE_APPLICATIONS: readonly string[] = [APP_IDS.azurePortal, APP_IDS.microsoftGraph];
/** An Internet address outside every named location (TEST-NET-2). */
const PROBE_UNTRUSTED_IP = '198.51.100.7';

/**
 * Blocking policies that apply to an ordinary member's sign-in in every probe: each modern client app, each platform,
 * from a trusted location (when one exists) and from elsewhere, in a country no country location names (so a block
 * list of every country counts), at no risk. The What-If engine decides, so the guard and `npm run whatif` agree.
 * Policies that exclude anyone beyond the break-glass accounts are left alone: "everyone but group X" is a choice.
 */
function blocksEveryone(model: IdentityModel, active: readonly CaPolicy[], breakGlassKeys: ReadonlySet<string>): { policy: CaPolicy; excluded: string[] }[] {
  const candidates = active.filter((policy) => {
    if (!(policy.grant?.builtInControls.includes('block') ?? false)) return false;
    const { excludeUsers, excludeGroups, excludeRoles, excludeGuests } = policy.users;
    return !excludeGuests && excludeRoles.length === 0 && [...excludeUsers, ...excludeGroups].every((k) => breakGlassKeys.has(k));
  });
  if (candidates.length === 0) return [];
  const listed = new Set([...model.namedLocations.values()].flatMap((l) => l.countries ?? []));
  const country = ISO_COUNTRY_CODES.find((code) => !listed.has(code)) ?? ISO_COUNTRY_CODES[0];
  const trustedRange = [...model.namedLocations.values()].find((l) => l.trusted && l.ipRanges?.length)?.ipRanges?.[0];
  const ips = [PROBE_UNTRUSTED_IP, ...(trustedRange ? [firstAddressOf(trustedRange)] : [])];
  const applying = new Map(candidates.map((p) => [p.address, true]));
  for (const application of PROBE_APPLICATIONS) {
    for (const clientApp of PROBE_CLIENT_APPS) {
      for (const platform of PROBE_PLATFORMS) {
        for (const ip of ips) {
          const result = whatIf(model, { user: { id: 'lockout-guard-probe' }, application, clientApp, platform, ip, country, methods: [] });
          for (const evaluation of result.evaluations) if (!evaluation.applies) applying.set(evaluation.address, false);
        }
      }
    }
  }
  return candidates
    .filter((policy) => applying.get(policy.address))
    .map((policy) => ({ policy, excluded: [...policy.users.excludeUsers, ...policy.users.excludeGroups].map((k) => model.groups.get(k)?.displayName ?? model.users.get(k)?.userPrincipalName ?? k) }));
}

/** Whether every break-glass account is out of the policy's scope, through any excluded group or user. */
function excludesAccounts(model: IdentityModel, policy: CaPolicy, accounts: readonly string[]): boolean {
  const excluded = new Set(policy.users.excludeUsers);
  for (const key of policy.users.excludeGroups) for (const member of model.groups.get(key)?.members ?? []) excluded.add(member);
  return accounts.length > 0 && accounts.every((a) => excluded.has(a));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);
}

/**
 * Special values in the casing the Graph API stores: `All`, `None`, `AllTrusted`, `Office365`,
 * `MicrosoftAdminPortals`, `GuestsOrExternalUsers` in user, application and location lists; lower-case `all` (and the
 * camelCase values) in client app types and platforms. A wrong case is accepted, normalised by the API, and shows as
 * a change on every plan (terraform-provider-azuread #1454); `All` is not valid for groups or roles at all (#686).
 */
function casingProblems(policy: CaPolicy): string[] {
  const problems: string[] = [];
  const canonical = (field: string, values: readonly string[], allowed: readonly string[], freeForm: boolean) => {
    for (const value of values) {
      if (allowed.includes(value)) continue;
      const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
      if (match) problems.push(`${field} has '${value}'; write '${match}'`);
      else if (!freeForm) problems.push(`${field} has '${value}'; allowed: ${allowed.join(', ')}`);
    }
  };
  const { users, applications } = policy;
  canonical('included_users', users.includeUsers, ['All', 'None', 'GuestsOrExternalUsers'], true);
  canonical('excluded_users', users.excludeUsers, ['GuestsOrExternalUsers'], true);
  for (const [field, values] of [
    ['included_groups', users.includeGroups],
    ['excluded_groups', users.excludeGroups],
    ['included_roles', users.includeRoles],
    ['excluded_roles', users.excludeRoles],
  ] as const) {
    if (values.some((v) => v.toLowerCase() === 'all')) problems.push(`${field} has 'All', which is only valid in included_users; list object IDs`);
  }
  canonical('included_applications', applications.include, ['All', 'None', 'Office365', 'MicrosoftAdminPortals'], true);
  canonical('excluded_applications', applications.exclude, ['Office365', 'MicrosoftAdminPortals'], true);
  canonical('included_locations', policy.locations?.include ?? [], ['All', 'AllTrusted'], true);
  canonical('excluded_locations', policy.locations?.exclude ?? [], ['AllTrusted'], true);
  canonical('client_app_types', policy.clientAppTypes, ['all', 'browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'easSupported', 'other'], false);
  const platforms = ['all', 'android', 'iOS', 'linux', 'macOS', 'windows', 'windowsPhone'];
  canonical('included_platforms', policy.platforms?.include ?? [], platforms, false);
  canonical('excluded_platforms', policy.platforms?.exclude ?? [], platforms.slice(1), false);
  canonical('state', [policy.state], ['enabled', 'enabledForReportingButNotEnforced', 'disabled'], false);
  return problems;
}

/** LG-06: the identity that deploys the stack keeps access once every non-disabled policy is enforced. */
function deploymentIdentityProblems(model: IdentityModel, active: readonly CaPolicy[]): string[] {
  const deployer = model.deploymentIdentity;
  if (!deployer) {
    return ['the deployment identity is not recorded (output deployment_identity); without it nobody can show that the identity running Terraform keeps access'];
  }
  if (deployer.type === 'servicePrincipal') {
    // User-scoped policies never apply to service principals; only workload-identity policies can lock one out.
    return active
      .filter((p) => p.clientApplications && (p.clientApplications.include.includes('ServicePrincipalsInMyTenant') || p.clientApplications.include.includes(deployer.objectId)))
      .filter((p) => !p.clientApplications?.exclude.includes(deployer.objectId))
      .map((p) => `${p.displayName} applies to the deployment service principal ${deployer.objectId}; exclude it in client_applications.excluded_service_principals`);
  }
  const trustedRange = [...model.namedLocations.values()].find((l) => l.trusted && l.ipRanges?.length)?.ipRanges?.[0];
  const ip = deployer.fromTrustedLocation && trustedRange ? firstAddressOf(trustedRange) : undefined;
  const problems: string[] = [];
  const scenarios: { label: string; application: string; clientApp: SignIn['clientApp'] }[] = [
    { label: 'Azure CLI to Azure Resource Manager', application: APP_IDS.azureServiceManagement, clientApp: 'mobileAppsAndDesktopClients' },
    { label: 'Azure CLI to Microsoft Graph', application: APP_IDS.microsoftGraph, clientApp: 'mobileAppsAndDesktopClients' },
    { label: 'browser to the Azure portal', application: APP_IDS.azurePortal, clientApp: 'browser' },
  ];
  for (const scenario of scenarios) {
    const result = whatIf(model, {
      user: { id: deployer.objectId, roles: deployer.roles ?? [] },
      application: scenario.application,
      clientApp: scenario.clientApp,
      platform: (deployer.platform ?? 'windows') as SignIn['platform'],
      ip,
      country: undefined,
      device: { compliant: deployer.compliantDevice ?? false, hybridJoined: deployer.hybridJoinedDevice ?? false },
      methods: deployer.methods ?? [],
    });
    const outcome = result.allEnabled;
    if (outcome.result === 'blocked' || !outcome.satisfiable) {
      const unmet = outcome.requirements.filter((r) => !r.satisfied).map((r) => r.description);
      problems.push(
        `the deployment user ${deployer.objectId} (${scenario.label}) would be ${outcome.result === 'blocked' ? 'blocked' : `unable to meet ${unmet.join('; ')}`} by ${outcome.decidedBy.join(', ')} once enforced (AADSTS${outcome.aadsts?.code}); register the methods, use a compliant device or a trusted location, or deploy with a service principal`,
      );
    }
  }
  return problems;
}
