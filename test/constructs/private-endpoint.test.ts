import { Lazy, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { IPrivateDnsZoneLookup, PrivateDnsZones } from '../../constructs/network/private-dns-zones';
import { IPrivateLinkTarget, PrivateEndpoint, PrivateEndpointOptions, PrivateEndpointProps } from '../../constructs/network/private-endpoint';
import { PRIVATE_LINK_SERVICE_NAMES, PRIVATE_LINK_SERVICES, PrivateLinkService, privateDnsZonesFor, privateDnsZonesOfServices, subresourcesOf } from '../../lib/private-link-zones';
import { AzurermPrivateEndpoint } from '../../providers/azurerm';
import { onlyResource, parse, SynthesizedStack, TEST_RESOURCE_GROUP } from '../helpers';

const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-000000000000';
const SUBNET_ID = `${SUBSCRIPTION}/resourceGroups/rg-shop/providers/Microsoft.Network/virtualNetworks/vnet-shop-test-weu/subnets/snet-pe-shop-test-weu`;
const VAULT_ID = `${SUBSCRIPTION}/resourceGroups/rg-shop/providers/Microsoft.KeyVault/vaults/kv-shop-test-weu`;
const HUB_VNET = { name: 'vnet-hub-test-weu', id: `${SUBSCRIPTION}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub-test-weu` };
/** An unresolved value, as a reference to another resource would be. */
const TOKEN = Lazy.stringValue({ produce: () => 'unknown' });

/** A resource ID of the service's own type, as its target would have. */
function targetIdOf(service: PrivateLinkService): string {
  return `${SUBSCRIPTION}/resourceGroups/rg-shop/providers/${PRIVATE_LINK_SERVICES[service].resourceType}/target-${service.toLowerCase()}`;
}

function endpointProps(dnsZones: IPrivateDnsZoneLookup, props: Partial<PrivateEndpointProps> = {}): PrivateEndpointProps {
  return {
    resourceGroup: TEST_RESOURCE_GROUP,
    name: 'pe-kv-shop-test-weu',
    subnetId: SUBNET_ID,
    targetResourceId: VAULT_ID,
    service: 'keyVault',
    subresource: 'vault',
    dnsZones,
    ...props,
  };
}

/** Central zones (all by default) and whatever the test builds with them. */
function withZones(test: (scope: Construct, zones: PrivateDnsZones) => void, zones?: readonly string[]): string {
  return Testing.synthScope((scope) => {
    test(scope, new PrivateDnsZones(scope, 'PrivateDns', { resourceGroup: { name: 'rg-dns', location: 'westeurope' }, zones, virtualNetworks: [HUB_VNET] }));
  });
}

function withEndpoint(props: Partial<PrivateEndpointProps> = {}, zones?: readonly string[]): string {
  return withZones((scope, dnsZones) => {
    new PrivateEndpoint(scope, 'Endpoint', endpointProps(dnsZones, props));
  }, zones);
}

/** `${azurerm_private_dns_zone.<key>.id}` of the zone with that name. */
function zoneReference(synth: SynthesizedStack, zoneName: string): string {
  const keys = Object.entries(synth.resource?.azurerm_private_dns_zone ?? {}).filter(([, zone]) => zone.name === zoneName).map(([key]) => key);
  expect(keys).toHaveLength(1);
  return `\${azurerm_private_dns_zone.${keys[0]}.id}`;
}

describe('PrivateEndpoint', () => {
  test('connects automatically to one sub-resource of the target, with a named NIC and the zone group of that sub-resource', () => {
    const synth = parse(withEndpoint());
    expect(onlyResource(synth, 'azurerm_private_endpoint')).toMatchObject({
      name: 'pe-kv-shop-test-weu',
      resource_group_name: 'rg-test',
      location: 'westeurope',
      subnet_id: SUBNET_ID,
      custom_network_interface_name: 'pe-kv-shop-test-weu-nic',
      private_service_connection: {
        name: 'pe-kv-shop-test-weu-vault',
        is_manual_connection: false,
        private_connection_resource_id: VAULT_ID,
        subresource_names: ['vault'],
      },
      private_dns_zone_group: {
        name: 'default',
        private_dns_zone_ids: [zoneReference(synth, 'privatelink.vaultcore.azure.net')],
      },
    });
  });

  test('passes an explicit NIC name, location and tags through', () => {
    const json = withEndpoint({ networkInterfaceName: 'nic-pe-kv-shop', location: 'northeurope', tags: { workload: 'shop' } });
    expect(json).toHaveResourceWithProperties(AzurermPrivateEndpoint, {
      custom_network_interface_name: 'nic-pe-kv-shop',
      location: 'northeurope',
      tags: { workload: 'shop' },
    });
  });

  test.each(PRIVATE_LINK_SERVICE_NAMES.flatMap((service) => subresourcesOf(service).map((subresource) => [service, subresource] as const)))(
    'the DNS zone group of %s %s points at its central zones',
    (service, subresource) => {
      let endpoint: PrivateEndpoint | undefined;
      const synth = parse(
        withZones((scope, dnsZones) => {
          endpoint = new PrivateEndpoint(scope, 'Endpoint', endpointProps(dnsZones, { service, subresource, targetResourceId: targetIdOf(service) }));
          expect(endpoint.dnsZoneIds).toEqual(privateDnsZonesFor(service, subresource).map((zone) => dnsZones.zoneId(zone)));
        }),
      );
      const resource = onlyResource(synth, 'azurerm_private_endpoint');
      expect(resource).toMatchObject({
        private_service_connection: { subresource_names: [subresource], is_manual_connection: false, private_connection_resource_id: targetIdOf(service) },
        private_dns_zone_group: { name: 'default', private_dns_zone_ids: privateDnsZonesFor(service, subresource).map((zone) => zoneReference(synth, zone)) },
      });
    },
  );

  test('an Azure Monitor scope endpoint registers in the monitor, oms, ods, agentsvc and blob zones', () => {
    const synth = parse(withEndpoint({ service: 'azureMonitor', subresource: 'azuremonitor', targetResourceId: targetIdOf('azureMonitor') }));
    const zoneIds = (onlyResource(synth, 'azurerm_private_endpoint').private_dns_zone_group as { private_dns_zone_ids: string[] }).private_dns_zone_ids;
    expect(zoneIds).toEqual(
      [
        'privatelink.monitor.azure.com',
        'privatelink.oms.opinsights.azure.com',
        'privatelink.ods.opinsights.azure.com',
        'privatelink.agentsvc.azure-automation.net',
        'privatelink.blob.core.windows.net',
      ].map((zone) => zoneReference(synth, zone)),
    );
  });

  test('accepts references (tokens) for the subnet and target, and any lookup', () => {
    const lookup: IPrivateDnsZoneLookup = { zoneId: (zone) => `/zones/${zone}` };
    const synth = parse(
      Testing.synthScope((scope) => {
        const endpoint = new PrivateEndpoint(scope, 'Endpoint', endpointProps(lookup, { subnetId: TOKEN, targetResourceId: TOKEN, name: 'pe-x' }));
        expect(endpoint.dnsZoneIds).toEqual(['/zones/privatelink.vaultcore.azure.net']);
        expect(endpoint.privateEndpointId).toMatch(/^\$\{TfToken\[/);
      }),
    );
    expect(onlyResource(synth, 'azurerm_private_endpoint')).toMatchObject({
      subnet_id: 'unknown',
      private_service_connection: { private_connection_resource_id: 'unknown' },
      private_dns_zone_group: { private_dns_zone_ids: ['/zones/privatelink.vaultcore.azure.net'] },
    });
  });

  test('fails on an unknown sub-resource, listing the valid ones', () => {
    expect(() => withEndpoint({ subresource: 'vaults' })).toThrow(
      "PrivateEndpoint 'pe-kv-shop-test-weu': Private Link service keyVault has no sub-resource 'vaults'; did you mean 'vault'? Valid sub-resources: vault",
    );
    expect(() => withEndpoint({ service: 'storage', subresource: 'blobs', targetResourceId: targetIdOf('storage') })).toThrow(/no sub-resource 'blobs'; did you mean 'blob'\?/);
  });

  test('fails when the lookup has no zone for the sub-resource, naming the zone and the service', () => {
    expect(() => withEndpoint({}, privateDnsZonesOfServices(['storage']))).toThrow(
      "PrivateEndpoint 'pe-kv-shop-test-weu': PrivateDnsZones 'PrivateDns': zone 'privatelink.vaultcore.azure.net' (used by keyVault vault) was not created; add it to zones, e.g. zones: privateDnsZonesOfServices(['keyVault', ...])",
    );
    // Azure Monitor needs five zones: a lookup holding only the blob zone names the first one missing.
    expect(() => withEndpoint({ service: 'azureMonitor', subresource: 'azuremonitor', targetResourceId: targetIdOf('azureMonitor') }, ['privatelink.blob.core.windows.net'])).toThrow(
      /zone 'privatelink\.monitor\.azure\.com' \(used by azureMonitor azuremonitor\) was not created/,
    );
  });

  test.each<[string, Partial<PrivateEndpointProps>, RegExp]>([
    ['a name with a space', { name: 'pe kv' }, /PrivateEndpoint 'pe kv': name 'pe kv' is not a valid private endpoint name \(letters, digits, underscores, periods and hyphens/],
    ['a name too long', { name: `pe-${'x'.repeat(62)}` }, /name 'pe-x+' is 65 characters; Azure allows 2-64 for private endpoint names/],
    ['a NIC name ending with a hyphen', { networkInterfaceName: 'nic-' }, /networkInterfaceName 'nic-' is not a valid network interface name/],
    ['a subnet ID that is a VNet ID', { subnetId: HUB_VNET.id }, /subnetId '.*\/virtualNetworks\/vnet-hub-test-weu' is not a subnet ID; pass the private-endpoint subnet's id/],
    ['a target that is not a resource ID', { targetResourceId: 'kv-shop-test-weu' }, /targetResourceId 'kv-shop-test-weu' is not a resource ID; pass the Microsoft\.KeyVault\/vaults resource's id/],
    [
      'a target of another service',
      { targetResourceId: targetIdOf('storage') },
      /targetResourceId is a Microsoft\.Storage\/storageAccounts, but service keyVault connects to a Microsoft\.KeyVault\/vaults; pass that resource's id or the right service/,
    ],
  ])('fails on %s', (_case, props, message) => {
    expect(() => withEndpoint(props)).toThrow(message);
  });

  test('matches the target resource type case-insensitively, as ARM does', () => {
    const synth = parse(withEndpoint({ targetResourceId: VAULT_ID.replace('Microsoft.KeyVault/vaults', 'microsoft.keyvault/Vaults') }));
    expect(onlyResource(synth, 'azurerm_private_endpoint').name).toBe('pe-kv-shop-test-weu');
  });

  test('reports every problem at once', () => {
    expect(() => withEndpoint({ name: 'pe kv', subnetId: 'snet', subresource: 'vaults' })).toThrow(
      /name 'pe kv' is not a valid private endpoint name .*; subnetId 'snet' is not a subnet ID.*; Private Link service keyVault has no sub-resource 'vaults'/,
    );
  });
});

describe('PrivateEndpoint.forTarget', () => {
  const vault: IPrivateLinkTarget = { privateLinkService: 'keyVault', privateLinkResourceId: VAULT_ID };
  const storage: IPrivateLinkTarget = { privateLinkService: 'storage', privateLinkResourceId: targetIdOf('storage') };
  const defaults = { resourceGroup: TEST_RESOURCE_GROUP, name: 'pe-kv-shop-test-weu', tags: { workload: 'shop' } };

  function forTarget(target: IPrivateLinkTarget, options: Partial<PrivateEndpointOptions> = {}): string {
    return withZones((scope, dnsZones) => {
      PrivateEndpoint.forTarget(scope, 'Endpoint', target, { subnetId: SUBNET_ID, dnsZones, ...options }, defaults);
    });
  }

  test("uses the service's only sub-resource and the target's default name", () => {
    const synth = parse(forTarget(vault));
    expect(onlyResource(synth, 'azurerm_private_endpoint')).toMatchObject({
      name: 'pe-kv-shop-test-weu',
      tags: { workload: 'shop' },
      private_service_connection: { private_connection_resource_id: VAULT_ID, subresource_names: ['vault'] },
      private_dns_zone_group: { private_dns_zone_ids: [zoneReference(synth, 'privatelink.vaultcore.azure.net')] },
    });
  });

  test('takes the name and sub-resource from the options', () => {
    const synth = parse(forTarget(storage, { subresource: 'file', name: 'pe-st-file' }));
    expect(onlyResource(synth, 'azurerm_private_endpoint')).toMatchObject({
      name: 'pe-st-file',
      custom_network_interface_name: 'pe-st-file-nic',
      private_service_connection: { subresource_names: ['file'] },
      private_dns_zone_group: { private_dns_zone_ids: [zoneReference(synth, 'privatelink.file.core.windows.net')] },
    });
  });

  test('fails without a sub-resource for a service that has several', () => {
    expect(() => forTarget(storage)).toThrow(
      "PrivateEndpoint 'pe-kv-shop-test-weu': Private Link service storage has several sub-resources (blob, blob_secondary, file, file_secondary, queue, queue_secondary, table, table_secondary, dfs, dfs_secondary, web, web_secondary); pass the one to connect to",
    );
  });
});
