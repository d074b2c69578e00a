/**
 * loadEnvironmentText: schema validation, semantic checks and hub subnet planning of one environment document.
 * Every failing case asserts where the problem is (`path`) and that the message says what to do.
 */
import { stringify } from 'yaml';
import { formatPath, loadEnvironmentText } from '../../config/load';
import type { ConfigProblem } from '../../config/problems';
import { AZURE_REGION_NAMES } from '../../config/regions';

const SOURCE = 'config/environments/dev.yaml';

type Json = Record<string, unknown>;
interface HubDoc extends Json {
  addressSpace?: unknown;
  subnets?: Json;
  gatewaySubnetEnabled?: unknown;
  firewall?: Json;
  bastion?: Json;
  ddosProtection?: Json;
}
interface Doc extends Json {
  tags: Json;
  hub: HubDoc;
}

/** A small valid environment (like dev.yaml, with every default left out). */
function baseDoc(): Doc {
  return {
    environment: 'dev',
    location: 'westeurope',
    tenant: 'contoso',
    subscriptionId: '00000000-0000-0000-0000-000000000001',
    tags: { owner: 'platform-team@example.com', 'cost-center': 'CC-0000-DEV' },
    hub: { addressSpace: ['10.10.0.0/22'] },
    management: { defender: { securityContact: { email: 'soc@example.com' } } },
  };
}

/** The base document with `patch` merged into `hub`. */
function withHub(patch: HubDoc): Doc {
  const doc = baseDoc();
  return { ...doc, hub: { ...doc.hub, ...patch } };
}

/** The base document with `patch` merged into `tags`. */
function withTags(patch: Json): Doc {
  const doc = baseDoc();
  return { ...doc, tags: { ...doc.tags, ...patch } };
}

/**
 * Loads a document. The "TLS inspection is off" warning, which every document without a CA gets, is left out here so
 * each test sees only what it is about; test/config/tls-inspection.test.ts covers that warning.
 */
function load(doc: Json | string, source = SOURCE): ReturnType<typeof loadEnvironmentText> {
  const result = loadEnvironmentText(typeof doc === 'string' ? doc : stringify(doc), source);
  return { ...result, problems: result.problems.filter((p) => !(p.severity === 'warning' && p.path === 'hub.firewall.tlsInspection.certificateSecretId')) };
}

type Reported = Pick<ConfigProblem, 'path' | 'message'>;

function bySeverity(problems: readonly ConfigProblem[], severity: ConfigProblem['severity']): Reported[] {
  return problems.filter((p) => p.severity === severity).map(({ path, message }) => ({ path, message }));
}

/** Loads `doc` and asserts it yields no config and exactly one error, at `path`; returns the error's message. */
function expectSingleError(doc: Json | string, path: string, source = SOURCE): string {
  const result = load(doc, source);
  const errors = bySeverity(result.problems, 'error');
  expect(errors).toEqual([{ path, message: expect.any(String) }]);
  expect(result.config).toBeUndefined();
  return errors[0]!.message;
}

