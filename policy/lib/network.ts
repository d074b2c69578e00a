/**
 * Network facts the segmentation, routing and edge rules share, all from the verifier's model of the same JSON: which
 * VNet is the hub and which subnets are spokes, every NSG rule, route and subnet association as the shared records
 * read them (verifier/network-records.ts, the records the model is built from), and what an NSG rule admits (fields
 * read as lib/rule-fields.ts defines them).
 */
import { isAnyInternetAddress, isAnyPort, parsePortRange } from '../../lib/rule-fields';
import { NetworkModel, buildNetworkModel, hubVnetKeys as modelHubVnetKeys } from '../../verifier/model';
import { AssociationRecord, ElementRead, FieldRead, Pointer, RouteRecord, SecurityRuleRecord } from '../../verifier/network-records';
import { ResourceAddress } from '../../verifier/references';
import { CheckResult, EvaluationContext, Resource, Value, compliant, nonCompliant, undecidable } from '../engine';

/** Subnets Azure does not allow an NSG on (the firewall's and the gateway's). */
export const NSG_LESS_SUBNETS: readonly string[] = ['AzureFirewallSubnet', 'AzureFirewallManagementSubnet', 'GatewaySubnet'];

/** The edge subnets of a hub: only these may hold resources with public IPs (firewall, Bastion). */
export const HUB_EDGE_TYPES: readonly string[] = ['azurerm_firewall', 'azurerm_bastion_host'];

/** A subnet's name literal, if known. */
export function subnetName(ctx: EvaluationContext, subnet: Resource): string | undefined {
  const value = ctx.value(subnet, 'name');
  return value.known && typeof value.value === 'string' ? value.value : undefined;
}

/**
 * The verifier's network model of this environment (verifier/model.ts), built once per run: the one reading of VNets,
 * subnets and their VNets that the flow verifier, the review and these rules share.
 */
export function networkModel(ctx: EvaluationContext): NetworkModel {
  return ctx.memo(NETWORK_MODEL_MEMO, () => buildNetworkModel(ctx.stacks));
}

const NETWORK_MODEL_MEMO = 'networkModel';

/** Gives the context a model already built from the same stacks (the synth gate's), so the pack does not build another. */
export function seedNetworkModel(ctx: EvaluationContext, model: NetworkModel): void {
  ctx.memo(NETWORK_MODEL_MEMO, () => model);
}

/** Keys of hub VNets (those with an `AzureFirewallSubnet`), as the model defines them. */
export function hubVnetKeys(ctx: EvaluationContext): ReadonlySet<string> {
  return ctx.memo('hubVnets', () => modelHubVnetKeys(networkModel(ctx)));
}

/** Is the subnet in a spoke (a VNet that is not a hub)? undefined when the model does not know its VNet. */
export function isSpokeSubnet(ctx: EvaluationContext, subnet: Resource): boolean | undefined {
  const vnetOfSubnet = ctx.memo('vnetOfSubnet', () => new Map(networkModel(ctx).subnets.map((s) => [s.key, s.vnetKey])));
  const vnetKey = vnetOfSubnet.get(subnet.key);
  return vnetKey === undefined ? undefined : !hubVnetKeys(ctx).has(vnetKey);
}

/**
 * Every NSG rule (a separate `azurerm_network_security_rule` or an inline `security_rule` block) as the shared records
 * read it (verifier/network-records.ts): the same records the flow model places.
 */
export function securityRules(ctx: EvaluationContext): readonly SecurityRuleRecord[] {
  return networkModel(ctx).records.securityRules;
}

/** The key of the NSG (or route table) a record belongs to, when it resolves. */
export function parentKey(record: { readonly parent: Pointer }): string | undefined {
  return record.parent && 'key' in record.parent ? record.parent.key : undefined;
}

/**
 * Children (NSG rules or routes) grouped once per run: by the key of the parent they resolve to, and, for those whose
 * parent does not resolve, by the stack of their owner; both in record order. Rules look up one parent's children
 * instead of scanning every record per NSG or subnet.
 */
interface ChildIndex<T> {
  readonly byParent: ReadonlyMap<string, readonly T[]>;
  readonly unattachedByStack: ReadonlyMap<string, readonly T[]>;
  /** Position of each record in the shared records, to merge the children of several parents in record order. */
  readonly position: ReadonlyMap<T, number>;
}

function indexChildren<T extends { readonly parent: Pointer; readonly owner: ResourceAddress }>(records: readonly T[]): ChildIndex<T> {
  const byParent = new Map<string, T[]>();
  const unattachedByStack = new Map<string, T[]>();
  const position = new Map<T, number>();
  records.forEach((record, index) => {
    position.set(record, index);
    const key = parentKey(record);
    const [map, groupKey] = key === undefined ? [unattachedByStack, record.owner.stack] : [byParent, key];
    const group = map.get(groupKey);
    if (group) group.push(record);
    else map.set(groupKey, [record]);
  });
  return { byParent, unattachedByStack, position };
}

