/**
 * NSG evaluation as Azure does it: the rules of one direction by ascending priority, first match decides, with
 * Azure's default rules after the custom ones.
 */
import { Cidr } from '../lib/cidr';
import { FlowEndpoint, FlowSpec, MatchResult, every, matchAddresses, matchPorts, matchSourcePorts, yesNo } from './match';
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
  for (const { rule, isDefault } of rulesInOrder(nsg, direction)) {
    const result = matchRule(rule, flow, virtualNetwork);
    if (result.match === 'yes') return { access: rule.access, rule, isDefault };
    if (result.match === 'unknown') return { access: 'unknown', unresolved: result.unresolved as UnresolvedReference, rule };
  }
  // Unreachable: DenyAll matches everything.
  throw new Error(`no rule of ${nsg.name} matched`);
}

/**
 * The custom rules of one direction (in the NSG's priority order), then Azure's defaults; listed once per NSG and
 * direction, as a flow check evaluates the same NSG for thousands of flows. An NSG is not changed after the model is built.
 */
const rulesByDirection = new WeakMap<SecurityGroup, Record<Direction, readonly { rule: SecurityRule; isDefault: boolean }[]>>();

function rulesInOrder(nsg: SecurityGroup, direction: Direction): readonly { rule: SecurityRule; isDefault: boolean }[] {
  let lists = rulesByDirection.get(nsg);
  if (!lists) {
    const of = (d: Direction) => [
      ...nsg.rules.filter((rule) => rule.direction === d).map((rule) => ({ rule, isDefault: false })),
      ...DEFAULT_RULES.filter((rule) => rule.direction === d).map((rule) => ({ rule, isDefault: true })),
    ];
    lists = { Inbound: of('Inbound'), Outbound: of('Outbound') };
    rulesByDirection.set(nsg, lists);
  }
  return lists[direction];
}

/** The rule's fields in order, checked lazily (`every`): most rules fail on the first or second field. */
function matchRule(rule: SecurityRule, flow: NsgFlow, virtualNetwork: readonly Cidr[]): MatchResult {
  return every(RULE_FIELDS, (field) => field(rule, flow, virtualNetwork));
}

const RULE_FIELDS: readonly ((rule: SecurityRule, flow: NsgFlow, virtualNetwork: readonly Cidr[]) => MatchResult)[] = [
  (rule, flow) => matchProtocol(rule.protocol, flow.protocol),
  (rule, flow, virtualNetwork) => matchAddresses(rule.sourceAddresses, flow.source, virtualNetwork),
  (rule, flow, virtualNetwork) => matchAddresses(rule.destinationAddresses, flow.destination, virtualNetwork),
  (rule) => matchSourcePorts(rule.sourcePorts),
  // ICMP has no ports: Azure ignores port ranges for it.
  (rule, flow) => (flow.protocol === 'Icmp' ? yesNo(true) : matchPorts(rule.destinationPorts, flow.port)),
];

function matchProtocol(protocol: string, flow: FlowSpec['protocol']): MatchResult {
  return yesNo(protocol === '*' || protocol.toLowerCase() === flow.toLowerCase());
}