describe('loadEnvironmentText: a valid document', () => {
  test('loads the base document without problems', () => {
    const result = load(baseDoc());
    expect(result.problems).toEqual([]);
    expect(result.config).toBeDefined();
  });

  test('applies defaults (Premium firewall, IDPS Deny, threat intel Deny, DNS proxy on, local backend)', () => {
    const { config } = load(baseDoc());
    expect(config).toMatchObject({
      environment: 'dev',
      location: 'westeurope',
      backend: { type: 'local' },
      onPremisesAddressSpaces: [],
      hub: {
        addressSpace: ['10.10.0.0/22'],
        gatewaySubnetEnabled: false,
        firewall: {
          tier: 'Premium',
          threatIntelMode: 'Deny',
          intrusionDetectionMode: 'Deny',
          dnsProxyEnabled: true,
          dnsServers: [],
          privateRanges: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'],
          forcedTunnelingEnabled: false,
        },
        bastion: {
          sku: 'Standard',
          scaleUnits: 2,
          copyPasteEnabled: false,
          fileCopyEnabled: false,
          tunnelingEnabled: false,
          sessionRecordingEnabled: false,
        },
        ddosProtection: { enabled: true },
      },
    });
  });

  test('keeps explicit values over defaults', () => {
    const { config, problems } = load(
      withHub({ firewall: { threatIntelMode: 'Alert', intrusionDetectionMode: 'Alert', dnsProxyEnabled: false }, bastion: { sku: 'Premium', scaleUnits: 4 } }),
    );
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', path: 'hub.firewall.dnsProxyEnabled', message: expect.stringMatching(/^is false: spokes resolve through Azure DNS/) })]);
    expect(config?.hub.firewall).toMatchObject({ tier: 'Premium', threatIntelMode: 'Alert', intrusionDetectionMode: 'Alert', dnsProxyEnabled: false });
    expect(config?.hub.bastion).toMatchObject({ sku: 'Premium', scaleUnits: 4 });
  });

  test('drops $schema from the loaded config', () => {
    const { config, problems } = load({ $schema: '../landing-zone.schema.json', ...baseDoc() });
    expect(problems).toEqual([]);
    expect(config).toBeDefined();
    expect(config && '$schema' in config).toBe(false);
  });

  test('accepts an azurerm backend', () => {
    const backend = { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate01', containerName: 'tfstate' };
    const { config, problems } = load({ ...baseDoc(), backend });
    expect(problems).toEqual([]);
    expect(config?.backend).toEqual(backend);
  });

  test('accepts extra tags and keeps them', () => {
    const { config, problems } = load(withTags({ 'data-classification': 'confidential' }));
    expect(problems).toEqual([]);
    expect(config?.tags).toEqual({ owner: 'platform-team@example.com', 'cost-center': 'CC-0000-DEV', 'data-classification': 'confidential' });
  });

  test.each(['config/environments/dev.yml', 'dev.yaml', '/abs/path/dev.yaml', '<inline>'])('accepts the source name %s', (source) => {
    expect(load(baseDoc(), source).problems).toEqual([]);
  });

  test('names the source in every problem', () => {
    const { problems } = load({ ...baseDoc(), location: 'mars', subscriptionId: 'x' }, 'somewhere/dev.yaml');
    expect(problems.length).toBe(2);
    for (const problem of problems) expect(problem.source).toBe('somewhere/dev.yaml');
  });
});

describe('loadEnvironmentText: hub subnet plan', () => {
  test('carves AzureFirewallSubnet and AzureBastionSubnet /26s from a dev-like address space', () => {
    const { config, problems } = load(baseDoc());
    expect(problems).toEqual([]);
    expect(config?.hub.subnets).toEqual({ AzureFirewallSubnet: '10.10.0.0/26', AzureBastionSubnet: '10.10.0.64/26', privateEndpoints: '10.10.0.128/27' });
  });

  test('adds AzureFirewallManagementSubnet when forcedTunnelingEnabled is true', () => {
    const { config, problems } = load(withHub({ firewall: { forcedTunnelingEnabled: true } }));
    expect(problems).toEqual([]);
    expect(config?.hub.subnets).toEqual({
      AzureFirewallSubnet: '10.10.0.0/26',
      AzureBastionSubnet: '10.10.0.64/26',
      AzureFirewallManagementSubnet: '10.10.0.128/26',
      privateEndpoints: '10.10.0.192/27',
    });
  });

  test('adds a /27 GatewaySubnet when gatewaySubnetEnabled is true', () => {
    const { config, problems } = load(withHub({ gatewaySubnetEnabled: true }));
    expect(problems).toEqual([]);
    expect(config?.hub.subnets).toEqual({
      AzureFirewallSubnet: '10.10.0.0/26',
      AzureBastionSubnet: '10.10.0.64/26',
      GatewaySubnet: '10.10.0.128/27',
      privateEndpoints: '10.10.0.160/27',
    });
  });

  test('carves all four subnets when both options are on', () => {
    const { config, problems } = load(withHub({ gatewaySubnetEnabled: true, firewall: { forcedTunnelingEnabled: true } }));
    expect(problems).toEqual([]);
    expect(config?.hub.subnets).toEqual({
      AzureFirewallSubnet: '10.10.0.0/26',
      AzureBastionSubnet: '10.10.0.64/26',
      AzureFirewallManagementSubnet: '10.10.0.128/26',
      GatewaySubnet: '10.10.0.192/27',
      privateEndpoints: '10.10.0.224/27',
    });
  });

  test('keeps explicit subnets and carves the rest around them', () => {
    const { config, problems } = load(withHub({ subnets: { AzureFirewallSubnet: '10.10.0.64/26' } }));
    expect(problems).toEqual([]);
    expect(config?.hub.subnets).toEqual({ AzureFirewallSubnet: '10.10.0.64/26', AzureBastionSubnet: '10.10.0.0/26', privateEndpoints: '10.10.0.128/27' });
  });

  test('keeps an explicit subnet larger than the minimum and carves after it', () => {
    const { config, problems } = load(withHub({ subnets: { AzureFirewallSubnet: '10.10.0.0/24' }, firewall: { forcedTunnelingEnabled: true } }));
    expect(problems).toEqual([]);
    expect(config?.hub.subnets).toEqual({
      AzureFirewallSubnet: '10.10.0.0/24',
      AzureBastionSubnet: '10.10.1.0/26',
      AzureFirewallManagementSubnet: '10.10.1.64/26',
      privateEndpoints: '10.10.1.128/27',
    });
  });

  test('keeps an explicit GatewaySubnet even when gatewaySubnetEnabled is left false', () => {
    const { config, problems } = load(withHub({ subnets: { GatewaySubnet: '10.10.3.224/27' } }));
    expect(problems).toEqual([]);
    expect(config?.hub.subnets).toEqual({
      AzureFirewallSubnet: '10.10.0.0/26',
      AzureBastionSubnet: '10.10.0.64/26',
      GatewaySubnet: '10.10.3.224/27',
      privateEndpoints: '10.10.0.128/27',
    });
  });

  test('keeps a fully explicit plan unchanged (prod-like)', () => {
    const subnets = {
      AzureFirewallSubnet: '10.20.0.0/26',
      AzureFirewallManagementSubnet: '10.20.0.64/26',
      AzureBastionSubnet: '10.20.0.128/26',
      GatewaySubnet: '10.20.0.192/27',
    };
    const { config, problems } = load(withHub({ addressSpace: ['10.20.0.0/22'], subnets, gatewaySubnetEnabled: true, firewall: { forcedTunnelingEnabled: true } }));
    expect(problems).toEqual([]);
    expect(config?.hub.subnets).toEqual({ ...subnets, privateEndpoints: '10.20.0.224/27' });
  });

  test('carves from the next address space when the first is too small', () => {
    const { config, problems } = load(withHub({ addressSpace: ['10.10.0.0/26', '10.10.4.0/24'] }));
    expect(problems).toEqual([]);
    expect(config?.hub.subnets).toEqual({ AzureFirewallSubnet: '10.10.0.0/26', AzureBastionSubnet: '10.10.4.0/26', privateEndpoints: '10.10.4.64/27' });
  });

  test('plans the same subnets every time (deterministic)', () => {
    const doc = withHub({ subnets: { AzureBastionSubnet: '10.10.1.0/26' }, gatewaySubnetEnabled: true, firewall: { forcedTunnelingEnabled: true } });
    const first = load(doc).config?.hub.subnets;
    expect(first).toEqual({
      AzureBastionSubnet: '10.10.1.0/26',
      AzureFirewallSubnet: '10.10.0.0/26',
      AzureFirewallManagementSubnet: '10.10.0.64/26',
      GatewaySubnet: '10.10.0.128/27',
      privateEndpoints: '10.10.0.160/27',
    });
    expect(load(doc).config?.hub.subnets).toEqual(first);
  });
});

describe('loadEnvironmentText: YAML syntax', () => {
  test('reports a YAML syntax error and stops before schema validation', () => {
    const result = load('environment: dev\nhub:\n  addressSpace: [10.0.0.0/22]\n   firewall: {}\n');
    expect(result.config).toBeUndefined();
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'error', source: SOURCE, message: expect.stringContaining('is not valid YAML: All mapping items must start at the same column') }),
    ]);
    // Only the syntax error: no "is required" noise for the fields the broken document lacks.
    expect(result.problems.some((p) => p.message.includes('is required'))).toBe(false);
  });

  test('reports duplicate keys as invalid YAML', () => {
    const result = load(`${stringify(baseDoc())}environment: prod\n`);
    expect(result.config).toBeUndefined();
    expect(result.problems).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringContaining('is not valid YAML: Map keys must be unique') })]);
  });

  test('reports the line of a YAML syntax error in the path', () => {
    const result = load('environment: dev\nhub:\n  addressSpace: [10.0.0.0/22]\n   firewall: {}\n');
    expect(result.problems).toEqual([expect.objectContaining({ severity: 'error', path: expect.stringMatching(/^line 4:\d+$/) })]);
  });

  test('reports an empty document at the document root', () => {
    const result = load('');
    expect(result.config).toBeUndefined();
    expect(bySeverity(result.problems, 'error')).toEqual([{ path: '', message: expect.stringMatching(/^is empty; .*copy config\/environments\/dev\.yaml/) }]);
  });
});

