/** Azure's rules for the fixed-name hub subnets, shared by config validation and the hub constructs. */
import { Cidr, contains } from './cidr';

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
