/**
 * Topology (peering connectivity, the VirtualNetwork tag) and effective routes of a subnet, the way Azure computes
 * them: system routes plus the user-defined routes of the associated route table, longest prefix match, a UDR
 * winning a tie with a system route.
 */
import { Cidr } from '../lib/cidr';
import { PRIVATE_RANGE_PREFIXES, inRange, parsePrefix } from './ip';
import { ApplianceHop, NetworkModel, Peering, RouteTable, Subnet, UserRoute, VirtualNetwork } from './model';
import { UnresolvedReference } from './references';

/** One effective route of a subnet. */
export interface EffectiveRoute {
  readonly prefix: Cidr;
  /** VnetLocal, VNetPeering, Internet, None, VirtualAppliance or VirtualNetworkGateway. */
  readonly nextHopType: string;
  readonly source: 'system' | 'user';
  /** The UDR, for user routes. */
  readonly route?: UserRoute;
  readonly appliance?: ApplianceHop;
}

export function vnetOf(model: NetworkModel, subnet: Subnet): VirtualNetwork | undefined {
  return model.vnets.find((vnet) => vnet.key === subnet.vnetKey);
}

export function routeTableOf(model: NetworkModel, subnet: Subnet): RouteTable | undefined {
  return model.routeTables.find((table) => table.key === subnet.routeTableKey);
}

/** The peering from `from` to `to`, if any. */
export function peeringBetween(model: NetworkModel, from: string, to: string): Peering | undefined {
  return model.peerings.find((p) => p.vnetKey === from && p.remoteVnetKey === to);
}

/** Two VNets are connected only when each has a peering to the other that allows virtual network access. */
export function areConnected(model: NetworkModel, a: string, b: string): boolean {
  const there = peeringBetween(model, a, b);
  const back = peeringBetween(model, b, a);
  return a !== b && there?.allowVirtualNetworkAccess === true && back?.allowVirtualNetworkAccess === true;
}

/** VNets connected to `vnetKey` by peering, in model order. */
export function connectedVnets(model: NetworkModel, vnetKey: string): VirtualNetwork[] {
  return model.vnets.filter((other) => areConnected(model, vnetKey, other.key));
}

/**
 * What the VirtualNetwork service tag covers for an NSG on `subnet`: its VNet's address space, the address spaces
 * of peered VNets, and the prefixes of the UDRs on the subnet (so a 0.0.0.0/0 UDR makes it match everything).
 */
export function virtualNetworkTag(model: NetworkModel, subnet: Subnet): Cidr[] {
  const vnet = vnetOf(model, subnet);
  if (!vnet) return [];
  const peered = connectedVnets(model, vnet.key).flatMap((other) => other.addressSpace);
  const udrs = (routeTableOf(model, subnet)?.routes ?? []).map((route) => route.prefix);
  return [...vnet.addressSpace, ...peered, ...udrs];
}

const INTERNET = parsePrefix('0.0.0.0/0') as Cidr;

/**
 * Effective routes of a subnet. The None routes for the private ranges stay active (an assumption: Azure replaces
 * them only for ranges used by the VNet's or a peered VNet's address space, which the longer VnetLocal and
 * VNetPeering prefixes already cover).
 */
export function effectiveRoutes(model: NetworkModel, subnet: Subnet): EffectiveRoute[] {
  const vnet = vnetOf(model, subnet);
  const system: EffectiveRoute[] = [
    ...(vnet?.addressSpace ?? []).map((prefix) => ({ prefix, nextHopType: 'VnetLocal', source: 'system' as const })),
    ...(vnet ? connectedVnets(model, vnet.key) : []).flatMap((other) =>
      other.addressSpace.map((prefix) => ({ prefix, nextHopType: 'VNetPeering', source: 'system' as const })),
    ),
    { prefix: INTERNET, nextHopType: 'Internet', source: 'system' },
    ...PRIVATE_RANGE_PREFIXES.map((prefix) => ({ prefix, nextHopType: 'None', source: 'system' as const })),
  ];
  const user: EffectiveRoute[] = (routeTableOf(model, subnet)?.routes ?? []).map((route) => ({
    prefix: route.prefix,
    nextHopType: route.nextHopType,
    source: 'user',
    route,
    ...(route.appliance ? { appliance: route.appliance } : {}),
  }));
  return [...user, ...system];
}

/** Longest prefix match; on an equal prefix a user route beats a system route (user routes come first). */
export function selectRoute(routes: readonly EffectiveRoute[], ip: bigint): EffectiveRoute | undefined {
  let best: EffectiveRoute | undefined;
  for (const route of routes) {
    if (inRange(ip, route.prefix) && (!best || route.prefix.prefixLength > best.prefix.prefixLength)) best = route;
  }
  return best;
}

/** Unresolved facts that make any verdict about traffic from or to `subnet` unknown. */
export function unresolvedAround(model: NetworkModel, subnet: Subnet): UnresolvedReference[] {
  const nsg = model.securityGroups.find((g) => g.key === subnet.nsgKey);
  return [...model.unresolved, ...subnet.unresolved, ...(vnetOf(model, subnet)?.unresolved ?? []), ...(nsg?.unresolved ?? []), ...(routeTableOf(model, subnet)?.unresolved ?? [])];
}