describe('loadEnvironmentText: schema rules', () => {
  test('reports an unknown top-level key (typo) and says to remove or correct it', () => {
    const doc: Json = { ...baseDoc(), locaton: 'westeurope' };
    const message = expectSingleError(doc, '');
    expect(message).toBe("has unknown key 'locaton'; remove or correct it (see config/landing-zone.schema.json)");
  });

  test('reports several unknown keys in one message', () => {
    const message = expectSingleError({ ...baseDoc(), locaton: 'x', tag: {} }, '');
    expect(message).toBe("has unknown keys 'locaton', 'tag'; remove or correct them (see config/landing-zone.schema.json)");
  });

  test.each([
    ['hub', withHub({ firewal: { tier: 'Premium' } }), 'firewal'],
    ['hub.firewall', withHub({ firewall: { teir: 'Premium' } }), 'teir'],
    ['hub.bastion', withHub({ bastion: { copyPaste: true } }), 'copyPaste'],
    ['hub.ddosProtection', withHub({ ddosProtection: { enable: false } }), 'enable'],
    ['hub.subnets', withHub({ subnets: { AzureFireWallSubnet: '10.10.0.0/26' } }), 'AzureFireWallSubnet'],
    ['backend', { ...baseDoc(), backend: { type: 'local', path: 'x' } }, 'path'],
  ])('reports an unknown nested key at %s', (path, doc, key) => {
    const message = expectSingleError(doc, path);
    expect(message).toBe(`has unknown key '${key}'; remove or correct it (see config/landing-zone.schema.json)`);
  });

  test.each([
    ['environment', 'string'],
    ['tenant', 'string'],
    ['subscriptionId', 'string'],
    ['tags', 'object'],
    ['hub', 'object'],
  ])('reports the missing required field %s and says to add it', (field, expected) => {
    const doc: Json = baseDoc();
    delete doc[field];
    expect(expectSingleError(doc, field)).toBe(`is required (expected ${expected}); add it`);
  });

  test('says a missing location is required', () => {
    const doc: Json = baseDoc();
    delete doc.location;
    expect(expectSingleError(doc, 'location')).toContain('is required');
  });

  test('reports the missing hub.addressSpace', () => {
    const doc = baseDoc();
    delete doc.hub.addressSpace;
    expect(expectSingleError(doc, 'hub.addressSpace')).toBe('is required (expected array); add it');
  });

  test('reports an empty hub.addressSpace', () => {
    expect(expectSingleError(withHub({ addressSpace: [] }), 'hub.addressSpace')).toContain('>=1');
  });

  test.each([
    ['tenant', 123, 'string', 'number'],
    ['environment', true, 'string', 'boolean'],
    ['hub', 'none', 'object', 'string'],
  ])('reports %s of the wrong type as a type error, not as missing', (field, value, expected, received) => {
    const message = expectSingleError({ ...baseDoc(), [field]: value }, field);
    expect(message).not.toContain('is required');
    expect(message).toContain(`expected ${expected}, received ${received}`);
  });

  test('reports a nested value of the wrong type at its path', () => {
    const message = expectSingleError(withHub({ addressSpace: '10.10.0.0/22' }), 'hub.addressSpace');
    expect(message).toContain('expected array, received string');
  });

  test.each([
    ['subscriptionId', 'not-a-guid'],
    ['subscriptionId', '00000000-0000-0000-0000-00000000000'],
    ['subscriptionId', 'ABCDEF00-0000-0000-0000-000000000001'],
    ['subscriptionId', '{00000000-0000-0000-0000-000000000001}'],
  ])('reports the invalid GUID %s %j and shows the expected form', (field, value) => {
    const message = expectSingleError({ ...baseDoc(), [field]: value }, field);
    expect(message).toBe(`'${value}' is not a lower-case GUID such as 00000000-0000-0000-0000-000000000000`);
  });

  test.each([
    ['westeurop', 'westeurope'],
    ['WestEurope', 'westeurope'],
    ['west-europe', 'westeurope'],
    ['northeuropa', 'northeurope'],
    ['swedencentrl', 'swedencentral'],
  ])("reports the region %j as not allowed and suggests '%s'", (location, suggestion) => {
    const message = expectSingleError({ ...baseDoc(), location }, 'location');
    expect(message).toBe(`'${location}' is not an allowed Azure region; did you mean '${suggestion}'?`);
  });

  test('reports a region with no close match and lists the allowed ones', () => {
    const message = expectSingleError({ ...baseDoc(), location: 'mars' }, 'location');
    expect(message).toContain("'mars' is not an allowed Azure region; use one of ");
    for (const region of ['westeurope', 'northeurope', 'eastus2', 'swedencentral']) expect(message).toContain(region);
    expect(message).toContain(AZURE_REGION_NAMES.join(', '));
  });

  test.each(['Dev', 'd', 'toolongnm', '1dev', 'dev-1', 'dev_1', ''])('reports the environment name %j that breaks the naming pattern', (environment) => {
    const message = expectSingleError({ ...baseDoc(), environment }, 'environment', `config/environments/${environment || 'x'}.yaml`);
    expect(message).toBe('environment names are 2-8 lower-case letters and digits, starting with a letter');
  });

  test.each(['dv', 'prod', 'test2', 'abcdefgh'])('accepts the environment name %j', (environment) => {
    expect(load({ ...baseDoc(), environment }, `${environment}.yaml`).problems).toEqual([]);
  });

  test('reports an azurerm backend with an invalid storage account name and says what is allowed', () => {
    const backend = { type: 'azurerm', resourceGroupName: 'rg', storageAccountName: 'St_TfState', containerName: 'tfstate' };
    const message = expectSingleError({ ...baseDoc(), backend }, 'backend.storageAccountName');
    expect(message).toBe("'St_TfState' is not a valid storage account name (3-24 lower-case letters and digits, unique across Azure); pick such a name");
  });

  test('reports an azurerm backend missing its container name', () => {
    const backend = { type: 'azurerm', resourceGroupName: 'rg', storageAccountName: 'sttfstate' };
    expect(expectSingleError({ ...baseDoc(), backend }, 'backend.containerName')).toBe('is required (expected string); add it');
  });

  test('reports an invalid Bastion scale unit count', () => {
    expect(expectSingleError(withHub({ bastion: { scaleUnits: 1 } }), 'hub.bastion.scaleUnits')).toContain('>=2');
  });

  test('reports an invalid firewall tier', () => {
    expect(expectSingleError(withHub({ firewall: { tier: 'Basic' } }), 'hub.firewall.tier')).toContain('"Premium"');
  });
});

