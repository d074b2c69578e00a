/**
 * The `identity` section: schema and cross-reference checks, each with a failing case that names the config path
 * and says what to do. Documents are built like the embedded files, with a minimal valid hub.
 */
import { stringify } from 'yaml';
import type { ConfigProblem } from '../../config/problems';
import { loadTenantText } from '../../config/tenants';
import { embeddedIdentityTenant } from './fixtures';

const SOURCE = 'config/tenants/contoso.yaml';
type Json = Record<string, unknown>;

function identity(patch: Json = {}): Json {
  return {
    tenantDomain: 'contoso.onmicrosoft.com',
    deploymentIdentity: { type: 'servicePrincipal', objectId: '00000000-0000-0000-0000-0000000000d1' },
    ...patch,
  };
}

function load(identitySection: Json | undefined) {
  const doc: Json = {
    tenant: 'contoso',
    tenantId: '00000000-0000-0000-0000-000000000000',
    ...(identitySection ? { identity: identitySection } : {}),
  };
  const { tenant, problems } = loadTenantText(stringify(doc), SOURCE);
  return { config: tenant, problems };
}

function errors(identitySection: Json): Pick<ConfigProblem, 'path' | 'message'>[] {
  return load(identitySection)
    .problems.filter((p) => p.severity === 'error')
    .map(({ path, message }) => ({ path, message }));
}

