/**
 * Three-valued matching of one flow against rule fields, shared by NSG and firewall evaluation. 'unknown' comes
 * from unresolved references and must never turn into an allow.
 */
import { Cidr } from '../lib/cidr';
import { AZURE_PLATFORM_IP, inRange, isInternetAddress, parseIpv4 } from '../lib/ip';
import { AddressItem, PortItem } from './model';
import { UnresolvedReference } from './references';

export type Tri = 'yes' | 'no' | 'unknown';

/** One side of a flow as rules see it. */
export interface FlowEndpoint {
  readonly ip: bigint;
  /** Service tags the caller says this address belongs to (e.g. `AzureCloud`, `Storage`). */
  readonly serviceTags: readonly string[];
  /** Application security groups (names or `azurerm_application_security_group.<id>` addresses) of the endpoint. */
  readonly applicationSecurityGroups: readonly string[];
}

export type Protocol = 'Tcp' | 'Udp' | 'Icmp';

/** The flow being matched: protocol and destination port (the source port is an unspecified ephemeral one). */
export interface FlowSpec {
  readonly protocol: Protocol;
  readonly port: number;
}

/** Result of matching a rule: the first unresolved reference met explains an 'unknown'. */
export interface MatchResult {
  readonly match: Tri;
  readonly unresolved?: UnresolvedReference;
}

const PLATFORM_IP = parseIpv4(AZURE_PLATFORM_IP) as bigint;

/**
 * Does `endpoint` fall in an address list? `virtualNetwork` is what the `VirtualNetwork` tag covers for the NSG
 * being evaluated (undefined outside NSGs: then the tag only matches endpoints that list it).
 */
export function matchAddresses(items: readonly AddressItem[], endpoint: FlowEndpoint, virtualNetwork?: readonly Cidr[]): MatchResult {
  return any(items, (item) => matchAddress(item, endpoint, virtualNetwork));
}

function matchAddress(item: AddressItem, endpoint: FlowEndpoint, virtualNetwork?: readonly Cidr[]): MatchResult {
  switch (item.kind) {
    case 'any':
      return yesNo(true);
    case 'range':
      return yesNo(inRange(endpoint.ip, item));
    case 'asg':
      return yesNo(endpoint.applicationSecurityGroups.some((asg) => asg === item.name || asg === item.resource));
    case 'unresolved':
      return { match: 'unknown', unresolved: item.reference };
    case 'tag':
      return yesNo(matchTag(item.tag, endpoint, virtualNetwork));
  }
}

/** Service tags: Internet, AzureLoadBalancer and VirtualNetwork are computed; any other tag must be listed. */
function matchTag(tag: string, endpoint: FlowEndpoint, virtualNetwork?: readonly Cidr[]): boolean {
  const listed = endpoint.serviceTags.some((t) => t.toLowerCase() === tag.toLowerCase());
  switch (tag.toLowerCase()) {
    case 'internet':
      return isInternetAddress(endpoint.ip) || listed;
    case 'azureloadbalancer':
      return endpoint.ip === PLATFORM_IP || listed;
    case 'virtualnetwork':
      return (virtualNetwork ?? []).some((prefix) => inRange(endpoint.ip, prefix)) || listed;
    default:
      return listed;
  }
}

/** Does `port` fall in a port list? An empty list means the field was not set, i.e. any port. */
export function matchPorts(items: readonly PortItem[], port: number): MatchResult {
  if (items.length === 0) return yesNo(true);
  return any(items, (item) => ('unresolved' in item ? { match: 'unknown', unresolved: item.unresolved } : yesNo(item.from <= port && port <= item.to)));
}

/** The flow's ephemeral source port is unknown, so only a rule allowing every source port matches. */
export function matchSourcePorts(items: readonly PortItem[]): MatchResult {
  if (items.length === 0) return yesNo(true);
  return any(items, (item) => ('unresolved' in item ? { match: 'unknown', unresolved: item.unresolved } : yesNo(item.from === 0 && item.to === 65535)));
}

/** Conjunction: 'no' wins over 'unknown' (a rule that cannot match whatever the unknown value is does not match). */
export function all(results: readonly MatchResult[]): MatchResult {
  return every(results, (result) => result);
}

/** `all` of the items' tests, run in order and stopped at the first 'no', which decides (later tests are not run). */
export function every<T>(items: readonly T[], test: (item: T) => MatchResult): MatchResult {
  return firstDecisive(items, test, 'no', true);
}

/** Disjunction: 'yes' wins over 'unknown'; the items are tested in order and the first 'yes' decides. */
function any<T>(items: readonly T[], test: (item: T) => MatchResult): MatchResult {
  return firstDecisive(items, test, 'yes', false);
}

/** The first result that is `decisive`, else the first 'unknown', else `otherwise`; tests after a decisive one are not run. */
function firstDecisive<T>(items: readonly T[], test: (item: T) => MatchResult, decisive: 'yes' | 'no', otherwise: boolean): MatchResult {
  let unknown: MatchResult | undefined;
  for (const item of items) {
    const result = test(item);
    if (result.match === decisive) return result;
    if (result.match === 'unknown') unknown ??= result;
  }
  return unknown ?? yesNo(otherwise);
}

export function yesNo(value: boolean): MatchResult {
  return { match: value ? 'yes' : 'no' };
}
