/**
 * Bad input, closed: each realistic mistake is rejected before Terraform sees it, all at once, each with its config
 * path, a short excerpt of the value and what to do. One test per rule, each with its failing case; documents are
 * the embedded dev environment with one mistake put in.
 */
import { DEFAULT_TENANT_DIR, embeddedTenants, loadTenantText } from '../../config/tenants';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { configOfStack, DEFAULT_CONFIG_DIR, loadEnvironments, loadEnvironmentText } from '../../config/load';
import type { ConfigProblem } from '../../config/problems';
import { ISO_COUNTRY_CODES } from '../../lib/iso-countries';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import { violationText } from '../../policy/report';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DEV = fs.readFileSync(path.join(DEFAULT_CONFIG_DIR, 'dev.yaml'), 'utf8');
const SOURCE = 'config/environments/dev.yaml';

/** The embedded dev environment as data, to put one mistake in. */
function dev(): Json {
  return parse(DEV) as Json;
}

function errors(doc: Json | string, source = SOURCE): Pick<ConfigProblem, 'path' | 'message'>[] {
  const result = loadEnvironmentText(typeof doc === 'string' ? doc : stringify(doc), source, { policyRuleIds: ZERO_TRUST_PACK.map((rule) => rule.id) });
  if (result.problems.some((p) => p.severity === 'error')) expect(result.config).toBeUndefined();
  return result.problems.filter((p) => p.severity === 'error').map(({ path: at, message }) => ({ path: at, message }));
}

test('the embedded dev environment is valid (the base every case breaks once)', () => {
  expect(errors(dev())).toEqual([]);
});

