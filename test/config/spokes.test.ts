/**
 * The `spokes` section: tier carving, and every semantic check with a failing case that names the config path and
 * says what to do.
 */
import { stringify } from 'yaml';
import { loadEnvironmentText } from '../../config/load';
import type { ConfigProblem } from '../../config/problems';

type Json = Record<string, unknown>;

function spoke(name: string, addressSpace: string, patch: Json = {}): Json {
  return { name, addressSpace: [addressSpace], ...patch };
}

function doc(spokes: Json[], hubPatch: Json = {}, patch: Json = {}): Json {
  return {
    environment: 'dev',
    location: 'westeurope',
    tenant: 'contoso',
    subscriptionId: '00000000-0000-0000-0000-000000000001',
    tags: { owner: 'platform-team@example.com', 'cost-center': 'CC-0000-DEV' },
    hub: { addressSpace: ['10.10.0.0/22'], ...hubPatch },
    spokes,
    ...patch,
  };
}

function load(document: Json) {
  return loadEnvironmentText(stringify(document), 'config/environments/dev.yaml');
}

function errors(document: Json): Pick<ConfigProblem, 'path' | 'message'>[] {
  const result = load(document);
  const found = result.problems.filter((p) => p.severity === 'error').map(({ path, message }) => ({ path, message }));
  if (found.length > 0) expect(result.config).toBeUndefined();
  return found;
}

/** Asserts exactly one error at `path` whose message matches `pattern`. */
function expectError(document: Json, path: string, pattern: RegExp): void {
  expect(errors(document)).toEqual([{ path, message: expect.stringMatching(pattern) }]);
}

const TWO_SPOKES = [spoke('shop', '10.11.0.0/24'), spoke('crm', '10.11.1.0/24')];

describe('spoke planning', () => {
  test('carves web /26, app /26, data /27, privateEndpoints /27 from a /24, largest first', () => {
    const { config, problems } = load(doc(TWO_SPOKES));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(config?.spokes[0]!.subnets).toEqual({
      web: '10.11.0.0/26',
      app: '10.11.0.64/26',
      data: '10.11.0.128/27',
      privateEndpoints: '10.11.0.160/27',
    });
  });

  test('keeps explicit prefixes and carves around them', () => {
    const { config } = load(doc([spoke('shop', '10.11.0.0/24', { subnets: { web: '10.11.0.128/26' } })]));
    expect(config?.spokes[0]!.subnets).toMatchObject({ web: '10.11.0.128/26', app: '10.11.0.0/26', data: '10.11.0.64/27' });
  });

  test('adds the App Service integration subnet only when enabled', () => {
    const { config } = load(doc([spoke('shop', '10.11.0.0/24', { appServiceIntegrationEnabled: true })]));
    expect(config?.spokes[0]!.subnets.appServiceIntegration).toBe('10.11.0.192/27');
  });

  test('applies defaults: ingress 443 from the firewall subnet (resolved later), app 8080, data 1433, no extra private-endpoint ports (endpoints open their own)', () => {
    const { config } = load(doc(TWO_SPOKES));
    expect(config?.spokes[0]).toMatchObject({
      ingress: { ports: [443] },
      ports: { app: [8080], data: [1433], privateEndpoints: [] },
      flows: [],
      useRemoteGateways: false,
    });
    expect(config?.spokes[0]!.ingress.sources).toBeUndefined();
  });
});

