/** Azure's rules for the fixed-name hub subnets, shared by config validation and the hub constructs. */
import { Cidr, contains } from './cidr';
import { PropertyProblem } from './property-problems';

/** Hub subnet names, which Azure fixes. */
export const HUB_SUBNET_NAMES = ['AzureFirewallSubnet', 'AzureFirewallManagementSubnet', 'AzureBastionSubnet', 'GatewaySubnet'] as const;
export type HubSubnetName = (typeof HUB_SUBNET_NAMES)[number];

/** Smallest prefix Azure accepts for each special hub subnet. */
export const MINIMUM_PREFIX_LENGTH: Readonly<Record<HubSubnetName, number>> = {
  AzureFirewallSubnet: 26,
  AzureFirewallManagementSubnet: 26,
  AzureBastionSubnet: 26,
  GatewaySubnet: 27,
};

/** Returns what is wrong with a special subnet's prefix (size, placement), or an empty list. */
export function hubSubnetProblems(name: HubSubnetName, prefix: Cidr, addressSpace: readonly Cidr[]): string[] {
  const problems: string[] = [];
  const minimum = MINIMUM_PREFIX_LENGTH[name];
  if (prefix.prefixLength > minimum) {
    problems.push(`${prefix.text} is a /${prefix.prefixLength}, but Azure requires at least /${minimum} for ${name}; use a /${minimum} or larger prefix`);
  }
  if (!addressSpace.some((space) => contains(space, prefix))) {
    problems.push(`${prefix.text} is outside the address space (${addressSpace.map((s) => s.text).join(', ')}); pick a prefix inside it`);
  }
  return problems;
}

/** Smallest subnet Azure allows at all (the platform private-endpoint subnet has no larger minimum). */
export const SMALLEST_SUBNET_PREFIX_LENGTH = 29;

/**
 * The hub's platform private-endpoint subnet: a /29 or larger inside the address space (HubVirtualNetwork's
 * `privateEndpointSubnet`, the config's `hub.subnets.privateEndpoints`).
 */
export function hubPrivateEndpointSubnetProblems(prefix: Cidr, addressSpace: readonly Cidr[]): PropertyProblem[] {
  const problems: PropertyProblem[] = [];
  const path = 'privateEndpointSubnet';
  if (!addressSpace.some((space) => contains(space, prefix))) {
    problems.push({ path, message: `${prefix.text} is outside the address space (${addressSpace.map((s) => s.text).join(', ')})`, fix: 'pick a prefix inside it' });
  }
  if (prefix.prefixLength > SMALLEST_SUBNET_PREFIX_LENGTH) {
    problems.push({ path, message: `${prefix.text} is a /${prefix.prefixLength}, but Azure subnets are at least /${SMALLEST_SUBNET_PREFIX_LENGTH}`, fix: `use a /${SMALLEST_SUBNET_PREFIX_LENGTH} or larger prefix` });
  }
  return problems;
}
