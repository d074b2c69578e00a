import {
  ALL_PRIVATE_DNS_ZONES,
  defaultSubresourceOf,
  PRIVATE_LINK_SERVICE_NAMES,
  PRIVATE_LINK_SERVICES,
  PrivateLinkService,
  privateDnsZonesFor,
  privateDnsZonesOfServices,
  privateLinkUsesOfZone,
  subresourcesOf,
} from '../../lib/private-link-zones';

const EVERY_SUBRESOURCE = PRIVATE_LINK_SERVICE_NAMES.flatMap((service) => subresourcesOf(service).map((sub) => [service, sub] as const));
const MONITOR_ZONES = [
  'privatelink.monitor.azure.com',
  'privatelink.oms.opinsights.azure.com',
  'privatelink.ods.opinsights.azure.com',
  'privatelink.agentsvc.azure-automation.net',
  'privatelink.blob.core.windows.net',
];

describe('Private Link zone table', () => {
  test('has the services the landing zone connects privately, with their ARM resource types', () => {
    expect(Object.fromEntries(PRIVATE_LINK_SERVICE_NAMES.map((s) => [s, PRIVATE_LINK_SERVICES[s].resourceType]))).toEqual({
      keyVault: 'Microsoft.KeyVault/vaults',
      storage: 'Microsoft.Storage/storageAccounts',
      sql: 'Microsoft.Sql/servers',
      appService: 'Microsoft.Web/sites',
      containerRegistry: 'Microsoft.ContainerRegistry/registries',
      cosmosDb: 'Microsoft.DocumentDB/databaseAccounts',
      azureMonitor: 'Microsoft.Insights/privateLinkScopes',
    });
  });

  test.each<[PrivateLinkService, string, readonly string[]]>([
    ['keyVault', 'vault', ['privatelink.vaultcore.azure.net']],
    ['storage', 'blob', ['privatelink.blob.core.windows.net']],
    ['storage', 'blob_secondary', ['privatelink.blob.core.windows.net']],
    ['storage', 'file', ['privatelink.file.core.windows.net']],
    ['storage', 'queue', ['privatelink.queue.core.windows.net']],
    ['storage', 'table', ['privatelink.table.core.windows.net']],
    ['storage', 'dfs', ['privatelink.dfs.core.windows.net']],
    ['storage', 'web', ['privatelink.web.core.windows.net']],
    ['sql', 'sqlServer', ['privatelink.database.windows.net']],
    // `<app>.scm` records live in the same zone.
    ['appService', 'sites', ['privatelink.azurewebsites.net']],
    ['containerRegistry', 'registry', ['privatelink.azurecr.io']],
    ['cosmosDb', 'Sql', ['privatelink.documents.azure.com']],
    ['cosmosDb', 'MongoDB', ['privatelink.mongo.cosmos.azure.com']],
    ['cosmosDb', 'Cassandra', ['privatelink.cassandra.cosmos.azure.com']],
    ['cosmosDb', 'Gremlin', ['privatelink.gremlin.cosmos.azure.com']],
    ['cosmosDb', 'Table', ['privatelink.table.cosmos.azure.com']],
    ['azureMonitor', 'azuremonitor', MONITOR_ZONES],
  ])('%s %s -> %j', (service, subresource, zones) => {
    expect(privateDnsZonesFor(service, subresource)).toEqual(zones);
  });

  test('every sub-resource of every service maps to at least one well-formed privatelink zone, without repeats', () => {
    expect(EVERY_SUBRESOURCE.length).toBeGreaterThanOrEqual(20);
    for (const [service, subresource] of EVERY_SUBRESOURCE) {
      const zones = privateDnsZonesFor(service, subresource);
      expect(zones.length).toBeGreaterThan(0);
      expect(new Set(zones).size).toBe(zones.length);
      for (const zone of zones) expect(zone).toMatch(/^privatelink\.([a-z0-9-]+\.)+[a-z]{2,}$/);
    }
  });

  test('a storage secondary sub-resource uses its primary zone', () => {
    for (const kind of ['blob', 'file', 'queue', 'table', 'dfs', 'web']) {
      expect(privateDnsZonesFor('storage', `${kind}_secondary`)).toEqual(privateDnsZonesFor('storage', kind));
    }
  });

  test('ALL_PRIVATE_DNS_ZONES is every zone of the table once, sorted', () => {
    const every = EVERY_SUBRESOURCE.flatMap(([service, sub]) => privateDnsZonesFor(service, sub));
    expect(ALL_PRIVATE_DNS_ZONES).toEqual([...new Set(every)].sort());
    expect(new Set(ALL_PRIVATE_DNS_ZONES).size).toBe(ALL_PRIVATE_DNS_ZONES.length);
    expect(ALL_PRIVATE_DNS_ZONES).toHaveLength(19);
    expect(ALL_PRIVATE_DNS_ZONES).toContain('privatelink.vaultcore.azure.net');
  });

  test('privateDnsZonesOfServices gives the zones of those services only, unique and sorted', () => {
    expect(privateDnsZonesOfServices(['keyVault'])).toEqual(['privatelink.vaultcore.azure.net']);
    // The blob zone is shared by storage and Azure Monitor and listed once.
    const zones = privateDnsZonesOfServices(['azureMonitor', 'storage', 'keyVault']);
    expect(zones).toEqual([
      'privatelink.agentsvc.azure-automation.net',
      'privatelink.blob.core.windows.net',
      'privatelink.dfs.core.windows.net',
      'privatelink.file.core.windows.net',
      'privatelink.monitor.azure.com',
      'privatelink.ods.opinsights.azure.com',
      'privatelink.oms.opinsights.azure.com',
      'privatelink.queue.core.windows.net',
      'privatelink.table.core.windows.net',
      'privatelink.vaultcore.azure.net',
      'privatelink.web.core.windows.net',
    ]);
    expect(privateDnsZonesOfServices([])).toEqual([]);
    expect(privateDnsZonesOfServices(PRIVATE_LINK_SERVICE_NAMES)).toEqual(ALL_PRIVATE_DNS_ZONES);
  });

  test('fails on an unknown sub-resource, listing the valid ones and suggesting the closest', () => {
    expect(() => privateDnsZonesFor('keyVault', 'vaults')).toThrow(
      "Private Link service keyVault has no sub-resource 'vaults'; did you mean 'vault'? Valid sub-resources: vault",
    );
    expect(() => privateDnsZonesFor('storage', 'blobs')).toThrow(/no sub-resource 'blobs'; did you mean 'blob'\? Valid sub-resources: blob, blob_secondary, file, /);
    // Group IDs are matched exactly; the suggestion shows the right case.
    expect(() => privateDnsZonesFor('cosmosDb', 'sql')).toThrow(/no sub-resource 'sql'; did you mean 'Sql'\?/);
    expect(() => privateDnsZonesFor('sql', 'completely-different')).toThrow(
      "Private Link service sql has no sub-resource 'completely-different'. Valid sub-resources: sqlServer",
    );
  });

  test('fails on an unknown service (from untyped callers), suggesting the closest', () => {
    expect(() => privateDnsZonesFor('keyvault' as PrivateLinkService, 'vault')).toThrow(
      "'keyvault' is not a Private Link service of lib/private-link-zones.ts; did you mean 'keyVault'? Known services: keyVault, storage, sql,",
    );
    expect(() => privateDnsZonesOfServices(['toString' as PrivateLinkService])).toThrow(/'toString' is not a Private Link service/);
  });

  test('defaultSubresourceOf gives the only sub-resource, and fails for services with several', () => {
    expect(defaultSubresourceOf('keyVault')).toBe('vault');
    expect(defaultSubresourceOf('azureMonitor')).toBe('azuremonitor');
    expect(() => defaultSubresourceOf('cosmosDb')).toThrow(
      'Private Link service cosmosDb has several sub-resources (Sql, MongoDB, Cassandra, Gremlin, Table); pass the one to connect to',
    );
  });

  test('privateLinkUsesOfZone names every sub-resource writing to a zone', () => {
    expect(privateLinkUsesOfZone('privatelink.blob.core.windows.net')).toEqual([
      { service: 'storage', subresource: 'blob' },
      { service: 'storage', subresource: 'blob_secondary' },
      { service: 'azureMonitor', subresource: 'azuremonitor' },
    ]);
    expect(privateLinkUsesOfZone('privatelink.example.com')).toEqual([]);
  });
});
