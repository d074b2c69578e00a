/**
 * Topology (peering connectivity, the VirtualNetwork tag) and effective routes of a subnet, the way Azure computes
 * them: system routes plus the user-defined routes of the associated route table, longest prefix match, a UDR
 * winning a tie with a system route.
 */
import { Cidr } from '../lib/cidr';
import { PRIVATE_RANGE_PREFIXES, inRange, parsePrefix } from '../lib/ip';
import { ApplianceHop, NetworkModel, Peering, RouteTable, SecurityGroup, Subnet, UserRoute, VirtualNetwork } from './model';
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

/**
 * Per-model caches of derived facts (effective routes, VirtualNetwork tags, connected VNets, lookups), so checking
 * thousands of flows over one model (the synth gate, the matrix, a review) does not recompute them per flow. A model
 * is not changed after `buildNetworkModel`; a changed output is a new model.
 */
const caches = new WeakMap<NetworkModel, Map<string, unknown>>();

export function memoized<T>(model: NetworkModel, key: string, compute: () => T): T {
  let cache = caches.get(model);
  if (!cache) caches.set(model, (cache = new Map()));
  if (!cache.has(key)) cache.set(key, compute());
  return cache.get(key) as T;
}

/**
 * `memoized` for one fact of many elements (the effective routes of each subnet): a table per `family`, looked up by
 * the element's key as is, so a lookup per flow builds no key string.
 */
export function memoizedFor<T>(model: NetworkModel, family: string, key: string, compute: () => T): T {
  const table = memoized(model, family, () => new Map<string, T>());
  let value = table.get(key);
  if (value === undefined && !table.has(key)) table.set(key, (value = compute()));
  return value as T;
}

const BY_KEY_MEMO = { vnets: 'by-key:vnets', routeTables: 'by-key:routeTables', securityGroups: 'by-key:securityGroups', subnets: 'by-key:subnets' } as const;

/** An element of one of the model's lists by its key. */
export function byKey<T extends { readonly key: string }>(model: NetworkModel, list: 'vnets' | 'routeTables' | 'securityGroups' | 'subnets', key: string | undefined): T | undefined {
  if (key === undefined) return undefined;
  const index = memoized(model, BY_KEY_MEMO[list], () => new Map((model[list] as readonly { key: string }[]).map((item) => [item.key, item])));
  return index.get(key) as T | undefined;
}

export function vnetOf(model: NetworkModel, subnet: Subnet): VirtualNetwork | undefined {
  return byKey<VirtualNetwork>(model, 'vnets', subnet.vnetKey);
}

export function routeTableOf(model: NetworkModel, subnet: Subnet): RouteTable | undefined {
  return byKey<RouteTable>(model, 'routeTables', subnet.routeTableKey);
}

/** The peering from `from` to `to`, if any (the first one, as Azure allows one per pair). */
export function peeringBetween(model: NetworkModel, from: string, to: string): Peering | undefined {
  const index = memoized(model, 'peerings-by-pair', () => {
    const pairs = new Map<string, Map<string, Peering>>();
    for (const p of model.peerings) {
      const fromVnet = pairs.get(p.vnetKey) ?? new Map<string, Peering>();
      pairs.set(p.vnetKey, fromVnet);
      if (!fromVnet.has(p.remoteVnetKey)) fromVnet.set(p.remoteVnetKey, p);
    }
    return pairs;
  });
  return index.get(from)?.get(to);
}

/** Two VNets are connected only when each has a peering to the other that allows virtual network access. */
export function areConnected(model: NetworkModel, a: string, b: string): boolean {
  const there = peeringBetween(model, a, b);
  const back = peeringBetween(model, b, a);
  return a !== b && there?.allowVirtualNetworkAccess === true && back?.allowVirtualNetworkAccess === true;
}

/** VNets connected to `vnetKey` by peering, in model order. */
export function connectedVnets(model: NetworkModel, vnetKey: string): VirtualNetwork[] {
  return memoizedFor(model, 'connected', vnetKey, () => model.vnets.filter((other) => areConnected(model, vnetKey, other.key)));
}

/**
 * What the VirtualNetwork service tag covers for an NSG on `subnet`: its VNet's address space, the address spaces
 * of peered VNets, and the prefixes of the UDRs on the subnet (so a 0.0.0.0/0 UDR makes it match everything).
 */
export function virtualNetworkTag(model: NetworkModel, subnet: Subnet): Cidr[] {
  return memoizedFor(model, 'tag', subnet.key, () => computeVirtualNetworkTag(model, subnet));
}

function computeVirtualNetworkTag(model: NetworkModel, subnet: Subnet): Cidr[] {
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
  return memoizedFor(model, 'routes', subnet.key, () => computeEffectiveRoutes(model, subnet));
}

function computeEffectiveRoutes(model: NetworkModel, subnet: Subnet): EffectiveRoute[] {
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
  return memoizedFor(model, 'unresolved', subnet.key, () => computeUnresolvedAround(model, subnet));
}

function computeUnresolvedAround(model: NetworkModel, subnet: Subnet): UnresolvedReference[] {
  const nsg = byKey<SecurityGroup>(model, 'securityGroups', subnet.nsgKey);
  return [...model.unresolved, ...subnet.unresolved, ...(vnetOf(model, subnet)?.unresolved ?? []), ...(nsg?.unresolved ?? []), ...(routeTableOf(model, subnet)?.unresolved ?? [])];
}
