/**
 * AVM standard inputs at work: tags reach every taggable resource a composite construct defines, and `lock` adds one
 * management lock on the primary resource (refusing what would break it).
 */
import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { KeyVault } from '../../constructs/data/key-vault';
import { PlatformKeyVault } from '../../constructs/landing-zone/platform-key-vault';
import { ThreeTierSpoke } from '../../constructs/landing-zone/three-tier-spoke';
import { FirewallPolicy } from '../../constructs/network/firewall-policy';
import { HubVirtualNetwork } from '../../constructs/network/hub-virtual-network';
import { NetworkSecurityGroup } from '../../constructs/network/network-security-group';
import { PrivateDnsZones } from '../../constructs/network/private-dns-zones';
import { ResourceLock } from '../../constructs/interfaces';
import { ResourceNamer } from '../../lib/naming';
import { parse, resourcesOfType, SynthesizedStack, TEST_RESOURCE_GROUP, TEST_TENANT_ID, TEST_ZONE_LOOKUP, UNTAGGABLE_TYPES } from '../helpers';

const TAGS = { costCenter: 'cc-4711', owner: 'team-shop' };
const SUBNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-pe';

/** Every resource of the synthesized JSON that can carry tags, with its tags. */
function taggable(json: SynthesizedStack): { type: string; name: unknown; tags: unknown }[] {
  return Object.entries(json.resource ?? {})
    .filter(([type]) => !UNTAGGABLE_TYPES.has(type) && type !== 'azurerm_management_lock')
    .flatMap(([type, resources]) => Object.values(resources).map((r) => ({ type, name: r.name, tags: r.tags })));
}