describe('Azure limits', () => {
  test('a network-rule destination /33 is not a prefix', () => {
    const doc = dev();
    doc.spokes[0].egress.networkRules = [{ name: 'smtp', destinations: ['198.51.100.0/33'], ports: [587] }];
    expect(errors(doc)).toEqual([{ path: 'spokes[0].egress.networkRules[0].destinations[0]', message: expect.stringMatching(/'198\.51\.100\.0\/33' has prefix length \/33; IPv4 prefixes are \/0 to \/32/) }]);
  });

  test.each([
    ['smtp://host:587', /has a scheme \(smtp:\/\/\); write the host name only, e\.g\. host/],
    ['mail.example.com:587', /has a port; write the host name only and put the port in ports/],
    ['*.example.com', /is a wildcard; network rules resolve FQDNs through the DNS proxy/],
    ['mail', /is not a fully qualified name/],
    ['bad_label.example.com', /has the label 'bad_label'/],
  ])('a network-rule FQDN %s is rejected with what to write instead', (fqdn, message) => {
    const doc = dev();
    doc.spokes[0].egress.networkRules = [{ name: 'smtp', fqdns: [fqdn], ports: [587] }];
    expect(errors(doc)).toEqual([{ path: 'spokes[0].egress.networkRules[0].fqdns[0]', message: expect.stringMatching(message) }]);
  });

  test('an application-rule wildcard is allowed; a wildcard inside the name is not', () => {
    const doc = dev();
    doc.spokes[0].egress.applicationRules[0].fqdns = ['*.payments.example.com'];
    expect(errors(doc)).toEqual([]);
    doc.spokes[0].egress.applicationRules[0].fqdns = ['api.*.example.com'];
    expect(errors(doc)).toEqual([{ path: 'spokes[0].egress.applicationRules[0].fqdns[0]', message: expect.stringContaining('* may only open the name') }]);
  });

  test('an application-rule port above 64000 is rejected; 64000 is accepted', () => {
    const doc = dev();
    doc.spokes[0].egress.applicationRules[0].protocols = [{ type: 'Https', port: 64000 }];
    expect(errors(doc)).toEqual([]);
    doc.spokes[0].egress.applicationRules[0].protocols = [{ type: 'Https', port: 64001 }];
    expect(errors(doc)).toEqual([{ path: 'spokes[0].egress.applicationRules[0].protocols[0].port', message: expect.stringMatching(/port 64001 is outside 0-64000.*use a network rule/) }]);
  });

  test('more than 50 tags once the two the code sets are added', () => {
    const doc = dev();
    for (let i = 0; i < 46; i++) doc.tags[`extra-${i}`] = 'x'; // 48 in config + environment + managed-by = 50
    expect(errors(doc)).toEqual([]);
    doc.tags['one-more'] = 'x';
    expect(errors(doc)).toEqual([{ path: 'tags', message: expect.stringMatching(/has 49 tags; with the 2 the landing zone sets .* that is 51, and Azure allows 50 per resource: remove 1/) }]);
  });

  test('tag names Azure reserves or treats as the same', () => {
    const doc = dev();
    doc.tags['azure-team'] = 'x';
    doc.tags.Owner = 'x';
    const found = errors(doc);
    expect(found).toHaveLength(2);
    expect(found).toEqual(
      expect.arrayContaining([
        { path: 'tags.Owner', message: expect.stringContaining("the same tag name as 'owner'") },
        { path: 'tags.azure-team', message: expect.stringContaining('prefix Azure reserves') },
      ]),
    );
  });

  test('a DDoS plan ID of another resource type names both types', () => {
    const doc = dev();
    doc.hub.ddosProtection = { enabled: true, planResourceId: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-x' };
    expect(errors(doc)).toEqual([{ path: 'hub.ddosProtection.planResourceId', message: expect.stringMatching(/is the ID of a Microsoft\.Network\/virtualNetworks, not of a Microsoft\.Network\/ddosProtectionPlans/) }]);
    doc.hub.ddosProtection.planResourceId = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network/ddosProtectionPlans/ddos-x';
    expect(errors(doc)).toEqual([]);
  });

  test('two spokes with the same explicit Key Vault name', () => {
    const doc = dev();
    doc.spokes[0].keyVault = { enabled: true, name: 'kv-shared-vault' };
    doc.spokes[1].keyVault = { enabled: true, name: 'kv-shared-vault' };
    expect(errors(doc)).toEqual([{ path: 'spokes[1].keyVault.name', message: expect.stringMatching(/'kv-shared-vault' is also the Key Vault name of spokes\[0\]\.keyVault\.name; Key Vault names are unique across all of Azure/) }]);
  });

  test('a subscription ID equal to the tenant ID, and an object ID equal to the subscription ID', () => {
    const doc = dev();
    // The tenant ID comes from the tenant file the environment names.
    doc.subscriptionId = embeddedTenants().get(doc.tenant)?.tenantId;
    doc.management.sentinel.incidentOwnerObjectId = '00000000-0000-0000-0000-000000000042';
    doc.spokes[1].subscriptionId = '00000000-0000-0000-0000-000000000042';
    expect(errors(doc)).toEqual(
      expect.arrayContaining([
        { path: 'subscriptionId', message: expect.stringMatching(/which tenantId already uses as the tenant ID; a subscription ID is a different identifier/) },
        { path: 'management.sentinel.incidentOwnerObjectId', message: expect.stringMatching(/which spokes\[1\]\.subscriptionId already uses as a subscription ID; an Entra object ID is a different identifier/) },
      ]),
    );
  });

  test.each([
    ['UK', "did you mean 'GB'?"],
    ['EL', "did you mean 'GR'?"],
    ['kp', "write 'KP'"],
    ['XX', 'not an ISO 3166-1 alpha-2 country code'],
  ])('blocked country %s is not ISO 3166-1 alpha-2 (%s)', (code, hint) => {
    // Named locations are tenant-wide: they live in the tenant file.
    const tenant = parse(fs.readFileSync(path.join(DEFAULT_TENANT_DIR, 'contoso.yaml'), 'utf8')) as Json;
    tenant.identity.namedLocations.blockedCountries = [code];
    const problems = loadTenantText(stringify(tenant), 'config/tenants/contoso.yaml').problems.filter((p) => p.severity === 'error');
    expect(problems.map(({ path: at, message }) => ({ path: at, message }))).toEqual([{ path: 'identity.namedLocations.blockedCountries[0]', message: expect.stringContaining(hint) }]);
  });

  test('the country list is the real one: 249 codes, GB and KP in, UK out', () => {
    expect(ISO_COUNTRY_CODES).toHaveLength(249);
    expect(ISO_COUNTRY_CODES).toEqual(expect.arrayContaining(['GB', 'KP', 'US', 'SS', 'BQ']));
    expect(ISO_COUNTRY_CODES).not.toContain('UK');
  });

  test('a generated platform Key Vault name over 24 characters fails at environment, with a length that fits', () => {
    const doc = dev();
    doc.environment = 'sandbox1';
    doc.location = 'eastus2'; // four-letter region code (eus2)
    // No spoke vault (and so no workload, which needs one): only the platform vault's generated name is left.
    doc.spokes.forEach((s: Json) => {
      s.keyVault = { enabled: false };
      delete s.workload;
    });
    const found = errors(doc, 'config/environments/sandbox1.yaml');
    expect(found).toEqual([{ path: 'environment', message: expect.stringMatching(/makes the platform Key Vault name 'kv-hub-sandbox1-\w+-[0-9a-f]{4}' 25 characters, and Azure allows 24; use an environment name of at most 7 characters/) }]);
  });

  test('a generated spoke Key Vault name over 24 characters fails at the spoke, where an explicit name fixes it', () => {
    const doc = dev();
    doc.spokes[0].name = 'shoppingcart';
    doc.spokes[0].flows = [];
    expect(errors(doc)).toEqual([{ path: 'spokes[0].keyVault.name', message: expect.stringMatching(/set an explicit Key Vault name/) }]);
  });
});

describe('every problem at once', () => {
  test('a schema error in one spoke does not hide another spoke\'s overlap, a duplicate name or a suppression error', () => {
    const doc = dev();
    doc.spokes[0].ports.app = ['http']; // schema error in spokes[0]
    doc.spokes[1].name = 'shop'; // duplicate of spokes[0]
    doc.spokes[1].addressSpace = ['10.10.0.0/24']; // overlaps the hub
    doc.policySuppressions = [{ ruleId: 'ZT-NET-999', reason: 'a reason that is long enough' }];
    const found = errors(doc);
    expect(found).toEqual(
      expect.arrayContaining([
        { path: 'spokes[0].ports.app[0]', message: expect.stringContaining("'http' is not a port or range") },
        { path: 'spokes[1].name', message: expect.stringContaining("'shop' is already used by spokes[0]") },
        { path: 'spokes[1].addressSpace[0]', message: expect.stringContaining('10.10.0.0/24 overlaps 10.10.0.0/22') },
        { path: 'policySuppressions[0].ruleId', message: expect.stringContaining("'ZT-NET-999' is not a rule of the policy pack") },
      ]),
    );
  });

  test('a generated name problem is reported with schema errors elsewhere, not in a second round', () => {
    const doc = dev();
    doc.environment = 'sandbox1';
    doc.location = 'eastus2';
    doc.hub.firewall.tier = 'Premum';
    const found = errors(doc, 'config/environments/sandbox1.yaml');
    expect(found.map((p) => p.path)).toEqual(expect.arrayContaining(['hub.firewall.tier', 'environment']));
  });

  test('a flow to a spoke that itself has a schema error is not reported as an unknown spoke', () => {
    const doc = dev();
    doc.spokes[1].ports.app = ['http'];
    expect(errors(doc).map((p) => p.path)).toEqual(['spokes[1].ports.app[0]']);
  });
});

describe('messages', () => {
  test('an enum error lists the allowed values', () => {
    const doc = dev();
    doc.hub.firewall.tier = 'Premum';
    expect(errors(doc)).toEqual([{ path: 'hub.firewall.tier', message: 'is "Premum"; use one of "Standard", "Premium"' }]);
  });

  test('an unknown kind lists the kinds', () => {
    const doc = dev();
    doc.backend = { type: 'azure' };
    expect(errors(doc)).toEqual([{ path: 'backend.type', message: expect.stringContaining('set type to one of "local", "azurerm"') }]);
  });

  test('a huge value is cut to a short excerpt', () => {
    const doc = dev();
    doc.spokes[0].egress.applicationRules[0].fqdns = [`${'a'.repeat(200_000)}.example.com`];
    doc.tags.project = 'p'.repeat(200_000);
    doc.location = 'l'.repeat(200_000); // no "did you mean" edit distance over it either
    doc.policySuppressions = [{ ruleId: `ZT-${'X'.repeat(200_000)}-001`, reason: 'a reason that is long enough' }];
    const found = errors(doc);
    expect(found.map((p) => p.path)).toEqual(expect.arrayContaining(['tags.project', 'spokes[0].egress.applicationRules[0].fqdns[0]', 'location', 'policySuppressions[0].ruleId']));
    expect(found.find((p) => p.path === 'location')?.message).toMatch(/^'l{60}… \(200000 characters\)' is not an allowed Azure region/);
    // Short: an excerpt of the value, plus at most the list of allowed values (the region list is the longest).
    for (const problem of found) expect(problem.message.length).toBeLessThan(1000);
  });

  test.each([
    ['Cyrillic о in a spoke name', 'sh\u043ep', 'U+043E at position 3'],
    ['a zero-width space', 'sh\u200Bop', 'U+200B at position 3'],
  ])('%s is shown as U+XXXX', (_what, name, shown) => {
    const doc = dev();
    doc.spokes[0].name = name;
    expect(errors(doc)).toEqual(expect.arrayContaining([{ path: 'spokes[0].name', message: expect.stringContaining(shown) }]));
  });

  test('an empty file, a scalar and a list say what an environment file is', () => {
    expect(errors('')).toEqual([{ path: '', message: expect.stringMatching(/^is empty; /) }]);
    expect(errors('# only a comment\n')).toEqual([{ path: '', message: expect.stringMatching(/^is empty; /) }]);
    expect(errors('just text')).toEqual([{ path: '', message: expect.stringMatching(/^is the single value 'just text', not a mapping of settings/) }]);
    expect(errors('- a\n- b\n')).toEqual([{ path: '', message: expect.stringMatching(/^is a list, not a mapping of settings/) }]);
  });

  test('a YAML alias bomb is refused, not expanded', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    expect(errors(bomb)).toEqual([{ path: '', message: expect.stringContaining('uses YAML aliases (*name) more than 50 times') }]);
  });
});