describe('loadEnvironmentText: file name and tags', () => {
  test('reports an environment whose file name does not match, and says how to fix it', () => {
    const message = expectSingleError(baseDoc(), 'environment', 'config/x/other.yaml');
    expect(message).toBe("is 'dev' but the file is named other.yaml; rename the file to dev.yaml or fix the name");
  });

  test('reports a .yml file whose name does not match', () => {
    expect(expectSingleError(baseDoc(), 'environment', 'prod.yml')).toContain('the file is named prod.yml; rename the file to dev.yaml');
  });

  test.each(['environment', 'managed-by'])('reports the reserved tag %s and says to remove it', (tag) => {
    const message = expectSingleError(withTags({ [tag]: 'anything' }), `tags.${tag}`);
    expect(message).toBe('is set by the landing zone itself; remove it from config');
  });

  test('reports both reserved tags at once', () => {
    const result = load(withTags({ environment: 'dev', 'managed-by': 'me' }));
    expect(bySeverity(result.problems, 'error').map((p) => p.path)).toEqual(['tags.environment', 'tags.managed-by']);
  });

  test.each(['a<b', 'a>b', '50%', 'r&d', 'a\\b', 'why?', 'team/owner'])('reports the tag name %j with a character Azure does not allow', (tag) => {
    const message = expectSingleError(withTags({ [tag]: 'x' }), `tags.${tag}`);
    expect(message).toBe('is not a valid Azure tag name (at most 512 characters, none of < > % & \\ ? /); rename it');
  });

  test('reports a tag name longer than 512 characters', () => {
    const tag = 't'.repeat(513);
    // The path shows a short excerpt of the 513-character name, not all of it.
    expect(expectSingleError(withTags({ [tag]: 'x' }), `tags.${'t'.repeat(60)}…`)).toContain('at most 512 characters');
    expect(load(withTags({ ['t'.repeat(512)]: 'x' })).problems).toEqual([]);
  });

  test('reports a tag value longer than 256 characters', () => {
    expect(expectSingleError(withTags({ project: 'v'.repeat(257) }), 'tags.project')).toBe('Azure tag values are at most 256 characters');
  });

  test.each(['owner', 'cost-center'])('reports the missing %s tag and says to add it', (tag) => {
    const doc = baseDoc();
    delete doc.tags[tag];
    expect(expectSingleError(doc, `tags.${tag}`)).toBe('is required (expected string); add it');
  });

  test('reports both required tags when tags is empty', () => {
    const result = load({ ...baseDoc(), tags: {} });
    expect(bySeverity(result.problems, 'error')).toEqual([
      { path: 'tags.owner', message: 'is required (expected string); add it' },
      { path: 'tags.cost-center', message: 'is required (expected string); add it' },
    ]);
  });

  test('reports an empty owner tag', () => {
    expect(expectSingleError(withTags({ owner: '' }), 'tags.owner')).toContain('>=1');
  });
});

