/**
 * Private Link services, their sub-resources (the group IDs a private endpoint connects to) and the private DNS zones
 * each sub-resource's records go to, for the Azure public cloud. Source: Microsoft's "Azure Private Endpoint private
 * DNS zone values" list (the same names the Azure Verified Module avm-ptn-network-private-link-private-dns-zones
 * creates). A zone appears once however many sub-resources use it: the Azure Monitor scope writes its solution-pack
 * records to the Storage blob zone, App Service writes `<app>.scm` records to privatelink.azurewebsites.net, and
 * Container Registry writes its `<registry>.<region>.data` records to privatelink.azurecr.io.
 */
import { closestMatch } from './suggest';

/** One Private Link service: the ARM type of the resource a private endpoint targets and its sub-resources. */
export interface PrivateLinkServiceDefinition {
  /** ARM resource type of the target, e.g. `Microsoft.KeyVault/vaults`. */
  readonly resourceType: string;
  /** Sub-resource (group ID) -> the private DNS zones its records go to. */
  readonly subresources: { readonly [subresource: string]: readonly string[] };
}

const BLOB_ZONE = 'privatelink.blob.core.windows.net';

export const PRIVATE_LINK_SERVICES = {
  keyVault: {
    resourceType: 'Microsoft.KeyVault/vaults',
    subresources: { vault: ['privatelink.vaultcore.azure.net'] },
  },
  storage: {
    resourceType: 'Microsoft.Storage/storageAccounts',
    subresources: {
      blob: [BLOB_ZONE],
      blob_secondary: [BLOB_ZONE],
      file: ['privatelink.file.core.windows.net'],
      file_secondary: ['privatelink.file.core.windows.net'],
      queue: ['privatelink.queue.core.windows.net'],
      queue_secondary: ['privatelink.queue.core.windows.net'],
      table: ['privatelink.table.core.windows.net'],
      table_secondary: ['privatelink.table.core.windows.net'],
      dfs: ['privatelink.dfs.core.windows.net'],
      dfs_secondary: ['privatelink.dfs.core.windows.net'],
      web: ['privatelink.web.core.windows.net'],
      web_secondary: ['privatelink.web.core.windows.net'],
    },
  },
  sql: {
    resourceType: 'Microsoft.Sql/servers',
    subresources: { sqlServer: ['privatelink.database.windows.net'] },
  },
  appService: {
    resourceType: 'Microsoft.Web/sites',
    subresources: { sites: ['privatelink.azurewebsites.net'] },
  },
  containerRegistry: {
    resourceType: 'Microsoft.ContainerRegistry/registries',
    subresources: { registry: ['privatelink.azurecr.io'] },
  },
  cosmosDb: {
    resourceType: 'Microsoft.DocumentDB/databaseAccounts',
    subresources: {
      Sql: ['privatelink.documents.azure.com'],
      MongoDB: ['privatelink.mongo.cosmos.azure.com'],
      Cassandra: ['privatelink.cassandra.cosmos.azure.com'],
      Gremlin: ['privatelink.gremlin.cosmos.azure.com'],
      Table: ['privatelink.table.cosmos.azure.com'],
    },
  },
  azureMonitor: {
    resourceType: 'Microsoft.Insights/privateLinkScopes',
    subresources: {
      azuremonitor: [
        'privatelink.monitor.azure.com',
        'privatelink.oms.opinsights.azure.com',
        'privatelink.ods.opinsights.azure.com',
        'privatelink.agentsvc.azure-automation.net',
        BLOB_ZONE,
      ],
    },
  },
} as const satisfies { readonly [service: string]: PrivateLinkServiceDefinition };

export type PrivateLinkService = keyof typeof PRIVATE_LINK_SERVICES;

/** Every service name, in table order. */
export const PRIVATE_LINK_SERVICE_NAMES = Object.keys(PRIVATE_LINK_SERVICES) as readonly PrivateLinkService[];