describe('files', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-input-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const load = () => loadEnvironments(dir, { tenantDirectory: DEFAULT_TENANT_DIR }).problems.filter((p) => p.severity === 'error').map((p) => ({ source: path.basename(p.source), path: p.path, message: p.message }));

  test('a directory named like a YAML file', () => {
    fs.mkdirSync(path.join(dir, 'dev.yaml'));
    expect(load()).toEqual([{ source: 'dev.yaml', path: '', message: expect.stringMatching(/^is a directory, not a YAML file; rename it/) }]);
  });

  test('binary content', () => {
    fs.writeFileSync(path.join(dir, 'dev.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    expect(load()).toEqual([{ source: 'dev.yaml', path: '', message: expect.stringMatching(/^is not a text file \(a NUL byte at offset 8\)/) }]);
    fs.writeFileSync(path.join(dir, 'dev.yaml'), Buffer.from([0x65, 0x6e, 0xff, 0xfe, 0x3a]));
    expect(load()).toEqual([{ source: 'dev.yaml', path: '', message: expect.stringMatching(/^is not UTF-8 text/) }]);
  });

  test('the same explicit Key Vault name in two environments names both files and paths', () => {
    const first = dev();
    first.spokes[0].keyVault = { enabled: true, name: 'kv-shop-shared' };
    const second = dev();
    second.environment = 'test';
    second.subscriptionId = '00000000-0000-0000-0000-000000000002';
    second.hub.addressSpace = ['10.20.0.0/22'];
    // Its own address space: environments of one tenant may not share it (another check).
    second.spokes.forEach((spoke: Json, i: number) => (spoke.addressSpace = [`10.21.${i}.0/24`]));
    second.spokes[0].keyVault = { enabled: true, name: 'kv-shop-shared' };
    fs.writeFileSync(path.join(dir, 'dev.yaml'), stringify(first));
    fs.writeFileSync(path.join(dir, 'test.yaml'), stringify(second));
    expect(load()).toEqual([
      { source: 'test.yaml', path: 'spokes[0].keyVault.name', message: expect.stringMatching(/'kv-shop-shared' is also the Key Vault name of spokes\[0\]\.keyVault\.name in .*dev\.yaml; Key Vault names are unique across all of Azure \(and across environments\)/) },
    ]);
  });
});

describe('policy-pack findings point at config', () => {
  test('each stack maps to its file and key, and a finding line shows it', () => {
    const { configs, sources } = loadEnvironments(DEFAULT_CONFIG_DIR);
    const configOf = configOfStack(configs, sources ?? {});
    const dev = configs.find((c) => c.environment === 'dev') as (typeof configs)[number];
    expect(configOf(`dev-lz-${dev.spokes[1]!.name}`)).toMatch(new RegExp(`dev\\.yaml spokes\\[1\\] \\(${dev.spokes[1]!.name}\\); .*policySuppressions .*stacks: \\[lz-${dev.spokes[1]!.name}\\]`));
    expect(configOf('dev-connectivity')).toMatch(/dev\.yaml hub;/);
    expect(configOf('dev-identity')).toMatch(/dev\.yaml identity;/);
    expect(configOf('other-connectivity')).toBeUndefined();

    const rule = ZERO_TRUST_PACK.find((r) => r.id === 'ZT-NET-017') as (typeof ZERO_TRUST_PACK)[number];
    const results = [{ stack: 'dev-lz-shop', rows: [{ rule: rule.id, severity: rule.severity, outcome: 'non-compliant', resource: 'azurerm_network_security_rule.X', reason: 'open' }], suppressions: [] }];
    const { text } = violationText(results as never, [rule], 'medium', configOf);
    expect(text).toMatch(/ZT-NET-017 .*\n {6}config: .*dev\.yaml spokes\[0\] \(shop\)/);
  });
});
