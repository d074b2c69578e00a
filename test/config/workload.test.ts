/**
 * The `workload` of a spoke (the seed reference workload): what it needs from the rest of the spoke and the hub, each
 * with a failing case that names the config path and says what to do.
 */
import { stringify } from 'yaml';
import { loadEnvironmentText } from '../../config/load';
import { spokePrivateEndpoints, workloadZoneRedundant } from '../../config/spoke-plan';

type Json = Record<string, unknown>;

const WORKLOAD: Json = {
  kind: 'webApp',
  appGateway: { certificateSecretName: 'shop-tls' },
  sql: { databaseName: 'shop', entraAdminGroup: { name: 'SQL-Admins', objectId: '00000000-0000-0000-0000-00000000b001' } },
  storage: { containers: ['images'] },
};

function shop(patch: Json = {}, workload: Json = {}): Json {
  return { name: 'shop', addressSpace: ['10.11.0.0/24'], appServiceIntegrationEnabled: true, keyVault: { enabled: true }, workload: { ...WORKLOAD, ...workload }, ...patch };
}

function load(spoke: Json, hubPatch: Json = {}, location = 'westeurope') {
  return loadEnvironmentText(
    stringify({
      environment: 'dev',
      location,
      tenant: 'contoso',
      subscriptionId: '00000000-0000-0000-0000-000000000001',
      tags: { owner: 'platform-team@example.com', 'cost-center': 'CC-0000-DEV' },
      hub: { addressSpace: ['10.10.0.0/22'], ...hubPatch },
      spokes: [spoke],
    }),
    'config/environments/dev.yaml',
  );
}

function errors(spoke: Json, hubPatch: Json = {}, location?: string) {
  const result = load(spoke, hubPatch, location);
  const found = result.problems.filter((p) => p.severity === 'error').map(({ path, message }) => ({ path, message }));
  if (found.length > 0) expect(result.config).toBeUndefined();
  return found;
}

describe('spoke workload', () => {
  test('a complete workload loads with its defaults: App Gateway ingress, P1v3, serverless SQL, blob write access', () => {
    const { config, problems } = load(shop());
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(config?.spokes[0]!.workload).toMatchObject({ kind: 'webApp', ingress: 'appGateway', webApp: { skuName: 'P1v3' }, sql: { skuName: 'GP_S_Gen5_2' }, storage: { access: 'write' } });
    const workload = config?.spokes[0]!.workload;
    expect(workload && workloadZoneRedundant(config, workload)).toBe(true);
    expect(spokePrivateEndpoints(config?.spokes[0] as never)).toEqual([
      { service: 'keyVault', subresource: 'vault' },
      { service: 'appService', subresource: 'sites' },
      { service: 'sql', subresource: 'sqlServer' },
      { service: 'storage', subresource: 'blob' },
    ]);
  });

  test.each<[string, Json, Json, string, RegExp]>([
    ['no integration subnet', { appServiceIntegrationEnabled: false }, {}, 'spokes[0].appServiceIntegrationEnabled', /must be true for a webApp workload/],
    ['no vault', { keyVault: { enabled: false } }, {}, 'spokes[0].keyVault.enabled', /must be true for a workload: the app's secrets and the gateway's certificate/],
    ['no appGateway block', {}, { appGateway: undefined }, 'spokes[0].workload.appGateway', /is required when ingress is appGateway/],
    ['firewall publishing as well', { ingress: { publish: { webAddress: '10.11.0.10' } } }, {}, 'spokes[0].ingress.publish', /remove ingress.publish or set workload.ingress: firewallDnat/],
    ['ingress sources as well', { ingress: { sources: ['10.10.0.0/26'] } }, {}, 'spokes[0].ingress.sources', /set workload.appGateway.allowFrom instead/],
    ['a non-listener port', { ingress: { ports: [8443] } }, {}, 'spokes[0].ingress.ports[0]', /8443 is not a listener port of the Application Gateway \(443, 80\)/],
    ['a web subnet too small for the gateway', { subnetSizes: { web: 27 } }, {}, 'spokes[0].subnetSizes.web', /is too small for it; use a \/26 or larger \(Azure recommends \/24\)/],
    ['firewallDnat without publishing', {}, { ingress: 'firewallDnat', appGateway: undefined }, 'spokes[0].ingress.publish', /is required when workload.ingress is firewallDnat/],
    ['an appGateway block with firewallDnat', { ingress: { publish: { webAddress: '10.11.0.10' } } }, { ingress: 'firewallDnat' }, 'spokes[0].workload.appGateway', /is only used when workload.ingress is appGateway/],
  ])('fails on %s', (_, patch, workload, path, message) => {
    expect(errors(shop(patch, workload))).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  test('fails on zone redundancy in a region without zones, and defaults it off there', () => {
    expect(errors(shop({}, { zoneRedundant: true }), {}, 'northcentralus')).toEqual([{ path: 'spokes[0].workload.zoneRedundant', message: expect.stringMatching(/northcentralus has no availability zones/) }]);
    const { config } = load(shop(), {}, 'northcentralus');
    const workload = config?.spokes[0]!.workload;
    expect(workload && workloadZoneRedundant(config, workload)).toBe(false);
  });

  test('fails when the hub does not host the private DNS zones of the endpoints, naming each service', () => {
    expect(errors(shop(), { privateDns: { services: ['keyVault', 'azureMonitor'] } }).map((e) => [e.path, e.message.replace(/,.*/, '')])).toEqual([
      ['hub.privateDns.services', 'does not include appService'],
      ['hub.privateDns.services', 'does not include sql'],
      ['hub.privateDns.services', 'does not include storage'],
    ]);
  });

  test('rejects schema-level mistakes with their paths', () => {
    const result = load(shop({}, { kind: 'functionApp', webApp: { skuName: 'B1' }, sql: { databaseName: 'shop', entraAdminGroup: { name: 'x', objectId: 'nope' } } }));
    expect(result.problems.filter((p) => p.severity === 'error').map((p) => p.path).sort()).toEqual(['spokes[0].workload.kind', 'spokes[0].workload.sql.entraAdminGroup.objectId', 'spokes[0].workload.webApp.skuName']);
  });
});