function spoke(scope: Construct, extra: { tags?: typeof TAGS; lock?: ResourceLock } = {}): ThreeTierSpoke {
  return new ThreeTierSpoke(scope, 'Spoke', {
    resourceGroup: TEST_RESOURCE_GROUP,
    names: new ResourceNamer({ workload: 'shop', environment: 'test', regionShortName: 'weu' }),
    workload: 'shop',
    addressSpace: ['10.1.0.0/24'],
    subnets: { web: '10.1.0.0/26', app: '10.1.0.64/26', data: '10.1.0.128/27', privateEndpoints: '10.1.0.160/27' },
    hub: {
      network: HubVirtualNetwork.fromExisting(scope, 'Hub', { virtualNetworkId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub' }),
      firewallPrivateIp: '10.0.0.4',
      firewallSubnetPrefix: '10.0.0.0/26',
      bastionSubnetPrefix: '10.0.0.64/26',
      dnsProxyEnabled: true,
      privateRanges: ['10.0.0.0/8'],
    },
    ingress: { sources: ['10.0.0.0/26'], ports: ['443'] },
    ports: { app: ['8080'], data: ['1433'], privateEndpoints: ['443'] },
    ...extra,
  });
}

describe('tags on composite constructs', () => {
  test('ThreeTierSpoke tags its VNet, NSGs and route table; without tags it renders none (unchanged output)', () => {
    const tagged = taggable(parse(Testing.synthScope((scope) => void spoke(scope, { tags: TAGS }))));
    expect(tagged.map((r) => r.type).sort()).toEqual(['azurerm_network_security_group', 'azurerm_network_security_group', 'azurerm_network_security_group', 'azurerm_network_security_group', 'azurerm_route_table', 'azurerm_virtual_network']);
    for (const resource of tagged) expect(resource.tags).toEqual(TAGS);
    for (const resource of taggable(parse(Testing.synthScope((scope) => void spoke(scope))))) expect(resource.tags).toBeUndefined();
  });

  test('PlatformKeyVault tags the vault, its private endpoint and the firewall identity', () => {
    const json = parse(
      Testing.synthScope((scope) => {
        new PlatformKeyVault(scope, 'Platform', {
          resourceGroup: TEST_RESOURCE_GROUP,
          names: new ResourceNamer({ workload: 'hub', environment: 'test', regionShortName: 'weu' }),
          vaultName: 'kv-hub-test-weu-1a2b',
          tenantId: TEST_TENANT_ID,
          privateEndpointSubnetId: SUBNET_ID,
          dnsZones: TEST_ZONE_LOOKUP,
          tags: TAGS,
          lock: { kind: 'CanNotDelete' },
        });
      }),
    );
    expect(taggable(json).map((r) => r.type).sort()).toEqual(['azurerm_key_vault', 'azurerm_private_endpoint', 'azurerm_user_assigned_identity']);
    for (const resource of taggable(json)) expect(resource.tags).toEqual(TAGS);
    expect(resourcesOfType(json, 'azurerm_management_lock')).toEqual([expect.objectContaining({ name: 'lock-kv-hub-test-weu-1a2b', lock_level: 'CanNotDelete' })]);
  });
});

describe('lock', () => {
  test('adds one management lock on the primary resource, named after it unless named', () => {
    const json = parse(
      Testing.synthScope((scope) => {
        new KeyVault(scope, 'Vault', { resourceGroup: TEST_RESOURCE_GROUP, name: 'kv-shop-test', tenantId: TEST_TENANT_ID, lock: { kind: 'ReadOnly', name: 'freeze', notes: 'Audit hold' } });
        spoke(scope, { lock: { kind: 'CanNotDelete' } });
      }),
    );
    const locks = resourcesOfType(json, 'azurerm_management_lock');
    expect(locks).toEqual(
      expect.arrayContaining([
        { name: 'freeze', lock_level: 'ReadOnly', notes: 'Audit hold', scope: expect.stringMatching(/^\$\{azurerm_key_vault\.\w+\.id\}$/) },
        { name: 'lock-vnet-shop-test-weu', lock_level: 'CanNotDelete', scope: expect.stringMatching(/^\$\{azurerm_virtual_network\.\w+\.id\}$/) },
      ]),
    );
    expect(locks).toHaveLength(2);
  });

  test('no lock by default', () => {
    expect(resourcesOfType(parse(Testing.synthScope((scope) => void spoke(scope))), 'azurerm_management_lock')).toEqual([]);
  });

  test('PrivateDnsZones locks each zone', () => {
    const json = parse(
      Testing.synthScope((scope) => {
        new PrivateDnsZones(scope, 'Dns', { resourceGroup: TEST_RESOURCE_GROUP, zones: ['privatelink.vaultcore.azure.net', 'privatelink.blob.core.windows.net'], virtualNetworks: [], lock: { kind: 'CanNotDelete' } });
      }),
    );
    expect(resourcesOfType(json, 'azurerm_management_lock').map((l) => l.name).sort()).toEqual(['lock-privatelink.blob.core.windows.net', 'lock-privatelink.vaultcore.azure.net']);
  });

  test.each<[string, (scope: Construct) => void, RegExp]>([
    ['ReadOnly on a firewall policy', (scope) => new FirewallPolicy(scope, 'Policy', { resourceGroup: TEST_RESOURCE_GROUP, name: 'afwp-test', lock: { kind: 'ReadOnly' } }), /lock.kind ReadOnly would break every rule collection group update; use CanNotDelete/],
    ['ReadOnly on private DNS zones', (scope) => new PrivateDnsZones(scope, 'Dns', { resourceGroup: TEST_RESOURCE_GROUP, zones: ['privatelink.vaultcore.azure.net'], virtualNetworks: [], lock: { kind: 'ReadOnly' } }), /would break the A records private endpoints register/],
    ['ReadOnly on an NSG', (scope) => new NetworkSecurityGroup(scope, 'Nsg', { resourceGroup: TEST_RESOURCE_GROUP, name: 'nsg-test', lock: { kind: 'ReadOnly' } }), /would break the rules added as flows and endpoints change/],
    ['an unknown kind and over-long notes', (scope) => new KeyVault(scope, 'Vault', { resourceGroup: TEST_RESOURCE_GROUP, name: 'kv-shop-test', tenantId: TEST_TENANT_ID, lock: { kind: 'DoNotDelete' as 'CanNotDelete', notes: 'x'.repeat(513) } }), /lock.kind 'DoNotDelete' must be CanNotDelete or ReadOnly; lock.notes is longer than the 512 characters Azure allows/],
  ])('refuses %s, saying why', (_case, build, message) => {
    expect(() => Testing.synthScope(build)).toThrow(message);
  });
});
