/**
 * Network facts the segmentation, routing and edge rules share: which VNet is the hub and which subnets are spokes
 * (from the verifier's model), every NSG rule and route with the resource to report on, and what an NSG rule admits
 * (fields read as lib/rule-fields.ts defines them, like the model does).
 */
import { isAnyInternetAddress, isAnyPort, parsePortRange } from '../../lib/rule-fields';
import { NetworkModel, buildNetworkModel, hubVnetKeys as modelHubVnetKeys } from '../../verifier/model';
import { CheckResult, EvaluationContext, Resource, Value, asList, blocks, compliant, nonCompliant, undecidable } from '../engine';

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
  return ctx.memo('networkModel', () => buildNetworkModel(ctx.stacks));
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

/** One NSG rule: a separate `azurerm_network_security_rule` or an inline `security_rule` block. */
export interface SecurityRuleView {
  /** The resource to report on (the rule resource, or the NSG for an inline rule). */
  readonly owner: Resource;
  readonly nsg?: Resource;
  readonly rule: Record<string, unknown>;
  readonly name: string;
}

export function securityRules(ctx: EvaluationContext): readonly SecurityRuleView[] {
  return ctx.memo('securityRules', () =>
    childViews(ctx, 'azurerm_network_security_rule', 'network_security_group_name', 'azurerm_network_security_group', 'security_rule').map(
      ({ owner, parent, child, name }) => ({ owner, nsg: parent, rule: child, name }),
    ),
  );
}

/** Children written as separate resources (pointing at the parent by name) or as inline blocks of the parent. */
function childViews(ctx: EvaluationContext, childType: string, parentAttribute: string, parentType: string, inlineBlock: string) {
  const views: { owner: Resource; parent?: Resource; child: Record<string, unknown>; name: string }[] = [];
  for (const resource of ctx.resources(childType)) {
    const target = ctx.target(resource.address.stack, resource.attributes[parentAttribute]);
    const parent = target.kind === 'resource' && target.resource.address.type === parentType ? target.resource : undefined;
    views.push({ owner: resource, parent, child: resource.attributes, name: String(resource.attributes.name ?? resource.address.name) });
  }
  for (const parent of ctx.resources(parentType)) {
    for (const child of blocks(parent.attributes[inlineBlock])) views.push({ owner: parent, parent, child, name: String(child.name ?? '?') });
  }
  return views;
}

/** Values of a singular/plural attribute pair (`source_address_prefix` + `source_address_prefixes`), resolved. */
export function listOf(ctx: EvaluationContext, view: SecurityRuleView, singular: string, plural: string): Value & { items?: string[] } {
  const items: string[] = [];
  for (const raw of [...asList(view.rule[singular]), ...asList(view.rule[plural])]) {
    const value = ctx.literal(view.owner.address.stack, raw);
    if (!value.known) return value;
    if (typeof value.value === 'string') items.push(value.value);
  }
  return { known: true, value: items, items };
}