describe('loadEnvironmentText: CIDR values', () => {
  test.each([
    ['10.10.0.0', "'10.10.0.0' is not an IPv4 CIDR; write it like 10.0.0.0/16"],
    ['10.10.0.0/22 ', "'10.10.0.0/22 ' is not an IPv4 CIDR; write it like 10.0.0.0/16"],
    ['10.10.0.0/33', "'10.10.0.0/33' is not an IPv4 CIDR such as 10.0.0.0/16"],
    ['300.10.0.0/22', "'300.10.0.0/22' is not an IPv4 CIDR such as 10.0.0.0/16"],
    ['10.10.0.1/22', "'10.10.0.1/22' has host bits set; the network address of that prefix is 10.10.0.0/22"],
  ])('reports the hub address space %j with a message that shows the fix', (value, expected) => {
    expect(expectSingleError(withHub({ addressSpace: [value] }), 'hub.addressSpace[0]')).toBe(expected);
  });

  test('reports an invalid CIDR at its index', () => {
    const message = expectSingleError(withHub({ addressSpace: ['10.10.0.0/22', '10.20.0.5/24'] }), 'hub.addressSpace[1]');
    expect(message).toContain('the network address of that prefix is 10.20.0.0/24');
  });

  test.each([
    ['onPremisesAddressSpaces[0]', { ...baseDoc(), onPremisesAddressSpaces: ['172.16.1.0/16'] }, '172.16.0.0/16'],
    ['hub.subnets.AzureBastionSubnet', withHub({ subnets: { AzureBastionSubnet: '10.10.0.65/26' } }), '10.10.0.64/26'],
    ['hub.firewall.privateRanges[1]', withHub({ firewall: { privateRanges: ['10.0.0.0/8', '192.168.1.0/16'] } }), '192.168.0.0/16'],
  ])('reports host bits set at %s and names the network address', (path, doc, network) => {
    expect(expectSingleError(doc, path)).toContain(`has host bits set; the network address of that prefix is ${network}`);
  });

  test('reports an invalid DNS server address', () => {
    const message = expectSingleError(withHub({ firewall: { dnsServers: ['10.0.0.4', '10.0.0.300'] } }), 'hub.firewall.dnsServers[1]');
    expect(message).toBe("'10.0.0.300' is not an IPv4 address");
  });
});