function securityRuleIndex(ctx: EvaluationContext): ChildIndex<SecurityRuleRecord> {
  return ctx.memo('securityRulesByParent', () => indexChildren(securityRules(ctx)));
}

function routeIndex(ctx: EvaluationContext): ChildIndex<RouteRecord> {
  return ctx.memo('routesByParent', () => indexChildren(routes(ctx)));
}

/** The NSG rules (separate or inline) whose NSG is `nsgKey`, in the order of `securityRules`. */
export function securityRulesOf(ctx: EvaluationContext, nsgKey: string): readonly SecurityRuleRecord[] {
  return securityRuleIndex(ctx).byParent.get(nsgKey) ?? [];
}

/** The separate NSG rules of a stack whose NSG cannot be resolved (or is not set), in the order of `securityRules`. */
export function unattachedSecurityRules(ctx: EvaluationContext, stack: string): readonly SecurityRuleRecord[] {
  return securityRuleIndex(ctx).unattachedByStack.get(stack) ?? [];
}

/** The routes of these route tables (by key), in the order of `routes`, each once. */
export function routesOf(ctx: EvaluationContext, tableKeys: readonly string[]): readonly RouteRecord[] {
  const index = routeIndex(ctx);
  const keys = [...new Set(tableKeys)];
  if (keys.length === 1) return index.byParent.get(keys[0] as string) ?? [];
  return keys.flatMap((key) => index.byParent.get(key) ?? []).sort((a, b) => (index.position.get(a) ?? 0) - (index.position.get(b) ?? 0));
}

/** A field of a record as a policy `Value`. */
export function fieldValue(field: FieldRead): Value {
  return field.known ? field : { known: false, reason: field.why };
}

/** The string literals of a list field (`source_address_prefix` + `source_address_prefixes`), or why one is not known. */
export function literalsOf(elements: readonly ElementRead[]): Value & { items?: string[] } {
  const items: string[] = [];
  for (const element of elements) {
    if (element.kind !== 'literal') return { known: false, reason: element.why };
    if (typeof element.value === 'string') items.push(element.value);
  }
  return { known: true, value: items, items };
}

/** What an Allow rule in one direction admits from/to anywhere, on given ports; undefined when it does not. */
export function admitsFromAnywhere(
  view: SecurityRuleRecord,
  direction: 'Inbound' | 'Outbound',
  ports: readonly number[] | 'all' | 'any',
  protocols: readonly string[] = ['Tcp', 'Udp'],
): { matches: boolean; reason: string } | { undecidable: string } {
  const [access, dir, protocol] = [fieldValue(view.access), fieldValue(view.direction), fieldValue(view.protocol)];
  for (const value of [access, dir, protocol]) if (!value.known) return { undecidable: value.reason };
  if (String(access.known && access.value).toLowerCase() !== 'allow' || String(dir.known && dir.value).toLowerCase() !== direction.toLowerCase()) {
    return { matches: false, reason: `${view.label} is not an ${direction} Allow rule` };
  }
  const proto = String(protocol.known ? protocol.value : '*');
  if (proto !== '*' && !protocols.some((p) => p.toLowerCase() === proto.toLowerCase())) return { matches: false, reason: `${view.label} is ${proto} only` };
  const peers = literalsOf(direction === 'Inbound' ? view.sourcePrefixes : view.destinationPrefixes);
  if (!peers.known) return { undecidable: peers.reason };
  const open = (peers.items ?? []).filter(isAnyInternetAddress);
  if (open.length === 0) return { matches: false, reason: `${view.label} admits only ${(peers.items ?? []).join(', ') || 'application security groups'}` };
  const portValues = literalsOf(view.destinationPortRanges);
  if (!portValues.known) return { undecidable: portValues.reason };
  const ranges = (portValues.items ?? []).map((text) => parsePortRange(text));
  if (ranges.some((r) => r === undefined)) return { undecidable: `${view.label} has a port that is not a number or range: ${(portValues.items ?? []).join(', ')}` };
  const all = ranges.length === 0 || (portValues.items ?? []).some(isAnyPort);
  const hit = typeof ports === 'string' ? [] : ports.filter((port) => all || ranges.some((r) => r !== undefined && r.from <= port && port <= r.to));
  const matches = ports === 'any' || (ports === 'all' ? all : hit.length > 0);
  const shown = ports === 'all' ? 'every port' : ports === 'any' ? `port ${(portValues.items ?? []).join(', ') || '*'}` : `port ${hit.join(', ')}`;
  return matches
    ? { matches: true, reason: `${view.label} allows ${proto} ${shown} ${direction === 'Inbound' ? 'from' : 'to'} ${open.join(', ')}` }
    : { matches: false, reason: `${view.label} does not open ${ports === 'all' ? 'every port' : ports.join(', ')} to the Internet` };
}

