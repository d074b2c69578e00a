/**
 * NSG evaluation as Azure does it: the rules of one direction by ascending priority, first match decides, with
 * Azure's default rules after the custom ones.
 */
import { Cidr } from '../lib/cidr';
import { FlowEndpoint, FlowSpec, MatchResult, all, matchAddresses, matchPorts, matchSourcePorts, yesNo } from './match';
import { EVERY_PORT, addressValue } from '../lib/rule-fields';
import { SecurityGroup, SecurityRule } from './model';
import { UnresolvedReference } from './references';

export type Direction = 'Inbound' | 'Outbound';

/** What an NSG decided for one direction of a flow. */
export type NsgOutcome =
  | { readonly access: 'Allow' | 'Deny'; readonly rule: SecurityRule; readonly isDefault: boolean }
  | { readonly access: 'unknown'; readonly unresolved: UnresolvedReference; readonly rule?: SecurityRule };

const ANY_PORT = [EVERY_PORT];

function defaultRule(name: string, priority: number, direction: Direction, access: 'Allow' | 'Deny', source: string, destination: string): SecurityRule {
  return {
    name,
    priority,
    direction,
    access,
    protocol: '*',
    sourceAddresses: [addressValue(source)],
    destinationAddresses: [addressValue(destination)],
    sourcePorts: ANY_PORT,
    destinationPorts: ANY_PORT,
    resource: '(Azure default rule)',
    stack: '',
  };
}

/** Azure's default security rules, present in every NSG after the custom ones. */
export const DEFAULT_RULES: readonly SecurityRule[] = [
  defaultRule('AllowVnetInBound', 65000, 'Inbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
  defaultRule('AllowAzureLoadBalancerInBound', 65001, 'Inbound', 'Allow', 'AzureLoadBalancer', '*'),
  defaultRule('DenyAllInBound', 65500, 'Inbound', 'Deny', '*', '*'),
  defaultRule('AllowVnetOutBound', 65000, 'Outbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
  defaultRule('AllowInternetOutBound', 65001, 'Outbound', 'Allow', '*', 'Internet'),
  defaultRule('DenyAllOutBound', 65500, 'Outbound', 'Deny', '*', '*'),
];

/** The flow as an NSG on one subnet sees it. */
export interface NsgFlow extends FlowSpec {
  readonly source: FlowEndpoint;
  readonly destination: FlowEndpoint;
}

/**
 * Evaluates `nsg` for one direction. `virtualNetwork` is what the VirtualNetwork tag covers for the subnet the NSG
 * is applied on. An unresolved rule reached before any match makes the outcome unknown.
 */
export function evaluateNsg(nsg: SecurityGroup, direction: Direction, flow: NsgFlow, virtualNetwork: readonly Cidr[]): NsgOutcome {
  const [unresolved] = nsg.unresolved;
  if (unresolved) return { access: 'unknown', unresolved };
  const custom = nsg.rules.filter((rule) => rule.direction === direction);
  const defaults = DEFAULT_RULES.filter((rule) => rule.direction === direction);
  for (const rule of [...custom, ...defaults]) {
    const result = matchRule(rule, flow, virtualNetwork);
    if (result.match === 'yes') return { access: rule.access, rule, isDefault: defaults.includes(rule) };
    if (result.match === 'unknown') return { access: 'unknown', unresolved: result.unresolved as UnresolvedReference, rule };
  }
  // Unreachable: DenyAll matches everything.
  throw new Error(`no rule of ${nsg.name} matched`);
}

function matchRule(rule: SecurityRule, flow: NsgFlow, virtualNetwork: readonly Cidr[]): MatchResult {
  return all([
    matchProtocol(rule.protocol, flow.protocol),
    matchAddresses(rule.sourceAddresses, flow.source, virtualNetwork),
    matchAddresses(rule.destinationAddresses, flow.destination, virtualNetwork),
    matchSourcePorts(rule.sourcePorts),
    // ICMP has no ports: Azure ignores port ranges for it.
    flow.protocol === 'Icmp' ? yesNo(true) : matchPorts(rule.destinationPorts, flow.port),
  ]);
}

function matchProtocol(protocol: string, flow: FlowSpec['protocol']): MatchResult {
  return yesNo(protocol === '*' || protocol.toLowerCase() === flow.toLowerCase());
}