describe('identity config', () => {
  test('is optional: without it the tenant is valid and has no identity', () => {
    const { config, problems } = load(undefined);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(config?.identity).toBeUndefined();
  });

  test('minimal section: two break-glass accounts, every policy report-only, no groups or locations', () => {
    const { config, problems } = load(identity());
    expect(problems.filter((p) => p.severity === 'error' || p.path.startsWith('identity'))).toEqual([]);
    expect(config?.identity).toMatchObject({
      breakGlass: { accounts: ['breakglass01', 'breakglass02'], groupName: 'CA-BreakGlass-Exclusion' },
      adminGroups: [],
      pim: { eligibleAssignments: [] },
      conditionalAccess: { defaultState: 'enabledForReportingButNotEnforced', policies: {}, adminSignInFrequencyHours: 4 },
    });
  });

  test('the embedded tenant is valid; it enforces the baseline but leaves CA200 report-only until admins have keys', () => {
    const enforced = Object.entries(embeddedIdentityTenant().identity.conditionalAccess.policies).filter(([, s]) => s === 'enabled').map(([id]) => id);
    expect(enforced).toEqual(expect.arrayContaining(['CA001', 'CA002', 'CA003', 'CA010']));
    expect(enforced).not.toContain('CA200');
  });

  test('tenantDomain must be the initial *.onmicrosoft.com domain', () => {
    expect(errors(identity({ tenantDomain: 'contoso.com' }))).toEqual([{ path: 'identity.tenantDomain', message: expect.stringContaining('never on a federated domain') }]);
  });

  test('at least two break-glass accounts, each named once', () => {
    expect(errors(identity({ breakGlass: { accounts: ['breakglass01'] } }))).toEqual([{ path: 'identity.breakGlass.accounts', message: expect.stringContaining('at least two break-glass accounts') }]);
    expect(errors(identity({ breakGlass: { accounts: ['bg01', 'bg01'] } }))).toEqual([{ path: 'identity.breakGlass.accounts[1]', message: expect.stringContaining('listed twice') }]);
  });

  test('roles are built-in role names or template IDs, with a suggestion for a typo', () => {
    const problems = errors(identity({ pim: { eligibleAssignments: [{ principal: '00000000-0000-0000-0000-00000000a001', role: 'Global Adminstrator' }] } }));
    expect(problems).toEqual([{ path: 'identity.pim.eligibleAssignments[0].role', message: expect.stringContaining("did you mean 'Global Administrator'?") }]);
  });

  test('directory-role eligibility cannot be time-bound with azuread 3.7: the message points at privileged access groups', () => {
    const problems = errors(identity({ pim: { eligibleAssignments: [{ principal: '00000000-0000-0000-0000-00000000a001', role: 'Global Administrator', duration: 'P90D' }] } }));
    expect(problems).toEqual([{ path: 'identity.pim.eligibleAssignments[0].duration', message: expect.stringContaining('eligibleMembers entry with this duration') }]);
  });

  test('a PIM principal is an object ID or an adminGroups name', () => {
    const section = identity({
      adminGroups: [{ name: 'CA-Persona-Admins' }],
      pim: { eligibleAssignments: [{ principal: 'CA-Persona-Admin', role: 'Security Administrator' }, { principal: 'CA-Persona-Admins', role: 'Security Administrator' }] },
    });
    expect(errors(section)).toEqual([{ path: 'identity.pim.eligibleAssignments[0].principal', message: expect.stringContaining("did you mean 'CA-Persona-Admins'?") }]);
  });

  test('duplicate eligible assignments, admin group names, and a group named like the break-glass group', () => {
    const section = identity({
      adminGroups: [{ name: 'Admins' }, { name: 'admins' }, { name: 'CA-BreakGlass-Exclusion' }],
      pim: {
        eligibleAssignments: [
          { principal: 'Admins', role: 'Global Administrator' },
          { principal: 'Admins', role: '62e90394-69f5-4237-9190-012177145e10' },
        ],
      },
    });
    expect(errors(section).map((p) => p.path)).toEqual(['identity.adminGroups[1].name', 'identity.adminGroups[2].name', 'identity.pim.eligibleAssignments[1]']);
  });

  test('eligible membership needs a group that holds roles, and a principal is either permanent or eligible', () => {
    const principal = '00000000-0000-0000-0000-00000000a003';
    const problems = errors(identity({ adminGroups: [{ name: 'Ops', members: [principal], eligibleMembers: [{ principalObjectId: principal }] }] }));
    expect(problems).toEqual([
      { path: 'identity.adminGroups[0].eligibleMembers', message: expect.stringContaining('add roles') },
      { path: 'identity.adminGroups[0].members', message: expect.stringContaining('both a permanent and an eligible member') },
    ]);
    expect(errors(identity({ adminGroups: [{ name: 'Ops', roles: ['Security Reader'], eligibleMembers: [{ principalObjectId: principal, duration: '90 days' }] }] }))).toEqual([
      { path: 'identity.adminGroups[0].eligibleMembers[0].duration', message: expect.stringContaining('ISO 8601') },
    ]);
  });

  test('named locations: IPv4 CIDRs no wider than /8, ISO country codes, listed once', () => {
    const problems = errors(identity({ namedLocations: { trusted: [{ name: 'Corp', ipRanges: ['10.0.0.0/7', '10.1.2.3/24'] }], blockedCountries: ['kp', 'IR', 'IR'] } }));
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'identity.namedLocations.trusted[0].ipRanges[1]', message: expect.stringContaining('host bits') },
        { path: 'identity.namedLocations.blockedCountries[0]', message: expect.stringContaining('ISO 3166-1 alpha-2') },
      ]),
    );
    // The width check runs once the values are well-formed.
    expect(errors(identity({ namedLocations: { trusted: [{ name: 'Corp', ipRanges: ['10.0.0.0/7'] }], blockedCountries: ['IR', 'IR'] } }))).toEqual([
      { path: 'identity.namedLocations.trusted[0].ipRanges[0]', message: expect.stringContaining('wider than /8') },
      { path: 'identity.namedLocations.blockedCountries[1]', message: expect.stringContaining('listed twice') },
    ]);
  });

  test('policy states by known policy ID with the exact state values', () => {
    const problems = errors(identity({ conditionalAccess: { policies: { CA001: 'on', CA999: 'enabled' } } }));
    expect(problems).toEqual([
      { path: 'identity.conditionalAccess.policies.CA001', message: expect.stringContaining('"enabledForReportingButNotEnforced"') },
      { path: 'identity.conditionalAccess.policies', message: expect.stringContaining("unknown key 'CA999'") },
    ]);
  });

  test('CA010 enabled without blocked countries', () => {
    expect(errors(identity({ conditionalAccess: { policies: { CA010: 'enabled' } } }))).toEqual([
      { path: 'identity.conditionalAccess.policies.CA010', message: expect.stringContaining('namedLocations.blockedCountries, which is empty') },
    ]);
  });

  test('a custom MFA strength lists known method combinations; the admin session lasts 1-23 hours', () => {
    expect(errors(identity({ conditionalAccess: { mfaStrength: ['password,carrierPigeon'], adminSignInFrequencyHours: 24 } })).map((p) => p.path)).toEqual([
      'identity.conditionalAccess.adminSignInFrequencyHours',
      'identity.conditionalAccess.mfaStrength[0]',
    ]);
  });

  test('a user deployment identity lists its registered methods', () => {
    expect(errors(identity({ deploymentIdentity: { type: 'user', objectId: '00000000-0000-0000-0000-00000000a001' } }))).toEqual([
      { path: 'identity.deploymentIdentity.methods', message: expect.stringContaining('required') },
    ]);
    expect(errors(identity({ deploymentIdentity: { type: 'robot', objectId: '00000000-0000-0000-0000-00000000a001' } })).map((p) => p.path)).toEqual(['identity.deploymentIdentity.type']);
  });
});
