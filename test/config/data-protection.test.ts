/**
 * Config checks of issue 4: TLS inspection CA location and tier, the hub private-endpoint subnet, private DNS
 * services, and spoke Key Vault names.
 */
import { stringify } from 'yaml';
import { loadEnvironmentText } from '../../config/load';
import { platformKeyVaultName } from '../../config/plan';

type Json = Record<string, unknown>;

const BASE = { environment: 'dev', location: 'westeurope', subscriptionId: '00000000-0000-0000-0000-000000000001' } as const;
const PLATFORM_VAULT = platformKeyVaultName(BASE);
const CA = `https://${PLATFORM_VAULT}.vault.azure.net/secrets/tls-inspection-ca`;

function doc(hub: Json = {}, extra: Json = {}): Json {
  return {
    ...BASE,
    tenant: 'contoso',
    tags: { owner: 'platform-team@example.com', 'cost-center': 'CC-0000-DEV' },
    hub: { addressSpace: ['10.10.0.0/22'], ...hub },
    ...extra,
  };
}

function problems(document: Json) {
  const result = loadEnvironmentText(stringify(document), 'config/environments/dev.yaml');
  return { config: result.config, errors: result.problems.filter((p) => p.severity === 'error'), warnings: result.problems.filter((p) => p.severity === 'warning') };
}

describe('TLS inspection', () => {
  test('the platform vault name is kv-hub-<env>-<region>-<4 hex>', () => {
    expect(PLATFORM_VAULT).toMatch(/^kv-hub-dev-weu-[0-9a-f]{4}$/);
  });

  test('without a CA, synth warns that inspection is off and names the vault to import into', () => {
    const { warnings, errors } = problems(doc());
    expect(errors).toEqual([]);
    expect(warnings).toContainEqual(
      expect.objectContaining({
        path: 'hub.firewall.tlsInspection.certificateSecretId',
        message: `is not set, so TLS inspection is off; import an intermediate CA into ${PLATFORM_VAULT} (out of band) and set its secret ID here`,
      }),
    );
  });

  test('a CA in the platform vault loads without the warning (versionless and versioned IDs)', () => {
    for (const id of [CA, `${CA}/0123456789abcdef0123456789abcdef`]) {
      const { errors, warnings, config } = problems(doc({ firewall: { tlsInspection: { certificateSecretId: id } } }));
      expect(errors).toEqual([]);
      expect(warnings.map((w) => w.path)).not.toContain('hub.firewall.tlsInspection.certificateSecretId');
      expect(config?.hub.firewall.tlsInspection.certificateSecretId).toBe(id);
    }
  });

  test('a CA in another vault is rejected, naming the platform vault', () => {
    const { errors } = problems(doc({ firewall: { tlsInspection: { certificateSecretId: 'https://kv-elsewhere.vault.azure.net/secrets/ca' } } }));
    expect(errors).toEqual([
      expect.objectContaining({
        path: 'hub.firewall.tlsInspection.certificateSecretId',
        message: `points at vault 'kv-elsewhere', but the firewall may read only this environment's platform vault '${PLATFORM_VAULT}'; import the CA there and use https://${PLATFORM_VAULT}.vault.azure.net/secrets/<name>`,
      }),
    ]);
  });

  test('a CA with the Standard tier is rejected', () => {
    const { errors } = problems(doc({ firewall: { tier: 'Standard', intrusionDetectionMode: 'Off', tlsInspection: { certificateSecretId: CA } } }));
    expect(errors).toEqual([expect.objectContaining({ path: 'hub.firewall.tlsInspection.certificateSecretId', message: expect.stringMatching(/^needs the Premium tier \(tier is 'Standard'\)/) })]);
  });

  test('a value that is not a secret ID is rejected with an example', () => {
    const { errors } = problems(doc({ firewall: { tlsInspection: { certificateSecretId: 'https://example.com/ca.pfx' } } }));
    expect(errors).toEqual([expect.objectContaining({ path: 'hub.firewall.tlsInspection.certificateSecretId', message: expect.stringMatching(/is not a Key Vault secret ID such as https:\/\/kv-hub-prod-weu-1a2b/) })]);
  });
});