function definitionOf(service: PrivateLinkService): PrivateLinkServiceDefinition {
  if (!Object.prototype.hasOwnProperty.call(PRIVATE_LINK_SERVICES, service)) {
    const suggestion = closestMatch(service, PRIVATE_LINK_SERVICE_NAMES);
    throw new Error(
      `'${service}' is not a Private Link service of lib/private-link-zones.ts${suggestion ? `; did you mean '${suggestion}'?` : '.'}` +
        ` Known services: ${PRIVATE_LINK_SERVICE_NAMES.join(', ')}`,
    );
  }
  return PRIVATE_LINK_SERVICES[service];
}

/** The sub-resources (group IDs) of a service, in table order. */
export function subresourcesOf(service: PrivateLinkService): readonly string[] {
  return Object.keys(definitionOf(service).subresources);
}

/** The private DNS zones the records of one sub-resource go to; throws naming the valid sub-resources otherwise. */
export function privateDnsZonesFor(service: PrivateLinkService, subresource: string): readonly string[] {
  const { subresources } = definitionOf(service);
  const zones = Object.prototype.hasOwnProperty.call(subresources, subresource) ? subresources[subresource] : undefined;
  if (zones === undefined) {
    const valid = Object.keys(subresources);
    const suggestion = closestMatch(subresource, valid);
    throw new Error(
      `Private Link service ${service} has no sub-resource '${subresource}'${suggestion ? `; did you mean '${suggestion}'?` : '.'}` +
        ` Valid sub-resources: ${valid.join(', ')}`,
    );
  }
  return zones;
}

/** The sub-resource to use when none is given: the service's only one; throws when it has several. */
export function defaultSubresourceOf(service: PrivateLinkService): string {
  const subresources = subresourcesOf(service);
  const [only] = subresources;
  if (subresources.length !== 1 || only === undefined) {
    throw new Error(`Private Link service ${service} has several sub-resources (${subresources.join(', ')}); pass the one to connect to`);
  }
  return only;
}

function uniqueSorted(zones: Iterable<string>): readonly string[] {
  return [...new Set(zones)].sort();
}

/** The zones every sub-resource of the given services needs, unique and sorted. */
export function privateDnsZonesOfServices(services: readonly PrivateLinkService[]): readonly string[] {
  return uniqueSorted(services.flatMap((service) => Object.values(definitionOf(service).subresources).flat()));
}

/** Every zone of the table, unique and sorted. */
export const ALL_PRIVATE_DNS_ZONES: readonly string[] = privateDnsZonesOfServices(PRIVATE_LINK_SERVICE_NAMES);

/** One use of a zone: a sub-resource of a service whose records go to it. */
export interface PrivateDnsZoneUse {
  readonly service: PrivateLinkService;
  readonly subresource: string;
}

/** The sub-resources whose records go to a zone (none for a zone outside the table), in table order. */
export function privateLinkUsesOfZone(zone: string): readonly PrivateDnsZoneUse[] {
  return PRIVATE_LINK_SERVICE_NAMES.flatMap((service) =>
    Object.entries(definitionOf(service).subresources)
      .filter(([, zones]) => zones.includes(zone))
      .map(([subresource]) => ({ service, subresource })),
  );
}

/**
 * TCP ports a private endpoint of a sub-resource listens on, so the subnet that holds it (and the tiers that call it)
 * can open exactly those: 1433 for Azure SQL (the `SqlServer` construct uses the Proxy connection policy, which needs
 * nothing else), 445 besides 443 for Azure Files (SMB), the API ports of Cosmos DB's MongoDB and Cassandra APIs, and
 * 443 for every other HTTPS service.
 */
export function privateEndpointPortsFor(service: PrivateLinkService, subresource: string): readonly string[] {
  privateDnsZonesFor(service, subresource); // validates the pair with a helpful message
  if (service === 'sql') return ['1433'];
  if (service === 'storage' && subresource.startsWith('file')) return ['443', '445'];
  if (service === 'cosmosDb' && subresource === 'MongoDB') return ['443', '10255'];
  if (service === 'cosmosDb' && subresource === 'Cassandra') return ['443', '10350'];
  return ['443'];
}
