import { keyVaultName, NAME_RULES, nameProblem, ResourceNamer } from '../../lib/naming';

describe('nameProblem', () => {
  test.each([
    ['firewall', 'afw-hub-prod-weu'],
    ['publicIp', 'pip-afw-mgmt-hub-prod-weu'],
    ['resourceGroup', 'rg-connectivity-prod-weu'],
    ['resourceGroup', 'rg_(legacy)'],
    ['virtualNetwork', 'vnet-hub-dev-weu'],
    ['subnet', 'snet_a.b-c_'],
  ] as const)('accepts the valid %s name %s', (kind, name) => {
    expect(nameProblem(kind, name)).toBeUndefined();
  });

  test('accepts a name of exactly the maximum length', () => {
    expect(nameProblem('firewall', 'a'.repeat(56))).toBeUndefined();
    expect(nameProblem('virtualNetwork', 'v'.repeat(64))).toBeUndefined();
    expect(nameProblem('resourceGroup', 'r'.repeat(90))).toBeUndefined();
  });

  test('reports a name one character over the maximum with its length and the allowed range', () => {
    expect(nameProblem('firewall', 'a'.repeat(57))).toBe(`firewall name '${'a'.repeat(57)}' is 57 characters; Azure allows 1-56`);
    expect(nameProblem('virtualNetwork', 'v'.repeat(65))).toBe(`virtualNetwork name '${'v'.repeat(65)}' is 65 characters; Azure allows 2-64`);
    expect(nameProblem('resourceGroup', 'r'.repeat(91))).toContain('is 91 characters; Azure allows 1-90');
  });

  test('reports a name below the minimum length', () => {
    expect(nameProblem('virtualNetwork', 'v')).toBe("virtualNetwork name 'v' is 1 characters; Azure allows 2-64");
    expect(nameProblem('subnet', '')).toBe("subnet name '' is 0 characters; Azure allows 1-80");
  });

  test.each([
    ['firewall', 'afw hub'],
    ['firewall', 'afw/hub'],
    ['firewall', '-afw-hub'],
    ['firewall', 'afw-hub-'],
    ['firewall', 'afw-hub.'],
    ['publicIp', 'pip#1'],
    ['subnet', 'snet-ü'],
  ] as const)('reports the %s name %j for characters Azure does not allow, naming the allowed ones', (kind, name) => {
    expect(nameProblem(kind, name)).toBe(`${kind} name '${name}' has characters Azure does not allow (${NAME_RULES[kind].allowed})`);
  });

  test('reports a resource group name ending with a period', () => {
    expect(nameProblem('resourceGroup', 'rg-hub.')).toBe(
      "resourceGroup name 'rg-hub.' has characters Azure does not allow (letters, digits, underscores, parentheses, hyphens and periods; not ending with a period)",
    );
  });

  test('checks length before characters', () => {
    expect(nameProblem('firewall', '#'.repeat(60))).toContain('is 60 characters');
  });
});

describe('ResourceNamer', () => {
  const prodHub = new ResourceNamer({ workload: 'hub', environment: 'prod', regionShortName: 'weu' });

  test('builds CAF names: abbreviation, qualifiers, workload, environment, region', () => {
    expect(prodHub.name('firewall')).toBe('afw-hub-prod-weu');
    expect(prodHub.name('publicIp', 'afw', 'mgmt')).toBe('pip-afw-mgmt-hub-prod-weu');
    expect(prodHub.name('publicIp', 'bas')).toBe('pip-bas-hub-prod-weu');
    expect(prodHub.name('firewallPolicy')).toBe('afwp-hub-prod-weu');
    expect(prodHub.name('virtualNetwork')).toBe('vnet-hub-prod-weu');
    expect(prodHub.name('bastionHost')).toBe('bas-hub-prod-weu');
    expect(prodHub.name('ddosProtectionPlan')).toBe('ddos-hub-prod-weu');
    expect(prodHub.name('resourceGroup')).toBe('rg-hub-prod-weu');
    expect(prodHub.name('routeTable', 'afw')).toBe('rt-afw-hub-prod-weu');
    expect(prodHub.name('networkSecurityGroup', 'bas')).toBe('nsg-bas-hub-prod-weu');
  });

  test('every generated name for a typical environment is valid for its kind', () => {
    const namer = new ResourceNamer({ workload: 'hub', environment: 'dev', regionShortName: 'gwc' });
    for (const kind of Object.keys(NAME_RULES) as (keyof typeof NAME_RULES)[]) {
      const name = namer.name(kind, 'x');
      expect(nameProblem(kind, name)).toBeUndefined();
    }
  });

  test('fails with an actionable message when a name exceeds the limit (long workload)', () => {
    const workload = 'w'.repeat(50);
    const namer = new ResourceNamer({ workload, environment: 'prod', regionShortName: 'weu' });
    const expectedName = `afw-${workload}-prod-weu`;
    expect(() => namer.name('firewall')).toThrow(
      `firewall name '${expectedName}' is ${expectedName.length} characters; Azure allows 1-56; ` +
        `shorten the environment name or workload (${workload}) so generated names fit`,
    );
  });

  test('fails with a character hint, not a length hint, for a disallowed character', () => {
    const namer = new ResourceNamer({ workload: 'hub!', environment: 'prod', regionShortName: 'weu' });
    expect(() => namer.name('firewall')).toThrow(/has characters Azure does not allow .*; use only the allowed characters/);
  });

  test('fails only for the kinds whose limit is exceeded', () => {
    // 'afw-' + 49 + '-prod-weu' = 62 characters: too long for a firewall (56) but fine for a public IP (80).
    const namer = new ResourceNamer({ workload: 'w'.repeat(49), environment: 'prod', regionShortName: 'weu' });
    expect(() => namer.name('firewall')).toThrow(/Azure allows 1-56; shorten the environment name or workload/);
    expect(namer.name('publicIp')).toBe(`pip-${'w'.repeat(49)}-prod-weu`);
  });

  test('fails for characters Azure does not allow in a segment', () => {
    const namer = new ResourceNamer({ workload: 'hub!', environment: 'prod', regionShortName: 'weu' });
    expect(() => namer.name('virtualNetwork')).toThrow(
      "virtualNetwork name 'vnet-hub!-prod-weu' has characters Azure does not allow",
    );
  });
});

describe('keyVaultName', () => {
  const props = { workload: 'shop', environment: 'prod', regionShortName: 'weu', subscriptionId: '00000000-0000-0000-0000-000000000002' };

  test('is kv-<workload>-<env>-<region>-<4 hex of the subscription>, stable for a subscription', () => {
    expect(keyVaultName(props)).toMatch(/^kv-shop-prod-weu-[0-9a-f]{4}$/);
    expect(keyVaultName(props)).toBe(keyVaultName({ ...props }));
  });

  test('differs between subscriptions (vault names are global)', () => {
    expect(keyVaultName(props)).not.toBe(keyVaultName({ ...props, subscriptionId: '00000000-0000-0000-0000-000000000003' }));
  });

  test('fails with an actionable message when the name exceeds 24 characters', () => {
    expect(() => keyVaultName({ ...props, workload: 'inventorysvc' })).toThrow(/keyVault name 'kv-inventorysvc-prod-weu-[0-9a-f]{4}' is 29 characters; Azure allows 3-24; set an explicit Key Vault name/);
  });
});

