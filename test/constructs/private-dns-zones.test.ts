import { Lazy, Testing } from 'cdktf';
import { IPrivateDnsZoneLookup, PrivateDnsZoneLinks, PrivateDnsZoneLinksProps, PrivateDnsZones, PrivateDnsZonesProps } from '../../constructs/network/private-dns-zones';
import { ALL_PRIVATE_DNS_ZONES, privateDnsZonesOfServices } from '../../lib/private-link-zones';
import { AzurermProvider, PrivateDnsZone, PrivateDnsZoneVirtualNetworkLink } from '../../providers/azurerm';
import { parse, resourcesOfType, SynthesizedStack, TEST_RESOURCE_GROUP } from '../helpers';

const HUB_VNET = { name: 'vnet-hub-test-weu', id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/vnet-hub-test-weu' };
const SPOKE_VNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.Network/virtualNetworks/vnet-shop-test-weu';
const KEY_VAULT_ZONE = 'privatelink.vaultcore.azure.net';
const BLOB_ZONE = 'privatelink.blob.core.windows.net';
/** An unresolved value, as a reference to another resource would be. */
const TOKEN = Lazy.stringValue({ produce: () => 'unknown' });

function withZones(test: (zones: PrivateDnsZones) => void = () => undefined, props: Partial<PrivateDnsZonesProps> = {}): string {
  return Testing.synthScope((scope) => {
    test(new PrivateDnsZones(scope, 'PrivateDns', { resourceGroup: TEST_RESOURCE_GROUP, virtualNetworks: [HUB_VNET], ...props }));
  });
}

function withLinks(props: Partial<PrivateDnsZoneLinksProps> = {}): string {
  return Testing.synthScope((scope) => {
    new PrivateDnsZoneLinks(scope, 'SpokeDnsLinks', {
      resourceGroupName: 'rg-dns',
      zoneNames: [KEY_VAULT_ZONE, BLOB_ZONE],
      virtualNetworkName: 'vnet-shop-test-weu',
      virtualNetworkId: SPOKE_VNET_ID,
      ...props,
    });
  });
}

function keysOf(synth: SynthesizedStack, type: string): string[] {
  return Object.keys(synth.resource?.[type] ?? {});
}

describe('PrivateDnsZones', () => {
  test('creates every zone of the table by default, global (no location), in the resource group', () => {
    const synth = parse(withZones());
    const zones = resourcesOfType(synth, 'azurerm_private_dns_zone');
    expect(zones.map((z) => z.name).sort()).toEqual([...ALL_PRIVATE_DNS_ZONES]);
    for (const zone of zones) {
      expect(zone.resource_group_name).toBe('rg-test');
      expect(zone).not.toHaveProperty('location');
    }
  });

  test('links every zone to each VNet with registration off and a valid link name', () => {
    const synth = parse(withZones(undefined, { zones: [KEY_VAULT_ZONE, BLOB_ZONE] }));
    const links = resourcesOfType(synth, 'azurerm_private_dns_zone_virtual_network_link');
    expect(links).toHaveLength(2);
    const zoneKeys = keysOf(synth, 'azurerm_private_dns_zone');
    for (const link of links) {
      expect(link).toMatchObject({
        name: 'link-vnet-hub-test-weu',
        resource_group_name: 'rg-test',
        virtual_network_id: HUB_VNET.id,
        registration_enabled: false,
      });
      expect(String(link.name).length).toBeLessThanOrEqual(80);
    }
    // Each link references its own zone's name, so it is created after the zone.
    expect(links.map((l) => l.private_dns_zone_name).sort()).toEqual(zoneKeys.map((key) => `\${azurerm_private_dns_zone.${key}.name}`).sort());
  });

  test('gives zones and links readable, stable logical IDs (dots become hyphens)', () => {
    const synth = parse(withZones(undefined, { zones: [KEY_VAULT_ZONE] }));
    expect(keysOf(synth, 'azurerm_private_dns_zone')).toEqual([expect.stringMatching(/^PrivateDns_privatelink-vaultcore-azure-net_[0-9A-F]{8}$/)]);
    expect(keysOf(synth, 'azurerm_private_dns_zone_virtual_network_link')).toEqual([
      expect.stringMatching(/^PrivateDns_privatelink-vaultcore-azure-net_vnet-hub-test-weu_[0-9A-F]{8}$/),
    ]);
    expect(withZones(undefined, { zones: [KEY_VAULT_ZONE] })).toBe(withZones(undefined, { zones: [KEY_VAULT_ZONE] }));
  });

  test('creates only the zones asked for, sorted, and exposes their IDs', () => {
    withZones(
      (zones) => {
        expect(zones.zoneNames).toEqual(privateDnsZonesOfServices(['keyVault', 'containerRegistry']));
        expect(Object.keys(zones.zoneIds).sort()).toEqual([...zones.zoneNames]);
        expect(zones.zoneId(KEY_VAULT_ZONE)).toBe(zones.zoneIds[KEY_VAULT_ZONE]);
        expect(zones.zoneId(KEY_VAULT_ZONE)).toMatch(/^\$\{TfToken\[/);
      },
      { zones: ['privatelink.vaultcore.azure.net', 'privatelink.azurecr.io'] },
    );
  });

  test('puts tags on zones and links', () => {
    const json = withZones(undefined, { zones: [KEY_VAULT_ZONE], tags: { workload: 'dns' } });
    expect(json).toHaveResourceWithProperties(PrivateDnsZone, { name: KEY_VAULT_ZONE, tags: { workload: 'dns' } });
    expect(json).toHaveResourceWithProperties(PrivateDnsZoneVirtualNetworkLink, { name: 'link-vnet-hub-test-weu', tags: { workload: 'dns' } });
  });

  test('linkVirtualNetwork links one more VNet to every zone', () => {
    const synth = parse(
      withZones((zones) => zones.linkVirtualNetwork('vnet-shop-test-weu', SPOKE_VNET_ID), { zones: [KEY_VAULT_ZONE, BLOB_ZONE] }),
    );
    const links = resourcesOfType(synth, 'azurerm_private_dns_zone_virtual_network_link');
    expect(links).toHaveLength(4);
    const spokeLinks = links.filter((l) => l.virtual_network_id === SPOKE_VNET_ID);
    expect(spokeLinks).toHaveLength(2);
    for (const link of spokeLinks) expect(link).toMatchObject({ name: 'link-vnet-shop-test-weu', registration_enabled: false });
    // Link names are unique per zone.
    for (const zone of new Set(links.map((l) => l.private_dns_zone_name))) {
      const names = links.filter((l) => l.private_dns_zone_name === zone).map((l) => l.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  test('may start without VNets', () => {
    const synth = parse(withZones(undefined, { zones: [KEY_VAULT_ZONE], virtualNetworks: [] }));
    expect(resourcesOfType(synth, 'azurerm_private_dns_zone')).toHaveLength(1);
    expect(resourcesOfType(synth, 'azurerm_private_dns_zone_virtual_network_link')).toHaveLength(0);
  });

  test('zoneId fails for a zone that was not created, naming the service to enable', () => {
    withZones(
      (zones) => {
        expect(() => zones.zoneId('privatelink.azurecr.io')).toThrow(
          "PrivateDnsZones 'PrivateDns': zone 'privatelink.azurecr.io' (used by containerRegistry registry) was not created; add it to zones, e.g. zones: privateDnsZonesOfServices(['containerRegistry', ...])",
        );
        expect(() => zones.zoneId(BLOB_ZONE)).toThrow(/used by storage blob, storage blob_secondary, azureMonitor azuremonitor\) was not created; .*\['storage', 'azureMonitor', \.\.\.\]/);
        expect(() => zones.zoneId('privatelink.vaultcore.azure.com')).toThrow(
          "PrivateDnsZones 'PrivateDns': 'privatelink.vaultcore.azure.com' is not a Private Link zone of lib/private-link-zones.ts; did you mean 'privatelink.vaultcore.azure.net'?",
        );
        expect(() => zones.zoneId('toString')).toThrow(/'toString' is not a Private Link zone/);
      },
      { zones: [KEY_VAULT_ZONE] },
    );
  });

  test.each<[string, Partial<PrivateDnsZonesProps>, RegExp]>([
    ['an empty zone list', { zones: [] }, /PrivateDnsZones 'PrivateDns': zones is empty; pass at least one zone \(or omit zones for ALL_PRIVATE_DNS_ZONES\)/],
    ['a zone listed twice', { zones: [KEY_VAULT_ZONE, KEY_VAULT_ZONE] }, /zones lists 'privatelink\.vaultcore\.azure\.net' twice/],
    [
      'a zone outside the table',
      { zones: ['privatelink.vaultcore.azure.com'] },
      /zones: 'privatelink\.vaultcore\.azure\.com' is not a Private Link zone of lib\/private-link-zones\.ts; did you mean 'privatelink\.vaultcore\.azure\.net'\?; add its service there to use another zone/,
    ],
    ['a token zone name', { zones: [TOKEN] }, /zones must be literal zone names, got a token/],
    ['an invalid VNet name', { virtualNetworks: [{ ...HUB_VNET, name: 'vnet hub' }] }, /virtual network name 'vnet hub' is not a valid VNet name \(2-64 letters/],
    ['a VNet name too long for Azure', { virtualNetworks: [{ ...HUB_VNET, name: `vnet-${'x'.repeat(60)}` }] }, /is not a valid VNet name \(2-64/],
    ['the same VNet twice', { virtualNetworks: [HUB_VNET, HUB_VNET] }, /virtual network 'vnet-hub-test-weu' is already linked; link each VNet once/],
  ])('fails on %s', (_case, props, message) => {
    expect(() => withZones(undefined, props)).toThrow(message);
  });

  test('fails on a token VNet name (it is part of the link names)', () => {
    expect(() => withZones((zones) => zones.linkVirtualNetwork(TOKEN, SPOKE_VNET_ID), { zones: [KEY_VAULT_ZONE] })).toThrow(
      /the virtual network name must be a literal \(it is part of the link names\), got a token/,
    );
  });

  test('reports every zone problem at once', () => {
    expect(() => withZones(undefined, { zones: [KEY_VAULT_ZONE, KEY_VAULT_ZONE, 'privatelink.example.com'] })).toThrow(/twice; zones: 'privatelink\.example\.com' is not a Private Link zone/);
  });

  test('is a zone lookup', () => {
    withZones((zones) => {
      const lookup: IPrivateDnsZoneLookup = zones;
      expect(lookup.zoneId(BLOB_ZONE)).toBe(zones.zoneIds[BLOB_ZONE]);
    });
  });
});

describe('PrivateDnsZoneLinks', () => {
  test('links each named zone to one VNet, registration off, in the zones resource group', () => {
    const synth = parse(withLinks());
    const links = resourcesOfType(synth, 'azurerm_private_dns_zone_virtual_network_link');
    expect(links).toHaveLength(2);
    expect(links.map((l) => l.private_dns_zone_name).sort()).toEqual([BLOB_ZONE, KEY_VAULT_ZONE]);
    for (const link of links) {
      expect(link).toMatchObject({
        name: 'link-vnet-shop-test-weu',
        resource_group_name: 'rg-dns',
        virtual_network_id: SPOKE_VNET_ID,
        registration_enabled: false,
      });
    }
    expect(keysOf(synth, 'azurerm_private_dns_zone_virtual_network_link').sort()).toEqual([
      expect.stringMatching(/^SpokeDnsLinks_privatelink-blob-core-windows-net_[0-9A-F]{8}$/),
      expect.stringMatching(/^SpokeDnsLinks_privatelink-vaultcore-azure-net_[0-9A-F]{8}$/),
    ]);
    expect(resourcesOfType(synth, 'azurerm_private_dns_zone')).toHaveLength(0);
  });

  test('accepts a cross-stack resource group name, a provider and tags', () => {
    const json = Testing.synthScope((scope) => {
      const hub = new AzurermProvider(scope, 'hub', { features: [{}], alias: 'hub', subscriptionId: '11111111-1111-1111-1111-111111111111' });
      const links = new PrivateDnsZoneLinks(scope, 'SpokeDnsLinks', {
        resourceGroupName: '${data.terraform_remote_state.hub.outputs.rg}',
        zoneNames: [KEY_VAULT_ZONE],
        virtualNetworkName: 'vnet-shop-test-weu',
        virtualNetworkId: SPOKE_VNET_ID,
        provider: hub,
        tags: { workload: 'shop' },
      });
      expect(Object.keys(links.linkIds)).toEqual([KEY_VAULT_ZONE]);
    });
    expect(json).toHaveResourceWithProperties(PrivateDnsZoneVirtualNetworkLink, {
      resource_group_name: '${data.terraform_remote_state.hub.outputs.rg}',
      provider: 'azurerm.hub',
      tags: { workload: 'shop' },
    });
  });

  test('links the zones a PrivateDnsZones created', () => {
    const synth = parse(
      Testing.synthScope((scope) => {
        const zones = new PrivateDnsZones(scope, 'PrivateDns', { resourceGroup: TEST_RESOURCE_GROUP, virtualNetworks: [HUB_VNET] });
        new PrivateDnsZoneLinks(scope, 'SpokeDnsLinks', {
          resourceGroupName: TEST_RESOURCE_GROUP.name,
          zoneNames: zones.zoneNames,
          virtualNetworkName: 'vnet-shop-test-weu',
          virtualNetworkId: SPOKE_VNET_ID,
        });
      }),
    );
    const spokeLinks = resourcesOfType(synth, 'azurerm_private_dns_zone_virtual_network_link').filter((l) => l.virtual_network_id === SPOKE_VNET_ID);
    expect(spokeLinks.map((l) => l.private_dns_zone_name).sort()).toEqual([...ALL_PRIVATE_DNS_ZONES]);
  });

  test.each<[string, Partial<PrivateDnsZoneLinksProps>, RegExp]>([
    ['no zones', { zoneNames: [] }, /PrivateDnsZoneLinks 'SpokeDnsLinks': zoneNames is empty/],
    ['a zone twice', { zoneNames: [BLOB_ZONE, BLOB_ZONE] }, /zoneNames lists 'privatelink\.blob\.core\.windows\.net' twice/],
    ['an unknown zone', { zoneNames: ['privatelink.blob.core.windows.com'] }, /zoneNames: 'privatelink\.blob\.core\.windows\.com' is not a Private Link zone of lib\/private-link-zones\.ts; did you mean 'privatelink\.blob\.core\.windows\.net'\?/],
    ['a token zone name', { zoneNames: [TOKEN] }, /zoneNames must be literal zone names, got a token/],
    ['a token VNet name', { virtualNetworkName: TOKEN }, /the virtual network name must be a literal/],
    ['an invalid VNet name', { virtualNetworkName: '-vnet' }, /virtual network name '-vnet' is not a valid VNet name/],
  ])('fails on %s', (_case, props, message) => {
    expect(() => withLinks(props)).toThrow(message);
  });
});