describe('loadEnvironmentText: hub subnets', () => {
  test.each([
    ['AzureFirewallSubnet', '10.10.1.0/27', 26, {}],
    ['AzureFirewallManagementSubnet', '10.10.1.0/27', 26, { firewall: { forcedTunnelingEnabled: true } }],
    ['AzureBastionSubnet', '10.10.1.0/27', 26, {}],
    ['GatewaySubnet', '10.10.1.0/28', 27, { gatewaySubnetEnabled: true }],
  ])('reports %s %s as smaller than the Azure minimum /%i', (name, prefix, minimum, extra: HubDoc) => {
    const message = expectSingleError(withHub({ ...extra, subnets: { [name]: prefix } }), `hub.subnets.${name}`);
    const length = prefix.split('/')[1];
    expect(message).toBe(
      `${prefix} is a /${length}, but Azure requires at least /${minimum} for ${name}; use a /${minimum} or larger prefix ` +
        '(or remove it to have one carved automatically)',
    );
  });

  test.each([
    ['AzureFirewallSubnet', '10.10.1.0/26', {}],
    ['AzureFirewallManagementSubnet', '10.10.1.0/26', { firewall: { forcedTunnelingEnabled: true } }],
    ['AzureBastionSubnet', '10.10.1.0/26', {}],
    ['GatewaySubnet', '10.10.1.0/27', { gatewaySubnetEnabled: true }],
  ])('accepts %s at exactly the minimum size (%s)', (name, prefix, extra: HubDoc) => {
    const { config, problems } = load(withHub({ ...extra, subnets: { [name]: prefix } }));
    expect(problems).toEqual([]);
    expect(config?.hub.subnets).toMatchObject({ [name]: prefix });
  });

  test('reports a hub subnet outside the address space and says to pick one inside it', () => {
    const message = expectSingleError(withHub({ subnets: { AzureFirewallSubnet: '10.20.0.0/26' } }), 'hub.subnets.AzureFirewallSubnet');
    expect(message).toBe(
      '10.20.0.0/26 is outside the address space (10.10.0.0/22); pick a prefix inside it (or remove it to have one carved automatically)',
    );
  });

  test('reports a hub subnet that only partly lies in the address space', () => {
    const doc = withHub({ addressSpace: ['10.10.0.0/25', '10.10.4.0/24'], subnets: { AzureFirewallSubnet: '10.10.0.0/24' } });
    const message = expectSingleError(doc, 'hub.subnets.AzureFirewallSubnet');
    expect(message).toContain('10.10.0.0/24 is outside the address space (10.10.0.0/25, 10.10.4.0/24)');
  });

  test('reports an undersized subnet outside the address space with both problems', () => {
    const result = load(withHub({ subnets: { AzureBastionSubnet: '10.99.0.0/28' } }));
    const errors = bySeverity(result.problems, 'error');
    expect(errors).toEqual([
      { path: 'hub.subnets.AzureBastionSubnet', message: expect.stringContaining('Azure requires at least /26') },
      { path: 'hub.subnets.AzureBastionSubnet', message: expect.stringContaining('is outside the address space') },
    ]);
  });

  test('reports overlapping explicit subnets on the later one, naming the other', () => {
    const message = expectSingleError(
      withHub({ subnets: { AzureFirewallSubnet: '10.10.0.0/26', AzureBastionSubnet: '10.10.0.0/25' } }),
      'hub.subnets.AzureBastionSubnet',
    );
    expect(message).toBe(
      '10.10.0.0/25 overlaps 10.10.0.0/26 (hub.subnets.AzureFirewallSubnet); every address range in an environment must be distinct',
    );
  });

  test('reports AzureFirewallManagementSubnet set without forcedTunnelingEnabled', () => {
    const message = expectSingleError(withHub({ subnets: { AzureFirewallManagementSubnet: '10.10.1.0/26' } }), 'hub.subnets.AzureFirewallManagementSubnet');
    expect(message).toBe('is set but hub.firewall.forcedTunnelingEnabled is false; remove the subnet or enable forced tunnelling');
  });

  test('reports no room to carve when the address space is a single /26', () => {
    const message = expectSingleError(withHub({ addressSpace: ['10.10.0.0/26'] }), 'hub.addressSpace');
    expect(message).toBe(
      'has no free /26 left for AzureBastionSubnet; enlarge the address space (the hub needs AzureFirewallSubnet /26, AzureBastionSubnet /26, privateEndpoints /27) ' +
        'or set hub.subnets.AzureBastionSubnet explicitly',
    );
  });

  test('reports no room for the management subnet when forced tunnelling needs a third /26', () => {
    const message = expectSingleError(withHub({ addressSpace: ['10.10.0.0/25'], firewall: { forcedTunnelingEnabled: true } }), 'hub.addressSpace');
    expect(message).toContain('has no free /26 left for AzureFirewallManagementSubnet');
    expect(message).toContain('AzureFirewallSubnet /26, AzureBastionSubnet /26, AzureFirewallManagementSubnet /26');
  });

  test('reports every subnet that cannot be carved', () => {
    const result = load(withHub({ addressSpace: ['10.10.0.0/27'], gatewaySubnetEnabled: true }));
    expect(bySeverity(result.problems, 'error').map((p) => p.message.split(';')[0])).toEqual([
      'has no free /26 left for AzureFirewallSubnet',
      'has no free /26 left for AzureBastionSubnet',
    ]);
  });
});

describe('loadEnvironmentText: address overlaps', () => {
  test('reports overlapping hub address spaces', () => {
    const message = expectSingleError(withHub({ addressSpace: ['10.10.0.0/22', '10.10.2.0/24'] }), 'hub.addressSpace[1]');
    expect(message).toBe('10.10.2.0/24 overlaps 10.10.0.0/22 (hub.addressSpace[0]); every address range in an environment must be distinct');
  });

  test('reports a hub address space overlapping onPremisesAddressSpaces', () => {
    const message = expectSingleError({ ...baseDoc(), onPremisesAddressSpaces: ['172.16.0.0/16', '10.0.0.0/8'] }, 'onPremisesAddressSpaces[1]');
    expect(message).toBe('10.0.0.0/8 overlaps 10.10.0.0/22 (hub.addressSpace[0]); every address range in an environment must be distinct');
  });

  test('reports overlapping on-premises ranges', () => {
    const message = expectSingleError({ ...baseDoc(), onPremisesAddressSpaces: ['172.16.0.0/12', '172.16.5.0/24'] }, 'onPremisesAddressSpaces[1]');
    expect(message).toContain('172.16.5.0/24 overlaps 172.16.0.0/12 (onPremisesAddressSpaces[0])');
  });

  test('accepts disjoint hub and on-premises ranges', () => {
    const { config, problems } = load({ ...baseDoc(), onPremisesAddressSpaces: ['172.16.0.0/16', '10.11.0.0/16'] });
    expect(problems).toEqual([]);
    expect(config?.onPremisesAddressSpaces).toEqual(['172.16.0.0/16', '10.11.0.0/16']);
  });

  test('reports a hub/on-premises overlap even when another on-premises entry is invalid', () => {
    const result = load({ ...baseDoc(), onPremisesAddressSpaces: ['not-a-cidr', '10.10.0.0/16'] });
    const errors = bySeverity(result.problems, 'error');
    expect(errors).toHaveLength(2);
    expect(errors).toContainEqual({ path: 'onPremisesAddressSpaces[0]', message: "'not-a-cidr' is not an IPv4 CIDR; write it like 10.0.0.0/16" });
    expect(errors).toContainEqual(expect.objectContaining({ message: expect.stringContaining('10.10.0.0/16 overlaps 10.10.0.0/22') }));
  });

  test('reports a hub/on-premises overlap at the index of the overlapping entry when another entry is invalid', () => {
    const result = load({ ...baseDoc(), onPremisesAddressSpaces: ['not-a-cidr', '10.10.0.0/16'] });
    expect(bySeverity(result.problems, 'error')).toContainEqual({
      path: 'onPremisesAddressSpaces[1]',
      message: expect.stringContaining('10.10.0.0/16 overlaps 10.10.0.0/22'),
    });
  });
});