describe('hub private-endpoint subnet and private DNS', () => {
  test('is carved as a /27 after the special subnets, or kept when explicit', () => {
    expect(problems(doc()).config?.hub.subnets.privateEndpoints).toBe('10.10.0.128/27');
    expect(problems(doc({ subnets: { privateEndpoints: '10.10.3.0/28' } })).config?.hub.subnets.privateEndpoints).toBe('10.10.3.0/28');
  });

  test.each([
    ['outside the hub', '10.99.0.0/27', /outside the address space/],
    ['smaller than /29', '10.10.3.0/30', /is a \/30, but Azure subnets are at least \/29/],
    ['overlapping the firewall subnet', '10.10.0.0/27', /overlaps 10\.10\.0\.0\/26, another hub subnet/],
  ])('rejects an explicit prefix %s', (_case, prefix, message) => {
    expect(problems(doc({ subnets: { privateEndpoints: prefix } })).errors).toEqual([expect.objectContaining({ path: 'hub.subnets.privateEndpoints', message: expect.stringMatching(message) })]);
  });

  test('hosts every Private Link service zone by default and can be narrowed, but never without Key Vault', () => {
    expect(problems(doc()).config?.hub.privateDns.services).toEqual(['appService', 'azureMonitor', 'containerRegistry', 'cosmosDb', 'keyVault', 'sql', 'storage']);
    expect(problems(doc({ privateDns: { services: ['azureMonitor', 'keyVault', 'storage'] } })).errors).toEqual([]);
    expect(problems(doc({ privateDns: { services: ['azureMonitor', 'storage'] } })).errors).toEqual([
      expect.objectContaining({ path: 'hub.privateDns.services', message: "must include 'keyVault': the platform Key Vault's private endpoint registers there" }),
    ]);
    // The Azure Monitor Private Link Scope (on by default) needs its zones in the hub too.
    expect(problems(doc({ privateDns: { services: ['keyVault', 'storage'] } })).errors).toEqual([
      expect.objectContaining({ path: 'hub.privateDns.services', message: expect.stringMatching(/^does not include azureMonitor/) }),
    ]);
  });

  test('rejects an unknown Private Link service', () => {
    expect(problems(doc({ privateDns: { services: ['keyVault', 'redis'] } })).errors).toEqual([expect.objectContaining({ path: 'hub.privateDns.services[1]' })]);
  });
});

describe('spoke Key Vault', () => {
  const spoke = (name: string, keyVault: Json) => ({ name, addressSpace: ['10.11.0.0/24'], keyVault });

  test('a generated name that would exceed 24 characters is a config error that says to set a name', () => {
    const { errors } = problems(doc({}, { spokes: [spoke('inventorysvc', { enabled: true })] }));
    expect(errors).toEqual([expect.objectContaining({ path: 'spokes[0].keyVault.name', message: expect.stringMatching(/is 28 characters; Azure allows 3-24; set an explicit Key Vault name/) })]);
  });

  test('an explicit name is used as given', () => {
    const { errors, config } = problems(doc({}, { spokes: [spoke('inventorysvc', { enabled: true, name: 'kv-inventory-dev' })] }));
    expect(errors).toEqual([]);
    expect(config?.spokes[0]!.keyVault).toEqual({ enabled: true, name: 'kv-inventory-dev' });
  });

  test('rejects an invalid explicit name', () => {
    const { errors } = problems(doc({}, { spokes: [spoke('shop', { enabled: true, name: 'KV_Shop' })] }));
    expect(errors).toEqual([expect.objectContaining({ path: 'spokes[0].keyVault.name', message: expect.stringMatching(/^'KV_Shop' is not a valid Key Vault name/) })]);
  });

  test.each(['kv--shop', '1kv-shop', 'kv-shop-'])('rejects %s, which Azure rejects too', (name) => {
    const { errors } = problems(doc({}, { spokes: [spoke('shop', { enabled: true, name })] }));
    expect(errors).toEqual([expect.objectContaining({ path: 'spokes[0].keyVault.name' })]);
  });

  test('accepts upper-case letters (Azure allows them) and compares names case-insensitively', () => {
    expect(problems(doc({}, { spokes: [spoke('shop', { enabled: true, name: 'KV-Shop-Dev' })] })).errors).toEqual([]);
    const { errors } = problems(doc({}, { spokes: [spoke('shop', { enabled: true, name: 'KV-Shop-Dev' }), { ...spoke('crm', { enabled: true, name: 'kv-shop-dev' }), addressSpace: ['10.12.0.0/24'] }] }));
    expect(errors).toEqual([expect.objectContaining({ path: 'spokes[1].keyVault.name', message: expect.stringMatching(/is also the Key Vault name of spokes\[0\]\.keyVault\.name/) })]);
  });
});