/** Judges every NSG rule: a match of `test` is non-compliant. */
export function judgeSecurityRules(
  ctx: EvaluationContext,
  test: (view: SecurityRuleRecord) => { matches: boolean; reason: string } | { undecidable: string },
): CheckResult[] {
  return securityRules(ctx).map((view) => {
    const verdict = test(view);
    if ('undecidable' in verdict) return undecidable(view.owner, `${view.label}: ${verdict.undecidable}`);
    return verdict.matches ? nonCompliant(view.owner, verdict.reason) : compliant(view.owner, verdict.reason);
  });
}

/** Every NSG protocol value, for rules about "any traffic". */
export const ALL_PROTOCOLS: readonly string[] = ['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah'];

/** Every user route (a separate `azurerm_route` or an inline `route` block of a route table), as the shared records read it. */
export function routes(ctx: EvaluationContext): readonly RouteRecord[] {
  return networkModel(ctx).records.routes;
}

/** Does a field hold exactly this literal? */
export function isLiteral(field: FieldRead, expected: string): boolean {
  return field.known && field.value === expected;
}

/** A field as text for a message: its literal, or the expression as written. */
export function fieldText(field: FieldRead): string {
  return field.known ? String(field.value) : field.reference.expression;
}

/** Associations grouped by the key of the subnet they resolve to, in (stack, logical ID) order; built once per run. */
function associationsBySubnet(ctx: EvaluationContext, kind: 'nsgAssociations' | 'routeTableAssociations'): ReadonlyMap<string, readonly AssociationRecord[]> {
  return ctx.memo(`${kind}BySubnet`, () => {
    const bySubnet = new Map<string, AssociationRecord[]>();
    for (const association of networkModel(ctx).records[kind]) {
      if (!association.subnet || !('key' in association.subnet)) continue;
      const group = bySubnet.get(association.subnet.key);
      if (group) group.push(association);
      else bySubnet.set(association.subnet.key, [association]);
    }
    return bySubnet;
  });
}

/** The resources a subnet's associations point at (its NSGs or route tables), in (stack, logical ID) order of the associations. */
function associatedWith(ctx: EvaluationContext, kind: 'nsgAssociations' | 'routeTableAssociations', subnet: Resource): Resource[] {
  return (associationsBySubnet(ctx, kind).get(subnet.key) ?? []).flatMap((association) => {
    const target = association.target && 'key' in association.target ? ctx.resource(association.target.address) : undefined;
    return target ? [target] : [];
  });
}

/** Route tables associated with a subnet (through `azurerm_subnet_route_table_association`). */
export function routeTablesOf(ctx: EvaluationContext, subnet: Resource): Resource[] {
  return associatedWith(ctx, 'routeTableAssociations', subnet);
}

/** The NSG associations of a subnet (`azurerm_subnet_network_security_group_association` resources). */
export function nsgAssociationsOf(ctx: EvaluationContext, subnet: Resource): ResourceAddress[] {
  return (associationsBySubnet(ctx, 'nsgAssociations').get(subnet.key) ?? []).map((association) => association.owner);
}

/** NSG associations whose subnet cannot be resolved, with the reason (as `${expression}: ${reason}`). */
export function unresolvedNsgAssociations(ctx: EvaluationContext): { readonly owner: ResourceAddress; readonly reason: string }[] {
  return networkModel(ctx).records.nsgAssociations.flatMap((association) =>
    association.subnet && 'unresolved' in association.subnet
      ? [{ owner: association.owner, reason: `${association.subnet.unresolved.expression}: ${association.subnet.unresolved.reason}` }]
      : [],
  );
}

/** Is the NSG associated with at least one spoke subnet? */
export function guardsSpoke(ctx: EvaluationContext, nsgKey: string | undefined): boolean {
  if (nsgKey === undefined) return false;
  return spokeNsgKeys(ctx).has(nsgKey);
}

/** Keys of NSGs associated with at least one spoke subnet, found once per run. */
function spokeNsgKeys(ctx: EvaluationContext): ReadonlySet<string> {
  return ctx.memo('spokeNsgs', () => {
    const keys = new Set<string>();
    for (const association of networkModel(ctx).records.nsgAssociations) {
      if (!association.target || !('key' in association.target)) continue;
      const subnet = association.subnet && 'key' in association.subnet ? ctx.resource(association.subnet.address) : undefined;
      if (subnet !== undefined && isSpokeSubnet(ctx, subnet) === true) keys.add(association.target.key);
    }
    return keys;
  });
}

/** Keys of route tables associated with at least one spoke subnet. */
export function spokeRouteTableKeys(ctx: EvaluationContext): ReadonlySet<string> {
  return ctx.memo('spokeRouteTables', () => {
    const keys = new Set<string>();
    for (const subnet of ctx.resources('azurerm_subnet')) {
      if (isSpokeSubnet(ctx, subnet)) for (const table of routeTablesOf(ctx, subnet)) keys.add(table.key);
    }
    return keys;
  });
}