describe('loadEnvironmentText: firewall, Bastion and DDoS options', () => {
  test.each(['Deny', 'Alert'])('reports IDPS mode %s with tier Standard as an error and warns about the Standard tier', (mode) => {
    const result = load(withHub({ firewall: { tier: 'Standard', intrusionDetectionMode: mode } }));
    expect(result.config).toBeUndefined();
    expect(bySeverity(result.problems, 'error')).toEqual([
      {
        path: 'hub.firewall.intrusionDetectionMode',
        message: `is '${mode}', but IDPS needs the Premium tier (tier is 'Standard'); set tier: 'Premium' or intrusionDetectionMode: 'Off'`,
      },
    ]);
    expect(bySeverity(result.problems, 'warning')).toEqual([
      { path: 'hub.firewall.tier', message: "is 'Standard': no IDPS and no TLS inspection, which a Zero Trust hub expects; use Premium" },
    ]);
  });

  test('reports the default IDPS mode (Deny) as an error when only the tier is set to Standard', () => {
    const result = load(withHub({ firewall: { tier: 'Standard' } }));
    expect(bySeverity(result.problems, 'error').map((p) => p.path)).toEqual(['hub.firewall.intrusionDetectionMode']);
  });

  test('warns (but loads) a Standard tier with IDPS Off', () => {
    const result = load(withHub({ firewall: { tier: 'Standard', intrusionDetectionMode: 'Off' } }));
    expect(bySeverity(result.problems, 'error')).toEqual([]);
    expect(bySeverity(result.problems, 'warning')).toEqual([{ path: 'hub.firewall.tier', message: expect.stringContaining('use Premium') }]);
    expect(result.config?.hub.firewall).toMatchObject({ tier: 'Standard', intrusionDetectionMode: 'Off' });
  });

  test('reports dnsServers without dnsProxyEnabled', () => {
    const message = expectSingleError(withHub({ firewall: { dnsProxyEnabled: false, dnsServers: ['10.0.0.4'] } }), 'hub.firewall.dnsServers');
    expect(message).toBe('are set but dnsProxyEnabled is false; enable the DNS proxy or remove the servers');
  });

  test('accepts dnsServers with the DNS proxy on', () => {
    const { config, problems } = load(withHub({ firewall: { dnsServers: ['10.0.0.4', '10.0.0.5'] } }));
    expect(problems).toEqual([]);
    expect(config?.hub.firewall.dnsServers).toEqual(['10.0.0.4', '10.0.0.5']);
  });

  test('reports a hub address space outside the firewall privateRanges', () => {
    const message = expectSingleError(withHub({ firewall: { privateRanges: ['192.168.0.0/16'] } }), 'hub.addressSpace[0]');
    expect(message).toBe(
      '10.10.0.0/22 is not inside any of hub.firewall.privateRanges (192.168.0.0/16); add it there so the firewall does not SNAT or treat hub traffic as Internet',
    );
  });

  test('reports only the hub address space that is outside privateRanges', () => {
    const doc = withHub({ addressSpace: ['10.10.0.0/22', '100.64.0.0/24'], firewall: { privateRanges: ['10.0.0.0/8'] } });
    expect(expectSingleError(doc, 'hub.addressSpace[1]')).toContain('100.64.0.0/24 is not inside any of hub.firewall.privateRanges (10.0.0.0/8)');
  });

  test('reports a public hub address space against the default privateRanges', () => {
    const message = expectSingleError(withHub({ addressSpace: ['20.10.0.0/22'] }), 'hub.addressSpace[0]');
    expect(message).toContain('(10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10); add it there');
  });

  test('reports Bastion sessionRecordingEnabled without the Premium SKU', () => {
    const message = expectSingleError(withHub({ bastion: { sessionRecordingEnabled: true } }), 'hub.bastion.sessionRecordingEnabled');
    expect(message).toBe("needs sku: Premium (sku is 'Standard'); change the SKU or turn recording off");
  });

  test('accepts Bastion session recording with the Premium SKU', () => {
    const { config, problems } = load(withHub({ bastion: { sku: 'Premium', sessionRecordingEnabled: true } }));
    expect(problems).toEqual([]);
    expect(config?.hub.bastion).toMatchObject({ sku: 'Premium', sessionRecordingEnabled: true });
  });

  const planResourceId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ddos/providers/Microsoft.Network/ddosProtectionPlans/ddos-tenant';

  test('reports ddosProtection.planResourceId with enabled false', () => {
    const result = load(withHub({ ddosProtection: { enabled: false, planResourceId } }));
    expect(result.config).toBeUndefined();
    expect(bySeverity(result.problems, 'error')).toEqual([
      { path: 'hub.ddosProtection.planResourceId', message: 'is set but ddosProtection.enabled is false; remove the ID or enable protection' },
    ]);
  });

  test('reports an invalid DDoS plan resource ID and shows the expected form', () => {
    const message = expectSingleError(withHub({ ddosProtection: { planResourceId: 'ddos-tenant' } }), 'hub.ddosProtection.planResourceId');
    expect(message).toBe("'ddos-tenant' is not an Azure resource ID; use /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/ddosProtectionPlans/<name>");
  });

  test('accepts a DDoS plan resource ID with protection enabled', () => {
    const { config, problems } = load(withHub({ ddosProtection: { planResourceId } }));
    expect(problems).toEqual([]);
    expect(config?.hub.ddosProtection).toEqual({ enabled: true, planResourceId });
  });

  test('warns (not errors) when DDoS protection is disabled, and still loads', () => {
    const result = load(withHub({ ddosProtection: { enabled: false } }));
    expect(bySeverity(result.problems, 'error')).toEqual([]);
    expect(bySeverity(result.problems, 'warning')).toEqual([
      { path: 'hub.ddosProtection.enabled', message: 'is false: the hub public IPs get only infrastructure-level DDoS protection' },
    ]);
    expect(result.config?.hub.ddosProtection.enabled).toBe(false);
  });
});

