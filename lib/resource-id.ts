/** Parsing of Azure Resource Manager IDs, so constructs import existing resources without a provider call. */

/** The parts of `/subscriptions/<s>/resourceGroups/<rg>/providers/<namespace>/<type>/<name>`. */
export interface ParsedResourceId {
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  /** `Microsoft.KeyVault/vaults`, as written in the ID. */
  readonly resourceType: string;
  readonly name: string;
}

const RESOURCE_ID = /^\/subscriptions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/resourceGroups\/([-\w.()]{1,90})\/providers\/([A-Za-z0-9.]+\/[A-Za-z0-9]+)\/([^/]+)$/i;

/**
 * Parses a top-level resource ID of the given ARM type (case-insensitive, as ARM compares them). Throws an error that
 * names the caller, the value and the expected shape when the ID is malformed or of another type.
 */
export function parseResourceId(resourceId: string, resourceType: string, caller: string): ParsedResourceId {
  const shape = `/subscriptions/<subscription GUID>/resourceGroups/<group>/providers/${resourceType}/<name>`;
  const match = RESOURCE_ID.exec(resourceId);
  if (!match) throw new Error(`${caller}: '${resourceId}' is not a ${resourceType} resource ID; expected ${shape}`);
  const [, subscriptionId, resourceGroupName, type, name] = match as unknown as [string, string, string, string, string];
  if (type.toLowerCase() !== resourceType.toLowerCase()) {
    throw new Error(`${caller}: '${resourceId}' is a ${type}, not a ${resourceType}; expected ${shape}`);
  }
  return { subscriptionId, resourceGroupName, resourceType: type, name };
}

/** The parts of a subnet ID: `.../providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>`. */
export interface ParsedSubnetId {
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  readonly virtualNetworkName: string;
  readonly name: string;
}

/** Parses a subnet ID; throws a clear error when it is malformed. */
export function parseSubnetId(subnetId: string, caller: string): ParsedSubnetId {
  const match = /^(.+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+)\/subnets\/([^/]+)$/i.exec(subnetId);
  if (!match) {
    throw new Error(`${caller}: '${subnetId}' is not a subnet ID; expected /subscriptions/<subscription GUID>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>`);
  }
  const network = parseResourceId(match[1] as string, 'Microsoft.Network/virtualNetworks', caller);
  return { subscriptionId: network.subscriptionId, resourceGroupName: network.resourceGroupName, virtualNetworkName: network.name, name: match[2] as string };
}