/** What an Allow rule in one direction admits from/to anywhere, on given ports; undefined when it does not. */
export function admitsFromAnywhere(
  ctx: EvaluationContext,
  view: SecurityRuleView,
  direction: 'Inbound' | 'Outbound',
  ports: readonly number[] | 'all' | 'any',
  protocols: readonly string[] = ['Tcp', 'Udp'],
): { matches: boolean; reason: string } | { undecidable: string } {
  const access = ctx.literal(view.owner.address.stack, view.rule.access);
  const dir = ctx.literal(view.owner.address.stack, view.rule.direction);
  const protocol = ctx.literal(view.owner.address.stack, view.rule.protocol);
  for (const value of [access, dir, protocol]) if (!value.known) return { undecidable: value.reason };
  if (String(access.known && access.value).toLowerCase() !== 'allow' || String(dir.known && dir.value).toLowerCase() !== direction.toLowerCase()) {
    return { matches: false, reason: `${view.name} is not an ${direction} Allow rule` };
  }
  const proto = String(protocol.known ? protocol.value : '*');
  if (proto !== '*' && !protocols.some((p) => p.toLowerCase() === proto.toLowerCase())) return { matches: false, reason: `${view.name} is ${proto} only` };
  const [peerSingular, peerPlural] = direction === 'Inbound' ? ['source_address_prefix', 'source_address_prefixes'] : ['destination_address_prefix', 'destination_address_prefixes'];
  const peers = listOf(ctx, view, peerSingular, peerPlural);
  if (!peers.known) return { undecidable: peers.reason };
  const open = (peers.items ?? []).filter(isAnyInternetAddress);
  if (open.length === 0) return { matches: false, reason: `${view.name} admits only ${(peers.items ?? []).join(', ') || 'application security groups'}` };
  const portValues = listOf(ctx, view, 'destination_port_range', 'destination_port_ranges');
  if (!portValues.known) return { undecidable: portValues.reason };
  const ranges = (portValues.items ?? []).map((text) => parsePortRange(text));
  if (ranges.some((r) => r === undefined)) return { undecidable: `${view.name} has a port that is not a number or range: ${(portValues.items ?? []).join(', ')}` };
  const all = ranges.length === 0 || (portValues.items ?? []).some(isAnyPort);
  const hit = typeof ports === 'string' ? [] : ports.filter((port) => all || ranges.some((r) => r !== undefined && r.from <= port && port <= r.to));
  const matches = ports === 'any' || (ports === 'all' ? all : hit.length > 0);
  const shown = ports === 'all' ? 'every port' : ports === 'any' ? `port ${(portValues.items ?? []).join(', ') || '*'}` : `port ${hit.join(', ')}`;
  return matches
    ? { matches: true, reason: `${view.name} allows ${proto} ${shown} ${direction === 'Inbound' ? 'from' : 'to'} ${open.join(', ')}` }
    : { matches: false, reason: `${view.name} does not open ${ports === 'all' ? 'every port' : (ports as readonly number[]).join(', ')} to the Internet` };
}

/** Judges every NSG rule: a match of `test` is non-compliant. */
export function judgeSecurityRules(
  ctx: EvaluationContext,
  test: (view: SecurityRuleView) => { matches: boolean; reason: string } | { undecidable: string },
): CheckResult[] {
  return securityRules(ctx).map((view) => {
    const verdict = test(view);
    if ('undecidable' in verdict) return undecidable(view.owner.address, `${view.name}: ${verdict.undecidable}`);
    return verdict.matches ? nonCompliant(view.owner.address, verdict.reason) : compliant(view.owner.address, verdict.reason);
  });
}

/** Every NSG protocol value, for rules about "any traffic". */
export const ALL_PROTOCOLS: readonly string[] = ['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah'];

/** One user route: a separate `azurerm_route` or an inline `route` block of a route table. */
export interface RouteView {
  readonly owner: Resource;
  readonly table?: Resource;
  readonly route: Record<string, unknown>;
  readonly name: string;
}

export function routes(ctx: EvaluationContext): readonly RouteView[] {
  return ctx.memo('routes', () =>
    childViews(ctx, 'azurerm_route', 'route_table_name', 'azurerm_route_table', 'route').map(({ owner, parent, child, name }) => ({ owner, table: parent, route: child, name })),
  );
}

/** Route tables associated with a subnet (through `azurerm_subnet_route_table_association`). */
export function routeTablesOf(ctx: EvaluationContext, subnet: Resource): Resource[] {
  const associations = ctx.referrers('azurerm_subnet_route_table_association', 'subnet_id').byTarget.get(subnet.key) ?? [];
  return associations.flatMap((association) => {
    const target = ctx.target(association.address.stack, association.attributes.route_table_id);
    return target.kind === 'resource' && target.resource.address.type === 'azurerm_route_table' ? [target.resource] : [];
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