describe('spoke checks', () => {
  test('rejects duplicate spoke names', () => {
    expectError(doc([spoke('shop', '10.11.0.0/24'), spoke('shop', '10.11.1.0/24')]), 'spokes[1].name', /already used by spokes\[0\].*unique/);
  });

  test('rejects a spoke overlapping the hub', () => {
    expectError(doc([spoke('shop', '10.10.2.0/24')]), 'spokes[0].addressSpace[0]', /10\.10\.2\.0\/24 overlaps 10\.10\.0\.0\/22 \(hub\.addressSpace\[0\]\)/);
  });

  test('rejects two overlapping spokes', () => {
    expectError(doc([spoke('shop', '10.11.0.0/23'), spoke('crm', '10.11.1.0/24')]), 'spokes[1].addressSpace[0]', /overlaps 10\.11\.0\.0\/23 \(spokes\[0\]\.addressSpace\[0\]\)/);
  });

  test('rejects a spoke overlapping on-premises', () => {
    expectError(doc([spoke('shop', '172.16.0.0/24')], {}, { onPremisesAddressSpaces: ['172.16.0.0/16'] }), 'onPremisesAddressSpaces[0]', /overlaps 172\.16\.0\.0\/24 \(spokes\[0\]\.addressSpace\[0\]\)/);
  });

  test('rejects a spoke outside the firewall private ranges (it would be SNATed as Internet)', () => {
    expectError(doc([spoke('shop', '10.11.0.0/24')], { firewall: { privateRanges: ['10.10.0.0/16'] } }), 'spokes[0].addressSpace[0]', /not inside any of hub\.firewall\.privateRanges .*add it there/);
  });

  test('rejects an explicit tier subnet outside the spoke', () => {
    expectError(doc([spoke('shop', '10.11.0.0/24', { subnets: { web: '10.12.0.0/26' } })]), 'spokes[0].subnets.web', /outside the address space \(10\.11\.0\.0\/24\)/);
  });

  test('rejects a tier subnet smaller than Azure allows', () => {
    expectError(doc([spoke('shop', '10.11.0.0/24', { subnets: { data: '10.11.0.248/30' } })]), 'spokes[0].subnets.data', /is a \/30, but Azure needs at least \/29/);
  });

  test('rejects overlapping explicit tier subnets', () => {
    expectError(doc([spoke('shop', '10.11.0.0/24', { subnets: { web: '10.11.0.0/26', app: '10.11.0.0/27' } })]), 'spokes[0].subnets.app', /overlaps subnets\.web 10\.11\.0\.0\/26/);
  });

  test('reports an address space too small for its tiers', () => {
    expectError(doc([spoke('shop', '10.11.0.0/26')]), 'spokes[0].addressSpace', /no room left for app \(\/26\), data \(\/27\), privateEndpoints \(\/27\); enlarge the address space \(the spoke needs web \/26, app \/26/);
  });

  test('rejects an integration subnet prefix when integration is disabled', () => {
    expectError(doc([spoke('shop', '10.11.0.0/24', { subnets: { appServiceIntegration: '10.11.0.224/27' } })]), 'spokes[0].subnets.appServiceIntegration', /appServiceIntegrationEnabled is false/);
  });

  test('rejects the integration subnet smaller than /28', () => {
    expect(errors(doc([spoke('shop', '10.11.0.0/24', { appServiceIntegrationEnabled: true, subnetSizes: { appServiceIntegration: 29 } })]))).toEqual([
      { path: 'spokes[0].subnetSizes.appServiceIntegration', message: expect.stringMatching(/28/) },
    ]);
  });

  test('rejects useRemoteGateways without a hub gateway', () => {
    expectError(doc([spoke('shop', '10.11.0.0/24', { useRemoteGateways: true })]), 'spokes[0].useRemoteGateways', /set hub\.gatewaySubnetEnabled: true/);
  });

  test('rejects an invalid spoke name', () => {
    expectError(doc([spoke('Shop_1', '10.11.0.0/24')]), 'spokes[0].name', /2-12 lower-case letters and digits/);
  });

  test('rejects a port range that is reversed or out of range', () => {
    expectError(doc([spoke('shop', '10.11.0.0/24', { ports: { app: ['9000-8000'] } })]), 'spokes[0].ports.app[0]', /low < high/);
    expectError(doc([spoke('shop', '10.11.0.0/24', { ports: { data: ['70000'] } })]), 'spokes[0].ports.data[0]', /between 1 and 65535/);
  });
});

describe('flows and egress checks', () => {
  const flow = (to: Json, patch: Json = {}) => ({ name: 'to-crm', from: 'app', to, ports: [8443], ...patch });

  test('accepts a flow to another spoke', () => {
    expect(errors(doc([spoke('shop', '10.11.0.0/24', { flows: [flow({ spoke: 'crm', tier: 'app' })] }), spoke('crm', '10.11.1.0/24')]))).toEqual([]);
  });

  test('rejects a flow to an unknown spoke, naming the known ones', () => {
    expectError(doc([spoke('shop', '10.11.0.0/24', { flows: [flow({ spoke: 'erp', tier: 'app' })] }), spoke('crm', '10.11.1.0/24')]), 'spokes[0].flows[0].to.spoke', /'erp' is not a spoke of this environment; use one of crm/);
  });

  test('rejects a flow to the same spoke', () => {
    expectError(doc([spoke('shop', '10.11.0.0/24', { flows: [flow({ spoke: 'shop', tier: 'data' })] })]), 'spokes[0].flows[0].to.spoke', /is this spoke/);
  });

  test('rejects a flow from the integration subnet when it is disabled', () => {
    expectError(
      doc([spoke('shop', '10.11.0.0/24', { flows: [flow({ spoke: 'crm', tier: 'app' }, { from: 'appServiceIntegration' })] }), spoke('crm', '10.11.1.0/24')]),
      'spokes[0].flows[0].from',
      /appServiceIntegrationEnabled is false/,
    );
  });

  test('rejects duplicate flow names', () => {
    const f = flow({ spoke: 'crm', tier: 'app' });
    expectError(doc([spoke('shop', '10.11.0.0/24', { flows: [f, f] }), spoke('crm', '10.11.1.0/24')]), 'spokes[0].flows[1].name', /already used/);
  });

  test('rejects a network rule with both or neither destination kinds', () => {
    const both = { name: 'smtp', destinations: ['203.0.113.10'], fqdns: ['smtp.example.com'], ports: [587] };
    expectError(doc([spoke('shop', '10.11.0.0/24', { egress: { networkRules: [both] } })]), 'spokes[0].egress.networkRules[0]', /exactly one of destinations .* or fqdns/);
    const neither = { name: 'smtp', ports: [587] };
    expectError(doc([spoke('shop', '10.11.0.0/24', { egress: { networkRules: [neither] } })]), 'spokes[0].egress.networkRules[0]', /exactly one of/);
  });

  test('rejects FQDN network rules without the DNS proxy (and names the platform entries that need it)', () => {
    const rule = { name: 'smtp', fqdns: ['smtp.example.com'], ports: [587] };
    const found = errors(doc([spoke('shop', '10.11.0.0/24', { egress: { networkRules: [rule] } })], { firewall: { dnsProxyEnabled: false } }));
    expect(found.map((e) => e.path).sort()).toEqual(['hub.firewall.platformEgress[2]', 'hub.firewall.platformEgress[4]', 'spokes[0].egress.networkRules[0].fqdns']);
    expect(found.find((e) => e.path === 'hub.firewall.platformEgress[2]')?.message).toMatch(/'ntp' uses FQDN network rules.*remove 'ntp'/);
  });

  test('allows the DNS proxy off when the platform egress is narrowed to address-based entries', () => {
    expect(errors(doc(TWO_SPOKES, { firewall: { dnsProxyEnabled: false, platformEgress: ['azure-monitor', 'entra-id', 'ubuntu-updates'] } }))).toEqual([]);
  });

  test('rejects an unknown platform egress entry', () => {
    expect(errors(doc(TWO_SPOKES, { firewall: { platformEgress: ['everything'] } }))).toEqual([
      { path: 'hub.firewall.platformEgress[0]', message: expect.stringMatching(/"everything"; use one of "azure-monitor"/) },
    ]);
  });

  test('rejects duplicate egress rule names across application and network rules', () => {
    const egress = { applicationRules: [{ name: 'api', fqdns: ['api.example.com'] }], networkRules: [{ name: 'api', destinations: ['203.0.113.10'], ports: [443] }] };
    expectError(doc([spoke('shop', '10.11.0.0/24', { egress })]), 'spokes[0].egress.networkRules[0].name', /already used by another egress rule/);
  });

  test('rejects a malformed FQDN in an application rule', () => {
    expectError(doc([spoke('shop', '10.11.0.0/24', { egress: { applicationRules: [{ name: 'api', fqdns: ['https://api.example.com/'] }] } })]), 'spokes[0].egress.applicationRules[0].fqdns[0]', /has a scheme \(https:\/\/\); write the host name only, e\.g\. api\.example\.com/);
  });

  test('reports every spoke problem at once', () => {
    const found = errors(
      doc([
        spoke('shop', '10.10.0.0/24', { useRemoteGateways: true }),
        spoke('shop', '10.11.0.0/26', { flows: [flow({ spoke: 'nope', tier: 'app' })] }),
      ]),
    );
    expect(found.map((e) => e.path)).toEqual(
      expect.arrayContaining(['spokes[0].addressSpace[0]', 'spokes[1].name', 'spokes[0].useRemoteGateways', 'spokes[1].flows[0].to.spoke', 'spokes[1].addressSpace']),
    );
  });
});

describe('spoke checks when another part of the file fails the schema', () => {
  test('still reports spoke overlaps and planning problems alongside the schema error', () => {
    const found = errors(doc([spoke('shop', '10.10.0.0/24'), spoke('crm', '10.11.0.0/26')], {}, { location: 'westeurop' }));
    expect(found.map((e) => e.path)).toEqual(expect.arrayContaining(['location', 'spokes[0].addressSpace[0]', 'spokes[1].addressSpace']));
  });
});

describe('publishing the web tier (DNAT)', () => {
  const publish = (webAddress: string, extra: Json = {}) => ({ ingress: { publish: { webAddress }, ...extra } });

  test('accepts a usable web-tier address', () => {
    const { config, problems } = load(doc([spoke('shop', '10.11.0.0/24', publish('10.11.0.10'))]));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(config?.spokes[0]!.ingress.publish).toEqual({ webAddress: '10.11.0.10' });
  });

  test.each([
    ['outside the web subnet', '10.11.0.70'],
    ['an Azure-reserved address', '10.11.0.3'],
    ['the broadcast address', '10.11.0.63'],
  ])('rejects a target %s', (_case, address) => {
    expectError(doc([spoke('shop', '10.11.0.0/24', publish(address))]), 'spokes[0].ingress.publish.webAddress', /is not a usable address of the web subnet 10\.11\.0\.0\/26/);
  });

  test('rejects custom ingress sources that leave out the firewall subnet DNAT traffic comes from', () => {
    expectError(
      doc([spoke('shop', '10.11.0.0/24', publish('10.11.0.10', { sources: ['10.11.3.0/24'] }))]),
      'spokes[0].ingress.sources',
      /does not include the hub AzureFirewallSubnet/,
    );
  });

  test('rejects the same public port published by two spokes', () => {
    expectError(
      doc([spoke('shop', '10.11.0.0/24', publish('10.11.0.10')), spoke('crm', '10.11.1.0/24', publish('10.11.1.10'))]),
      'spokes[1].ingress.ports[0]',
      /port 443 is already published by spoke 'shop'/,
    );
  });

  test('rejects a published port range', () => {
    expectError(doc([spoke('shop', '10.11.0.0/24', publish('10.11.0.10', { ports: ['8000-8001'] }))]), 'spokes[0].ingress.ports[0]', /is a range; a published port must be a single port/);
  });
});
