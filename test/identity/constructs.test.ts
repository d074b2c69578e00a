import { Lazy, Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { AuthenticationStrength } from '../../constructs/identity/authentication-strength';
import { BreakGlass } from '../../constructs/identity/break-glass';
import { ConditionalAccessPolicy, ConditionalAccessPolicyProps } from '../../constructs/identity/conditional-access-policy';
import { EmergencyAccessAccount } from '../../constructs/identity/emergency-access-account';
import { NamedLocation } from '../../constructs/identity/named-location';
import { SecurityGroup } from '../../constructs/identity/security-group';
import { GLOBAL_ADMINISTRATOR } from '../../lib/entra-ids';
import { onlyResource, parse, resourcesOfType } from '../helpers';

const DOMAIN = 'contoso.onmicrosoft.com';
const OBJECT_ID = '00000000-0000-0000-0000-00000000a001';

function password(scope: Construct, name: string): string {
  return new TerraformVariable(scope, name, { type: 'string', sensitive: true }).stringValue;
}

function synth(define: (scope: Construct) => void) {
  return parse(Testing.synthScope(define));
}

function breakGlass(scope: Construct, names = ['bg01', 'bg02']): BreakGlass {
  return new BreakGlass(scope, 'BreakGlass', { tenantDomain: DOMAIN, accounts: names.map((name) => ({ name, password: password(scope, `pw_${name}`) })) });
}

describe('EmergencyAccessAccount and BreakGlass', () => {
  const json = synth((scope) => breakGlass(scope));

  test('cloud-only users on the initial domain with a non-expiring password taken from a variable, changes ignored', () => {
    const users = resourcesOfType(json, 'azuread_user');
    expect(users).toHaveLength(2);
    expect(users[0]).toMatchObject({
      user_principal_name: `bg01@${DOMAIN}`,
      account_enabled: true,
      disable_password_expiration: true,
      password: '${var.pw_bg01}',
      lifecycle: { ignore_changes: ['password'], prevent_destroy: true },
    });
    expect(users[0]).not.toHaveProperty('onpremises_immutable_id');
  });

  test('each account holds Global Administrator permanently and directory-wide (not eligible)', () => {
    const assignments = resourcesOfType(json, 'azuread_directory_role_assignment');
    expect(assignments).toEqual([
      expect.objectContaining({ role_id: GLOBAL_ADMINISTRATOR, directory_scope_id: '/', principal_object_id: expect.stringMatching(/^\$\{azuread_user\.BreakGlass_bg01_.*\.object_id\}$/) }),
      expect.objectContaining({ role_id: GLOBAL_ADMINISTRATOR, directory_scope_id: '/', principal_object_id: expect.stringMatching(/^\$\{azuread_user\.BreakGlass_bg02_.*\.object_id\}$/) }),
    ]);
    expect(resourcesOfType(json, 'azuread_directory_role_eligibility_schedule_request')).toEqual([]);
  });

  test('a role-assignable security group holding exactly the accounts, protected from destroy', () => {
    expect(onlyResource(json, 'azuread_group')).toMatchObject({
      display_name: 'CA-BreakGlass-Exclusion',
      security_enabled: true,
      assignable_to_role: true,
      prevent_duplicate_names: true,
      members: [expect.stringMatching(/azuread_user\.BreakGlass_bg01_/), expect.stringMatching(/azuread_user\.BreakGlass_bg02_/)],
      lifecycle: { prevent_destroy: true },
    });
  });

  test('rejects one account, a repeated name, a literal password and a federated domain', () => {
    expect(() => synth((scope) => breakGlass(scope, ['bg01']))).toThrow('needs at least two');
    expect(() => synth((scope) => new BreakGlass(scope, 'B', { tenantDomain: DOMAIN, accounts: [{ name: 'a1', password: password(scope, 'p1') }, { name: 'a1', password: password(scope, 'p2') }] }))).toThrow('a1 used twice');
    expect(() => synth((scope) => new EmergencyAccessAccount(scope, 'A', { tenantDomain: DOMAIN, name: 'bg01', password: 'Correct-Horse-Battery-Staple-1' }))).toThrow('password is a literal');
    expect(() => synth((scope) => new EmergencyAccessAccount(scope, 'A', { tenantDomain: 'contoso.com', name: 'bg01', password: password(scope, 'p') }))).toThrow('not a *.onmicrosoft.com');
  });
});

describe('SecurityGroup', () => {
  test('sorted literal members; active roles, PIM eligible roles and eligible members through relationship methods', () => {
    const json = synth((scope) => {
      const group = new SecurityGroup(scope, 'Ops', { displayName: 'PAG-Ops', members: ['00000000-0000-0000-0000-00000000000b', '00000000-0000-0000-0000-00000000000a'] });
      group.grantActiveRole('Reader', '5d6b6bb7-de71-4623-b4af-96380a352509');
      group.grantEligibleRole('PRA', 'e8611ab8-c189-46e8-94e1-60213ab1f814', 'JIT');
      group.addEligibleMember('Alice', OBJECT_ID, 'P180D');
      group.addEligibleMember('Bob', '00000000-0000-0000-0000-00000000a002', 'permanent');
    });
    const groupRef = expect.stringMatching(/^\$\{azuread_group\.Ops_.*\.object_id\}$/);
    expect(onlyResource(json, 'azuread_group')).toMatchObject({ assignable_to_role: true, members: ['00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-00000000000b'] });
    expect(onlyResource(json, 'azuread_directory_role_assignment')).toMatchObject({ role_id: '5d6b6bb7-de71-4623-b4af-96380a352509', principal_object_id: groupRef, directory_scope_id: '/' });
    expect(onlyResource(json, 'azuread_directory_role_eligibility_schedule_request')).toEqual({
      role_definition_id: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
      principal_id: groupRef,
      directory_scope_id: '/',
      justification: 'JIT',
    });
    const eligible = resourcesOfType(json, 'azuread_privileged_access_group_eligibility_schedule');
    expect(eligible).toEqual([
      expect.objectContaining({ group_id: groupRef, principal_id: OBJECT_ID, assignment_type: 'member', duration: 'P180D' }),
      expect.objectContaining({ principal_id: '00000000-0000-0000-0000-00000000a002', permanent_assignment: true }),
    ]);
    expect(eligible[0]).not.toHaveProperty('permanent_assignment');
  });

  test('rejects bad members, roles on a non-role-assignable group and a bad duration', () => {
    expect(() => synth((scope) => new SecurityGroup(scope, 'G', { displayName: 'G1', members: ['alice'] }))).toThrow("member 'alice' is not an object ID");
    expect(() => synth((scope) => new SecurityGroup(scope, 'G', { displayName: 'G1', assignableToRole: false }).grantActiveRole('R', GLOBAL_ADMINISTRATOR))).toThrow('only role-assignable groups');
    expect(() => synth((scope) => new SecurityGroup(scope, 'G', { displayName: 'G1' }).addEligibleMember('M', OBJECT_ID, '6 months'))).toThrow('not an ISO 8601 duration');
    expect(() => synth((scope) => new SecurityGroup(scope, 'G', { displayName: 'G1' }).grantEligibleRole('R', 'Global Administrator', 'x'))).toThrow('is not a role template ID');
  });
});

describe('NamedLocation and AuthenticationStrength', () => {
  test('IP ranges (trusted) and countries (looked up by client IP), sorted', () => {
    const json = synth((scope) => {
      new NamedLocation(scope, 'Corp', { displayName: 'Corp', location: { kind: 'ip', ipRanges: ['203.0.113.0/24', '198.51.100.0/24'] } });
      new NamedLocation(scope, 'Blocked', { displayName: 'Blocked', location: { kind: 'countries', countries: ['KP', 'IR'] } });
    });
    const locations = resourcesOfType(json, 'azuread_named_location');
    expect(locations).toHaveLength(2);
    expect(locations).toEqual(
      expect.arrayContaining([
        { display_name: 'Corp', ip: { ip_ranges: ['198.51.100.0/24', '203.0.113.0/24'], trusted: true } },
        { display_name: 'Blocked', country: { countries_and_regions: ['IR', 'KP'], include_unknown_countries_and_regions: false, country_lookup_method: 'clientIpAddress' } },
      ]),
    );
  });

  test('rejects ranges wider than /8, host bits and bad country codes', () => {
    expect(() => synth((scope) => new NamedLocation(scope, 'L', { displayName: 'L', location: { kind: 'ip', ipRanges: ['10.0.0.0/7'] } }))).toThrow('wider than /8');
    expect(() => synth((scope) => new NamedLocation(scope, 'L', { displayName: 'L', location: { kind: 'ip', ipRanges: ['10.0.0.1/24'] } }))).toThrow('host bits');
    expect(() => synth((scope) => new NamedLocation(scope, 'L', { displayName: 'L', location: { kind: 'countries', countries: ['North Korea'] } }))).toThrow('ISO 3166-1');
  });

  test('built-in strengths are the documented policy paths; a custom one is a resource whose id is the grant value', () => {
    expect(AuthenticationStrength.MFA.policyId).toBe('/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000002');
    expect(AuthenticationStrength.PHISHING_RESISTANT_MFA.policyId).toBe('/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000004');
    const json = synth((scope) => new AuthenticationStrength(scope, 'S', { displayName: 'S', allowedCombinations: ['password,microsoftAuthenticatorPush', 'fido2'] }));
    expect(onlyResource(json, 'azuread_authentication_strength_policy')).toEqual({ display_name: 'S', allowed_combinations: ['fido2', 'password,microsoftAuthenticatorPush'] });
    expect(() => synth((scope) => new AuthenticationStrength(scope, 'S', { displayName: 'S', allowedCombinations: ['password,carrierPigeon'] }))).toThrow('unknown combination(s) password,carrierPigeon');
  });
});

describe('ConditionalAccessPolicy', () => {
  const props = (overrides: Partial<ConditionalAccessPolicyProps> = {}): ConditionalAccessPolicyProps => ({
    displayName: 'CA900-Global-BaseProtection-AllApps-AnyPlatform-MFA',
    state: 'enabledForReportingButNotEnforced',
    breakGlass: { groupObjectId: '00000000-0000-0000-0000-0000000000bb' },
    users: { allUsers: true },
    target: { applications: 'All' },
    grant: { operator: 'OR', authenticationStrength: AuthenticationStrength.MFA },
    ...overrides,
  });
  const policyJson = (p: ConditionalAccessPolicyProps) => onlyResource(synth((scope) => new ConditionalAccessPolicy(scope, 'P', p)), 'azuread_conditional_access_policy');

  test('always excludes the break-glass group, writes All / all in the casing Graph keeps and omits empty lists', () => {
    expect(policyJson(props())).toEqual({
      display_name: 'CA900-Global-BaseProtection-AllApps-AnyPlatform-MFA',
      state: 'enabledForReportingButNotEnforced',
      conditions: {
        client_app_types: ['all'],
        applications: { included_applications: ['All'] },
        users: { included_users: ['All'], excluded_groups: ['00000000-0000-0000-0000-0000000000bb'] },
      },
      grant_controls: { operator: 'OR', authentication_strength_policy_id: '/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000002' },
    });
  });

  test('guests, platforms, locations, flows, risk and session controls map onto the azuread 3.7 attributes', () => {
    const json = policyJson(
      props({
        users: { guestTypes: ['serviceProvider', 'b2bCollaborationGuest'], excludeGroups: ['00000000-0000-0000-0000-0000000000cc'] },
        platforms: { include: 'all', exclude: ['windows', 'android'] },
        locations: { include: ['All'], exclude: ['AllTrusted'] },
        authenticationFlows: ['deviceCodeFlow'],
        signInRiskLevels: ['medium'],
        grant: { operator: 'OR', builtInControls: ['domainJoinedDevice', 'compliantDevice'] },
        session: { signInEveryTime: true },
      }),
    );
    expect(json).toMatchObject({
      conditions: {
        users: {
          included_guests_or_external_users: [{ guest_or_external_user_types: ['b2bCollaborationGuest', 'serviceProvider'], external_tenants: [{ membership_kind: 'all' }] }],
          excluded_groups: ['00000000-0000-0000-0000-0000000000bb', '00000000-0000-0000-0000-0000000000cc'],
        },
        platforms: { included_platforms: ['all'], excluded_platforms: ['android', 'windows'] },
        locations: { included_locations: ['All'], excluded_locations: ['AllTrusted'] },
        authentication_flow_transfer_methods: ['deviceCodeFlow'],
        sign_in_risk_levels: ['medium'],
      },
      grant_controls: { operator: 'OR', built_in_controls: ['compliantDevice', 'domainJoinedDevice'] },
      session_controls: { sign_in_frequency_interval: 'everyTime' },
    });
    expect(json.conditions).not.toHaveProperty('user_risk_levels');
  });

  test('a block is the block control alone; a session-only policy has no grant block', () => {
    expect(policyJson(props({ grant: { block: true } })).grant_controls).toEqual({ operator: 'OR', built_in_controls: ['block'] });
    const session = policyJson(props({ grant: undefined, session: { signInFrequencyHours: 4, persistentBrowser: 'never' } }));
    expect(session.session_controls).toEqual({ sign_in_frequency: 4, sign_in_frequency_period: 'hours', persistent_browser_mode: 'never' });
    expect(session).not.toHaveProperty('grant_controls');
  });

  test.each<[string, Partial<ConditionalAccessPolicyProps>, string]>([
    ['a name outside the convention', { displayName: 'Require MFA' }, 'CA<nnn>-<Persona>'],
    ['nobody included', { users: {} }, 'includes nobody'],
    ['a role by name', { users: { roles: ['Global Administrator'] } }, 'is not a role template ID'],
    ['All as a group', { users: { groups: ['All'] } }, "Conditional Access has no 'All' groups"],
    ['user and sign-in risk together', { userRiskLevels: ['high'], signInRiskLevels: ['high'] }, 'split it in two policies'],
    ['neither grant nor session', { grant: undefined }, 'would do nothing'],
    ['mfa with a strength', { grant: { operator: 'OR', builtInControls: ['mfa'], authenticationStrength: AuthenticationStrength.MFA } }, 'cannot be combined'],
    ['password change without MFA', { grant: { operator: 'OR', builtInControls: ['passwordChange'] } }, 'passwordChange needs operator AND with mfa'],
    ['a location by name', { locations: { include: ['Corp'] } }, 'must be All, AllTrusted or a named-location object ID'],
    ['an app by name', { target: { applications: ['Outlook'] } }, 'neither an application ID nor Office365'],
    ['frequency of 24 hours', { grant: undefined, session: { signInFrequencyHours: 24 } }, 'from 1 to 23'],
  ])('rejects %s', (_name, overrides, message) => {
    expect(() => synth((scope) => new ConditionalAccessPolicy(scope, 'P', props(overrides)))).toThrow(message);
  });
});

test('constructs create no outputs or variables of their own', () => {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'S');
  new BreakGlass(stack, 'B', { tenantDomain: DOMAIN, accounts: ['a1', 'a2'].map((name) => ({ name, password: Lazy.stringValue({ produce: () => '${var.supplied_by_the_stack}' }) })) });
  const json = JSON.parse(Testing.synth(stack)) as Record<string, unknown>;
  expect(json).not.toHaveProperty('output');
  expect(json).not.toHaveProperty('variable');
});