describe('loadEnvironmentText: many problems at once', () => {
  test('reports schema and semantic problems of one document together', () => {
    const doc: Json = {
      ...baseDoc(),
      location: 'westeurop', // schema: region not allowed
      subscriptionId: 'SUBSCRIPTION', // schema: invalid GUID
      tags: { owner: 'platform-team@example.com' }, // schema: cost-center missing
      onPremisesAddressSpaces: ['10.10.0.0/16'], // semantic: overlaps the hub
      hub: {
        addressSpace: ['10.10.0.0/22'],
        subnets: { AzureBastionSubnet: '10.10.1.0/27' }, // semantic: below /26
        firewall: { tier: 'Standard' }, // semantic: IDPS (default Deny) needs Premium; warning for Standard
        bastion: { sessionRecordingEnabled: true }, // semantic: needs Premium
      },
    };
    const result = load(doc);
    expect(result.config).toBeUndefined();
    const errors = bySeverity(result.problems, 'error');
    const expected: Reported[] = [
      { path: 'location', message: "'westeurop' is not an allowed Azure region; did you mean 'westeurope'?" },
      { path: 'subscriptionId', message: "'SUBSCRIPTION' is not a lower-case GUID such as 00000000-0000-0000-0000-000000000000" },
      { path: 'tags.cost-center', message: 'is required (expected string); add it' },
      { path: 'onPremisesAddressSpaces[0]', message: expect.stringContaining('10.10.0.0/16 overlaps 10.10.0.0/22 (hub.addressSpace[0])') },
      { path: 'hub.subnets.AzureBastionSubnet', message: expect.stringContaining('Azure requires at least /26 for AzureBastionSubnet') },
      { path: 'hub.firewall.intrusionDetectionMode', message: expect.stringContaining('IDPS needs the Premium tier') },
      { path: 'hub.bastion.sessionRecordingEnabled', message: expect.stringContaining('needs sku: Premium') },
    ];
    expect(errors).toEqual(expect.arrayContaining(expected));
    expect(errors).toHaveLength(expected.length);
    expect(bySeverity(result.problems, 'warning')).toEqual([{ path: 'hub.firewall.tier', message: expect.stringContaining('use Premium') }]);
  });

  test('reports every semantic problem of a schema-valid document together', () => {
    const doc: Json = {
      ...withTags({ 'managed-by': 'me', 'a/b': 'x' }),
      hub: {
        addressSpace: ['10.10.0.0/22', '10.10.1.0/24'],
        subnets: { AzureFirewallSubnet: '10.30.0.0/26', AzureFirewallManagementSubnet: '10.10.2.0/26' },
        firewall: { dnsProxyEnabled: false, dnsServers: ['10.0.0.4'] },
        ddosProtection: { enabled: false },
      },
    };
    const result = load(doc, 'config/environments/other.yaml');
    expect(bySeverity(result.problems, 'error').map((p) => p.path)).toEqual(
      expect.arrayContaining([
        'environment',
        'tags.managed-by',
        'tags.a/b',
        'hub.addressSpace[1]',
        'hub.subnets.AzureFirewallManagementSubnet',
        'hub.subnets.AzureFirewallSubnet',
        'hub.firewall.dnsServers',
      ]),
    );
    expect(bySeverity(result.problems, 'error')).toHaveLength(7);
    expect(bySeverity(result.problems, 'warning').map((p) => p.path)).toEqual(['hub.firewall.dnsProxyEnabled', 'hub.ddosProtection.enabled']);
  });

  test('does not run semantic hub checks on a hub that itself fails the schema', () => {
    // The broken CIDR must not reach cidr() (which throws) or produce follow-on noise.
    const result = load({ ...baseDoc(), location: 'mars', hub: { addressSpace: ['10.10.0.1/22'], subnets: { AzureBastionSubnet: '10.10.0.0/28' } } });
    expect(bySeverity(result.problems, 'error').map((p) => p.path)).toEqual(['location', 'hub.addressSpace[0]']);
  });
});

describe('formatPath', () => {
  test.each([
    [[], ''],
    [['hub'], 'hub'],
    [['hub', 'addressSpace', 1], 'hub.addressSpace[1]'],
    [['hub', 'subnets', 'AzureBastionSubnet'], 'hub.subnets.AzureBastionSubnet'],
    [[0, 'x'], '[0].x'],
    [['tags', 'cost-center'], 'tags.cost-center'],
  ] as [PropertyKey[], string][])('formats %j as %j', (segments, expected) => {
    expect(formatPath(segments)).toBe(expected);
  });
});
