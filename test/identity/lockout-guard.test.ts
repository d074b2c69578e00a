import { GLOBAL_ADMINISTRATOR } from '../../lib/entra-ids';
import { findBreakGlass, GuardCheck, lockoutGuard } from '../../verifier/identity/lockout-guard';
import { buildIdentityModel } from '../../verifier/identity/model';
import { copyOf, groupAddress, identityJson, MutableJson, policy } from './fixtures';
import { at, defined } from '../helpers';

const BREAK_GLASS_GROUP = 'CA-BreakGlass-Exclusion';

function checks(json: MutableJson): GuardCheck[] {
  return [...new Set(lockoutGuard(json).map((p) => p.check))].sort();
}

describe('lockout guard on the embedded tenant and a tenant early in its rollout', () => {
  test.each(['embedded', 'staged'] as const)('the %s identity stack passes, and the guard recognises both break-glass accounts and their group', (env) => {
    const json = identityJson(env);
    expect(lockoutGuard(json)).toEqual([]);
    const found = findBreakGlass(buildIdentityModel(json));
    expect(found.accounts).toHaveLength(2);
    expect(found.group?.displayName).toBe(BREAK_GLASS_GROUP);
  });
});

describe('lockout guard: every check fails on a broken stack', () => {
  const base = () => copyOf(identityJson('staged'));
  const bgRef = (json: MutableJson) => `\${${groupAddress(json, BREAK_GLASS_GROUP)}.object_id}`;

  test('a report-only policy without the break-glass exclusion', () => {
    const json = base();
    const ca003 = policy(json, 'CA003');
    expect(ca003.state).toBe('enabledForReportingButNotEnforced');
    ca003.conditions.users.excluded_groups = [];
    const problems = lockoutGuard(json);
    expect(problems).toEqual([expect.objectContaining({ check: 'break-glass-excluded', policy: expect.stringMatching(/^CA003-/) })]);
    expect(problems[0]!.message).toContain(BREAK_GLASS_GROUP);
  });

  test('a disabled policy without the exclusion is not a lockout risk', () => {
    const json = base();
    const ca003 = policy(json, 'CA003');
    ca003.state = 'disabled';
    ca003.conditions.users.excluded_groups = [];
    expect(lockoutGuard(json)).toEqual([]);
  });

  test('a block on all users and all applications without the exclusion', () => {
    const json = base();
    policy(json, 'CA001').conditions.users.excluded_groups = [];
    expect(checks(json)).toEqual(['block-all', 'break-glass-excluded']);
    expect(lockoutGuard(json).find((p) => p.check === 'block-all')?.message).toContain('AADSTS53003');
  });

  test('fewer than two break-glass accounts', () => {
    const json = base();
    const assignments = defined(json.resource.azuread_directory_role_assignment, 'directory role assignments');
    delete assignments[at(Object.keys(assignments), 0)];
    // One account left: the group (two members) no longer holds exactly the break-glass accounts either.
    expect(checks(json)).toEqual(['break-glass-accounts', 'break-glass-group']);
    expect(lockoutGuard(json)[0]!.message).toContain('found 1 break-glass account');
  });

  test('a break-glass account on a federated domain, or disabled', () => {
    const json = base();
    const users = Object.values(defined(json.resource.azuread_user, 'users'));
    at(users, 0).user_principal_name = 'breakglass01@contoso.com';
    at(users, 1).account_enabled = false;
    const messages = lockoutGuard(json).map((p) => `${p.check}: ${p.message}`);
    expect(messages).toEqual([expect.stringContaining('*.onmicrosoft.com'), expect.stringContaining('is disabled')]);
  });

  test('a break-glass group that is not role-assignable or has an extra member', () => {
    const json = base();
    const group = defined(json.resource.azuread_group?.[at(groupAddress(json, BREAK_GLASS_GROUP).split('.'), 1)], 'the break-glass group');
    group.assignable_to_role = false;
    expect(lockoutGuard(json)).toEqual([expect.objectContaining({ check: 'break-glass-group', message: expect.stringContaining('not role-assignable') })]);
    group.assignable_to_role = true;
    group.members = [...(group.members as string[]), '00000000-0000-0000-0000-00000000beef'];
    expect(checks(json)).toEqual(['break-glass-group']);
  });

  test('a policy that includes the break-glass group', () => {
    const json = base();
    policy(json, 'CA200').conditions.users.included_groups = [bgRef(json)];
    expect(checks(json)).toEqual(['break-glass-not-included']);
  });

  test('exclusions by role', () => {
    const json = base();
    policy(json, 'CA003').conditions.users.excluded_roles = [GLOBAL_ADMINISTRATOR];
    expect(lockoutGuard(json)).toEqual([expect.objectContaining({ check: 'exclusions-by-group', message: expect.stringContaining('never a role') })]);
  });

  test('wrong casing of All / all, and All for groups', () => {
    const json = base();
    policy(json, 'CA003').conditions.users.included_users = ['all'];
    policy(json, 'CA003').conditions.client_app_types = ['All'];
    policy(json, 'CA009').conditions.applications.included_applications = ['all'];
    policy(json, 'CA200').conditions.users.included_groups = ['All'];
    const messages = lockoutGuard(json).map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining("included_users has 'all'; write 'All'"),
        expect.stringContaining("client_app_types has 'All'; write 'all'"),
        expect.stringContaining("included_applications has 'all'; write 'All'"),
        expect.stringContaining("included_groups has 'All', which is only valid in included_users"),
      ]),
    );
    expect(checks(json)).toEqual(['casing']);
  });

  test('the deployment identity is not recorded', () => {
    const json = base();
    delete json.output?.deployment_identity;
    expect(checks(json)).toEqual(['deployment-identity']);
  });

  test('a workload-identity policy that covers the deployment service principal', () => {
    const json = base();
    const ca008 = policy(json, 'CA008');
    ca008.conditions.users = { included_users: ['None'], excluded_groups: [bgRef(json)] };
    ca008.conditions.client_applications = { included_service_principals: ['ServicePrincipalsInMyTenant'] };
    expect(lockoutGuard(json)).toEqual([expect.objectContaining({ check: 'deployment-identity', message: expect.stringContaining('excluded_service_principals') })]);
    (ca008.conditions.client_applications as Record<string, unknown>).excluded_service_principals = ['00000000-0000-0000-0000-0000000000d1'];
    expect(lockoutGuard(json)).toEqual([]);
  });

  test('a deployment user who could not meet the policies once report-only ones are enforced', () => {
    const json = base();
    const deployer = { type: 'user', objectId: '00000000-0000-0000-0000-00000000a001', roles: ['Global Administrator'], methods: ['password', 'microsoftAuthenticatorPush'], compliantDevice: false, platform: 'windows', fromTrustedLocation: true };
    json.output = { ...json.output, deployment_identity: { value: deployer } };
    const problems = lockoutGuard(json);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.check === 'deployment-identity')).toBe(true);
    // Report-only policies count: CA200 (phishing-resistant) and CA009 (managed device) are report-only in dev.
    expect(problems[0]!.message).toMatch(/CA200-.*CA009-|CA009-.*CA200-/);
    // With a FIDO2 key and a compliant device the same user keeps access.
    json.output.deployment_identity!.value = { ...deployer, methods: ['password', 'microsoftAuthenticatorPush', 'fido2'], compliantDevice: true };
    expect(lockoutGuard(json)).toEqual([]);
  });

  test('reports every problem at once', () => {
    const json = base();
    policy(json, 'CA001').conditions.users.excluded_groups = [];
    policy(json, 'CA003').conditions.users.excluded_roles = [GLOBAL_ADMINISTRATOR];
    delete json.output?.deployment_identity;
    expect(checks(json)).toEqual(['block-all', 'break-glass-excluded', 'deployment-identity', 'exclusions-by-group']);
  });
});
