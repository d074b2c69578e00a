/**
 * The lockout guard's "block everyone" check over every Conditional Access condition: a block whose users, client
 * apps, platforms, locations, countries and risk levels leave no ordinary sign-in out is found; one that any condition
 * narrows is not. Every finding names the config key behind it.
 */
import { ISO_COUNTRY_CODES } from '../../lib/iso-countries';
import { lockoutGuard } from '../../verifier/identity/lockout-guard';
import { copyOf, identityJson, MutableJson, policy } from './fixtures';

const base = (): MutableJson => copyOf(identityJson('staged'));

function everyone(json: MutableJson) {
  return lockoutGuard(json).filter((p) => p.check === 'block-everyone');
}

/** CA003 (MFA for everyone, break-glass excluded) turned into a block: the probe's starting point. */
function blockAll(json: MutableJson): ReturnType<typeof policy> {
  const ca003 = policy(json, 'CA003');
  ca003.grant_controls = { built_in_controls: ['block'], operator: 'OR' };
  return ca003;
}

describe('lockout guard: a block that leaves nobody out', () => {
  test('the embedded environments have none', () => {
    expect(everyone(copyOf(identityJson('staged')))).toEqual([]);
    expect(everyone(copyOf(identityJson('embedded')))).toEqual([]);
  });

  test('all users, all apps, no condition: found even though the break-glass group is excluded, with its config key', () => {
    const json = base();
    blockAll(json);
    expect(everyone(json)).toEqual([
      expect.objectContaining({ policy: expect.stringMatching(/^CA003-/), configPath: 'identity.conditionalAccess.policies.CA003', message: expect.stringMatching(/except CA-BreakGlass-Exclusion.*AADSTS53003/) }),
    ]);
  });

  test('countries: blocking every ISO country blocks everyone; blocking one does not', () => {
    const json = base();
    const location = Object.values(json.resource.azuread_named_location ?? {}).find((l) => l.country) as { country: { countries_and_regions: string[] } };
    location.country.countries_and_regions = [...ISO_COUNTRY_CODES];
    expect(everyone(json)).toEqual([expect.objectContaining({ configPath: 'identity.conditionalAccess.policies.CA010' })]);
    location.country.countries_and_regions = ['KP'];
    expect(everyone(json)).toEqual([]);
  });

  test('locations: All minus AllTrusted is everyone when no trusted location exists, and not when one does', () => {
    const json = base();
    blockAll(json).conditions.locations = { included_locations: ['All'], excluded_locations: ['AllTrusted'] };
    expect(everyone(json)).toEqual([]);
    for (const location of Object.values(json.resource.azuread_named_location ?? {})) if (location.ip) (location.ip as Record<string, unknown>).trusted = false;
    expect(everyone(json)).toHaveLength(1);
  });

  test('platforms: all platforms is everyone; excluding one is not', () => {
    const json = base();
    const ca = blockAll(json);
    ca.conditions.platforms = { included_platforms: ['all'] };
    expect(everyone(json)).toHaveLength(1);
    ca.conditions.platforms = { included_platforms: ['all'], excluded_platforms: ['linux'] };
    expect(everyone(json)).toEqual([]);
  });

  test('client apps: legacy clients only is not everyone; every client app type is', () => {
    const json = base();
    const ca = blockAll(json);
    ca.conditions.client_app_types = ['exchangeActiveSync', 'other'];
    expect(everyone(json)).toEqual([]);
    ca.conditions.client_app_types = ['browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'other'];
    expect(everyone(json)).toHaveLength(1);
  });

  test('risk: a block on high sign-in or user risk is not everyone', () => {
    const json = base();
    const ca = blockAll(json);
    ca.conditions.sign_in_risk_levels = ['high'];
    expect(everyone(json)).toEqual([]);
    delete ca.conditions.sign_in_risk_levels;
    ca.conditions.user_risk_levels = ['medium', 'high'];
    expect(everyone(json)).toEqual([]);
  });

  test('an exclusion beyond the break-glass accounts is a deliberate "everyone but" and is left alone', () => {
    const json = base();
    const ca = blockAll(json);
    ca.conditions.users.excluded_users = ['00000000-0000-0000-0000-00000000a001'];
    expect(everyone(json)).toEqual([]);
  });
});

describe('lockout guard: findings name their config key', () => {
  test('the deployment identity and a policy', () => {
    const json = base();
    policy(json, 'CA003').conditions.users.excluded_groups = [];
    (json.output as Record<string, { value: Record<string, unknown> }>).deployment_identity!.value = {
      type: 'servicePrincipal',
      objectId: '00000000-0000-0000-0000-0000000000d1',
    };
    json.resource.azuread_conditional_access_policy!.Workload = {
      display_name: 'Block workload identities',
      state: 'enabled',
      conditions: { users: { included_users: ['None'] }, applications: { included_applications: ['All'] }, client_applications: { included_service_principals: ['ServicePrincipalsInMyTenant'] }, client_app_types: ['all'] },
      grant_controls: { built_in_controls: ['block'], operator: 'OR' },
    };
    const problems = lockoutGuard(json);
    expect(problems).toContainEqual(expect.objectContaining({ check: 'break-glass-excluded', configPath: 'identity.conditionalAccess.policies.CA003' }));
    expect(problems).toContainEqual(expect.objectContaining({ check: 'deployment-identity', configPath: 'identity.deploymentIdentity' }));
  });
});
