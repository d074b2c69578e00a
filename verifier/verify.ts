/**
 * Flow verification: can a source reach a destination on a port, and which rule decides? Evaluates the source
 * subnet's outbound NSG, its effective routes (and the firewall when a route points at one), then the destination
 * subnet's inbound NSG with the original source address.
 */
import { DnatMatch, describeDnat, dnatText, findDnatRule } from './dnat';
import { evaluateFirewall } from './firewall';
import { formatIpv4, inRange, isPrivateAddress, parseIpv4, firstUsableAddress } from '../lib/ip';
import { FlowEndpoint } from './match';
import { Firewall, NetworkModel, SecurityGroup, SecurityRule, Subnet } from './model';
import { Direction, evaluateNsg } from './nsg';
import { UnresolvedReference } from './references';
import { EffectiveRoute, areConnected, byKey, effectiveRoutes, memoized, memoizedFor, peeringBetween, selectRoute, unresolvedAround, virtualNetworkTag, vnetOf } from './routing';
import { Decision, DnatTranslation, Endpoint, FlowQuery, FlowVerdict, Hop } from './types';

const PROTOCOLS = ['Tcp', 'Udp', 'Icmp'];

/** A query endpoint located in the model. */
interface Located {
  readonly label: string;
  readonly subnet?: Subnet;
  /** Undefined when the subnet's prefix could not be read. */
  readonly ip?: bigint;
  readonly endpoint: FlowEndpoint;
}

/** Where routing took the flow. */
type RouteResult =
  | { readonly kind: 'deliver' }
  | { readonly kind: 'internet' }
  | { readonly kind: 'firewall'; readonly firewall: Firewall }
  | { readonly kind: 'final'; readonly verdict: FlowVerdict };

/**
 * Verifies one flow. Throws (with the candidates) when an endpoint names an unknown or ambiguous subnet, or when the
 * port or protocol is invalid; an unresolvable reference is not an error but an 'unknown' verdict.
 */
export function verifyFlow(model: NetworkModel, query: FlowQuery): FlowVerdict {
  if (!PROTOCOLS.includes(query.protocol)) throw new Error(`protocol must be one of ${PROTOCOLS.join(', ')}, got '${query.protocol}'`);
  if (!Number.isInteger(query.port) || query.port < 0 || query.port > 65535) throw new Error(`port must be an integer 0-65535, got '${query.port}'`);
  const source = locate(model, query.source, 'source');
  const destination = locate(model, query.destination, 'destination');
  if (!source.subnet && !destination.subnet) {
    throw new Error(`neither ${source.label} nor ${destination.label} is inside a subnet of this environment`);
  }
  if (!source.subnet && destination.subnet) {
    // From outside every VNet, the way in is a published (DNAT) port on a firewall's public address.
    const target = 'subnet' in query.destination ? destination.subnet.prefixes : destination.ip === undefined ? [] : [{ first: destination.ip, last: destination.ip }];
    const dnat = findDnatRule(model, { source: source.endpoint, target, port: query.port, protocol: query.protocol });
    if (dnat?.kind === 'unknown') return new Evaluation(model, query, source, destination).unresolvedVerdict(dnat.unresolved);
    if (dnat?.kind === 'match') return dnatEvaluation(model, query, source, destination, dnat.match);
  }
  return new Evaluation(model, query, source, destination).run();
}

/**
 * The translated flow: from the firewall (Azure Firewall SNATs DNAT traffic to one of its private IPs) to the target
 * address, through the firewall subnet's routes, the peering and the target's NSG.
 */
function dnatEvaluation(model: NetworkModel, query: FlowQuery, client: Located, destination: Located, match: DnatMatch): FlowVerdict {
  const firewallSubnet = byKey<Subnet>(model, 'subnets', match.firewall.subnetKey);
  const translation = describeDnat(model, match);
  const firewallIp = firewallSubnet?.prefixes[0] ? firstUsableAddress(firewallSubnet.prefixes[0]) : undefined;
  const source: Located = {
    label: `${match.firewall.name} (SNAT of ${client.label})`,
    ...(firewallSubnet ? { subnet: firewallSubnet } : {}),
    ip: firewallIp,
    endpoint: { ip: firewallIp ?? -1n, serviceTags: [], applicationSecurityGroups: [] },
  };
  const target: Located = {
    label: formatIpv4(match.translatedIp),
    ...(destination.subnet ? { subnet: destination.subnet } : {}),
    ip: match.translatedIp,
    endpoint: { ip: match.translatedIp, serviceTags: [], applicationSecurityGroups: [] },
  };
  return new Evaluation(model, query, source, target, translation).runTranslated(match.firewall, firewallSubnet);
}

/** A subnet's display name: its name, or `vnet/subnet` when another VNet has a subnet of the same name. */
export function subnetLabel(model: NetworkModel, subnet: Subnet): string {
  const counts = memoized(model, 'subnet-name-counts', () => {
    const byName = new Map<string, number>();
    for (const s of model.subnets) byName.set(s.name, (byName.get(s.name) ?? 0) + 1);
    return byName;
  });
  return (counts.get(subnet.name) ?? 0) > 1 ? `${vnetOf(model, subnet)?.name ?? '?'}/${subnet.name}` : subnet.name;
}

/** Finds a subnet by `name` or `vnetName/subnetName`; throws listing the candidates when unknown or ambiguous. */
export function findSubnet(model: NetworkModel, name: string): Subnet {
  const byName = memoized(model, 'subnets-by-name', () => {
    const index = new Map<string, Subnet[]>();
    for (const s of model.subnets) {
      for (const key of new Set([s.name, `${vnetOf(model, s)?.name}/${s.name}`])) index.set(key, [...(index.get(key) ?? []), s]);
    }
    return index;
  });
  const matches = byName.get(name) ?? [];
  const [only] = matches;
  if (only && matches.length === 1) return only;
  const labels = (list: readonly Subnet[]): string => list.map((s) => `${vnetOf(model, s)?.name ?? '?'}/${s.name}`).sort().join(', ');
  if (matches.length > 1) throw new Error(`subnet '${name}' is ambiguous; use one of: ${labels(matches)}`);
  throw new Error(`unknown subnet '${name}'; known subnets: ${labels(model.subnets) || '(none)'}`);
}

function locate(model: NetworkModel, endpoint: Endpoint, role: string): Located {
  if ('subnet' in endpoint) {
    // Located once per subnet name (a verdict does not change it): a flow check names the same subnets thousands of times.
    return memoizedFor(model, 'located-subnet', endpoint.subnet, () => {
      const subnet = findSubnet(model, endpoint.subnet);
      const [prefix] = subnet.prefixes;
      const ip = prefix ? firstUsableAddress(prefix) : undefined;
      return { label: subnetLabel(model, subnet), subnet, ip, endpoint: { ip: ip ?? -1n, serviceTags: [], applicationSecurityGroups: [] } };
    });
  }
  const ip = parseIpv4(endpoint.ip);
  if (ip === undefined) throw new Error(`${role} '${endpoint.ip}' is neither a subnet name nor an IPv4 address`);
  const subnet = subnetHolding(model, ip);
  return {
    label: endpoint.ip,
    ...(subnet ? { subnet } : {}),
    ip,
    endpoint: { ip, serviceTags: endpoint.serviceTags ?? [], applicationSecurityGroups: endpoint.applicationSecurityGroups ?? [] },
  };
}

/** The most specific subnet holding the address (subnets of one VNet never overlap; VNets might); found once per address. */
function subnetHolding(model: NetworkModel, ip: bigint): Subnet | undefined {
  // Flows repeat a few addresses (the Internet probe, published addresses) thousands of times.
  return memoizedFor(model, 'subnet-holding', String(ip), () =>
    model.subnets
      .filter((s) => s.prefixes.some((p) => inRange(ip, p)))
      .sort((a, b) => Math.max(...b.prefixes.map((p) => p.prefixLength)) - Math.max(...a.prefixes.map((p) => p.prefixLength)))[0],
  );
}

/** One evaluation: collects hops and the texts of the gates passed. */
class Evaluation {
  private readonly hops: Hop[] = [];
  private readonly passed: string[] = [];
  private readonly notes: string[] = [];
  private viaFirewall = false;
  private lastAllow: Decision | undefined;

  constructor(
    private readonly model: NetworkModel,
    private readonly query: FlowQuery,
    private readonly source: Located,
    private readonly destination: Located,
    private readonly dnat?: DnatTranslation,
  ) {}

  /** A DNAT rule decided nothing because one of its fields could not be read. */
  public unresolvedVerdict(reference: UnresolvedReference): FlowVerdict {
    return this.unknown(reference);
  }

  /** After a DNAT rule matched: route from the firewall subnet, peering, then the target's inbound NSG. */
  public runTranslated(firewall: Firewall, firewallSubnet: Subnet | undefined): FlowVerdict {
    const dnat = this.dnat as DnatTranslation;
    this.viaFirewall = true;
    const [problem] = [...firewall.unresolved, ...(firewallSubnet ? unresolvedAround(this.model, firewallSubnet) : [])];
    if (problem) return this.unknown(problem);
    if (!firewallSubnet || this.source.ip === undefined) return this.unknown(missing(firewall, 'ip_configuration.subnet_id', 'not set'));
    const text = dnatText(dnat);
    this.hops.push({ step: 'dnat', at: firewall.name, result: 'forward', detail: `${text} (source translated to ${firewall.name}'s private IP)` });
    const routed = this.routeFrom(firewallSubnet, 'firewall-route');
    if (routed.kind === 'final') return routed.verdict;
    const refused = this.forwardedTrafficCheck(firewallSubnet);
    if (refused) return refused;
    const subnet = this.destination.subnet as Subnet;
    const denied = this.guard(subnet) ?? this.nsgStep('destination-nsg', subnet, 'Inbound');
    if (denied) return denied;
    const last = this.passed.pop() as string;
    return this.verdict('allowed', this.lastAllow as Decision, `allowed via ${text}, then by ${last}`);
  }

  public run(): FlowVerdict {
    const { source, destination } = this;
    for (const end of [source, destination]) {
      if (end.subnet && end.ip === undefined) return this.unknown(unresolvedAround(this.model, end.subnet)[0] ?? missing(end.subnet, 'address_prefixes'));
    }
    if (source.subnet) {
      const denied = this.guard(source.subnet) ?? this.nsgStep('source-nsg', source.subnet, 'Outbound');
      if (denied) return denied;
      const routed = this.routeFrom(source.subnet, 'route');
      if (routed.kind === 'final') return routed.verdict;
      if (routed.kind === 'firewall') {
        const afterFirewall = this.throughFirewall(routed.firewall);
        if (afterFirewall) return afterFirewall;
      }
    } else {
      this.notes.push('the source is outside every VNet, so routing was not evaluated: a public entry point (public IP, load balancer, DNAT) would also be needed');
    }
    if (destination.subnet) {
      const denied = this.guard(destination.subnet) ?? this.nsgStep('destination-nsg', destination.subnet, 'Inbound');
      if (denied) return denied;
    } else {
      this.notes.push(`${destination.label} is outside every VNet: only the path out was evaluated`);
    }
    const last = this.passed.pop() as string;
    const after = this.passed.length > 0 ? `, after ${this.passed.join(' and ')}` : '';
    return this.verdict('allowed', this.lastAllow as Decision, `allowed by ${last}${after}`);
  }

  /** Unresolved facts around a subnet make the verdict unknown before anything is claimed about it. */
  private guard(subnet: Subnet): FlowVerdict | undefined {
    const [first] = unresolvedAround(this.model, subnet);
    return first ? this.unknown(first) : undefined;
  }

  private nsgStep(step: Hop['step'], subnet: Subnet, direction: Direction): FlowVerdict | undefined {
    const at = subnetLabel(this.model, subnet);
    const nsg = byKey<SecurityGroup>(this.model, 'securityGroups', subnet.nsgKey);
    if (!nsg) {
      const text = `${at} has no NSG (all ${direction.toLowerCase()} traffic allowed)`;
      this.allow({ step, at, result: 'allow', detail: text }, { kind: 'no-nsg', subnet: at, direction }, text);
      return undefined;
    }
    const flow = { protocol: this.query.protocol, port: this.query.port, source: this.source.endpoint, destination: this.destination.endpoint };
    const outcome = evaluateNsg(nsg, direction, flow, virtualNetworkTag(this.model, subnet));
    if (outcome.access === 'unknown') return this.unknown(outcome.unresolved);
    const decision = nsgDecision(nsg.name, outcome.rule, outcome.isDefault);
    const text = `${nsg.name} ${direction.toLowerCase()} ${outcome.isDefault ? 'default rule' : 'rule'} ${outcome.rule.name} (priority ${outcome.rule.priority})`;
    if (outcome.access === 'Deny') {
      this.hops.push({ step, at, result: 'deny', detail: text });
      return this.verdict('denied', decision, `denied by ${text}`);
    }
    this.allow({ step, at, result: 'allow', detail: text }, decision, text);
    return undefined;
  }

  private allow(hop: Hop, decision: Decision, text: string): void {
    this.hops.push(hop);
    this.passed.push(text);
    this.lastAllow = decision;
  }

  /** Routes from `from` towards the destination address. */
  private routeFrom(from: Subnet, step: Hop['step']): RouteResult {
    const ip = this.destination.ip as bigint;
    const route = selectRoute(effectiveRoutes(this.model, from), ip) as EffectiveRoute;
    const at = subnetLabel(this.model, from);
    const decision = routeDecision(at, route);
    const described = `${at} routes ${formatIpv4(ip)} by ${route.source === 'user' ? `UDR ${route.route?.name}` : 'system route'} ${route.prefix.text} to next hop ${route.nextHopType}`;
    const fail = (reason: string): RouteResult => {
      this.hops.push({ step, at, result: 'deny', detail: `${described}: ${reason}` });
      return { kind: 'final', verdict: this.verdict('denied', decision, `denied by route: ${described} (${reason})`) };
    };
    const unknown = (reason: string): RouteResult => {
      this.hops.push({ step, at, result: 'unknown', detail: `${described}: ${reason}` });
      return { kind: 'final', verdict: this.verdict('unknown', decision, `unknown: ${described} (${reason})`) };
    };
    const target = this.destination.subnet;
    const forward = (result: RouteResult, detail: string): RouteResult => {
      this.hops.push({ step, at, result: 'forward', detail: `${described}${detail}` });
      return result;
    };
    switch (route.nextHopType) {
      case 'VnetLocal':
      case 'VNetPeering': {
        if (target && inRange(ip, { first: route.prefix.first, last: route.prefix.last }) && (route.nextHopType === 'VNetPeering' || target.vnetKey === from.vnetKey)) {
          return forward({ kind: 'deliver' }, '');
        }
        return fail(target ? `${this.destination.label} is not in that VNet` : 'no subnet holds that address');
      }
      case 'Internet':
        if (!target && !isPrivateAddress(ip)) return forward({ kind: 'internet' }, ' (leaves Azure)');
        return this.notConnected(from, route, step) ?? fail('the Internet next hop is not a path to a private destination');
      case 'None':
        return this.notConnected(from, route, step) ?? fail('dropped');
      case 'VirtualAppliance': {
        const appliance = route.appliance;
        if (appliance?.kind === 'unresolved') return { kind: 'final', verdict: this.unknown(appliance.reference) };
        if (appliance?.kind !== 'firewall') return unknown(`appliance ${appliance?.ip ?? '?'} is not a firewall of this environment`);
        if (step === 'firewall-route') return unknown('the firewall would send it to an appliance again');
        const firewall = this.model.firewalls.find((f) => f.key === appliance.firewallKey) as Firewall;
        return forward({ kind: 'firewall', firewall }, ` (${firewall.name})`);
      }
      default:
        return unknown(`next hop ${route.nextHopType} is not modelled`);
    }
  }

  /** A system None/Internet route to another VNet's subnet means the VNets are not peered (both ways). */
  private notConnected(from: Subnet, route: EffectiveRoute, step: Hop['step']): RouteResult | undefined {
    const target = this.destination.subnet;
    if (route.source !== 'system' || !target || !target.vnetKey || target.vnetKey === from.vnetKey || !from.vnetKey) return undefined;
    if (areConnected(this.model, from.vnetKey, target.vnetKey)) return undefined;
    const a = vnetOf(this.model, from)?.name ?? '?';
    const b = vnetOf(this.model, target)?.name ?? '?';
    const there = peeringBetween(this.model, from.vnetKey, target.vnetKey);
    const back = peeringBetween(this.model, target.vnetKey, from.vnetKey);
    const reason = describePeering(a, b, there, back);
    this.hops.push({ step, at: subnetLabel(this.model, from), result: 'deny', detail: reason });
    return {
      kind: 'final',
      verdict: this.verdict('denied', { kind: 'peering', from: a, to: b, reason }, `denied: ${reason}, so ${subnetLabel(this.model, from)} has no route to ${this.destination.label} (system route ${route.prefix.text} -> ${route.nextHopType})`),
    };
  }

  private throughFirewall(firewall: Firewall): FlowVerdict | undefined {
    this.viaFirewall = true;
    const subnet = byKey<Subnet>(this.model, 'subnets', firewall.subnetKey);
    const [problem] = [...firewall.unresolved, ...(subnet ? unresolvedAround(this.model, subnet) : [])];
    if (problem) return this.unknown(problem);
    if (!subnet || !firewall.policyKey) {
      return this.unknown(missing(firewall, subnet ? 'firewall_policy_id' : 'ip_configuration.subnet_id', 'not set (classic firewall rules are not modelled)'));
    }
    const flow = { protocol: this.query.protocol, port: this.query.port, source: this.source.endpoint, destination: this.destination.endpoint };
    const outcome = evaluateFirewall(this.model, firewall, flow);
    const policy = this.model.policies[firewall.policyKey] ?? '?';
    if (outcome.result === 'unknown') return this.unknown(outcome.unresolved);
    if (outcome.result === 'default-deny') {
      const skipped = outcome.skippedFqdnRules > 0 ? ` (${outcome.skippedFqdnRules} FQDN-based rule(s) not evaluated: FQDN rules do not match an IP flow)` : '';
      const text = `firewall ${firewall.name} default deny: no rule of policy ${policy} matches ${this.query.protocol}/${this.query.port}${skipped}`;
      this.hops.push({ step: 'firewall', at: firewall.name, result: 'deny', detail: text });
      return this.verdict('denied', { kind: 'firewall-default-deny', firewall: firewall.name, policy }, `denied by ${text}`);
    }
    const { group, collection, rule, ruleType } = outcome.matched;
    const decision: Decision = {
      kind: 'firewall-rule',
      firewall: firewall.name,
      policy,
      ruleCollectionGroup: group.name,
      ruleCollection: collection.name,
      rule: rule.name,
      ruleType,
      action: outcome.action,
      resource: group.resource,
      stack: group.stack,
    };
    const text = `firewall ${firewall.name} ${ruleType} rule ${group.name}/${collection.name}/${rule.name} (${outcome.action})`;
    if (outcome.action === 'Deny') {
      this.hops.push({ step: 'firewall', at: firewall.name, result: 'deny', detail: text });
      return this.verdict('denied', decision, `denied by ${text}`);
    }
    this.allow({ step: 'firewall', at: firewall.name, result: 'allow', detail: text }, decision, text);
    const routed = this.routeFrom(subnet, 'firewall-route');
    if (routed.kind === 'final') return routed.verdict;
    return this.forwardedTrafficCheck(subnet);
  }

  /**
   * Traffic the firewall forwards into a peered VNet keeps its original source address; the destination VNet's
   * peering to the firewall's VNet must allow forwarded traffic unless that address is in the firewall's VNet.
   */
  private forwardedTrafficCheck(firewallSubnet: Subnet): FlowVerdict | undefined {
    const target = this.destination.subnet;
    const hub = vnetOf(this.model, firewallSubnet);
    if (!target?.vnetKey || !hub || target.vnetKey === hub.key) return undefined;
    if (hub.addressSpace.some((prefix) => inRange(this.source.endpoint.ip, prefix))) return undefined;
    const peering = peeringBetween(this.model, target.vnetKey, hub.key);
    if (peering?.allowForwardedTraffic) return undefined;
    const spoke = vnetOf(this.model, target)?.name ?? '?';
    const reason = `the peering ${peering?.name ?? '?'} from ${spoke} to ${hub.name} does not allow forwarded traffic (allow_forwarded_traffic is not true)`;
    this.hops.push({ step: 'firewall-route', at: hub.name, result: 'deny', detail: reason });
    return this.verdict('denied', { kind: 'peering', from: spoke, to: hub.name, reason }, `denied: ${reason}`);
  }

  private unknown(reference: UnresolvedReference): FlowVerdict {
    const decision: Decision = { kind: 'unresolved', ...reference };
    const text = `unknown: cannot resolve ${reference.attribute} of ${reference.resource} in ${reference.stack || '?'} (${reference.expression || 'no value'}): ${reference.reason}`;
    this.hops.push({ step: this.hops.at(-1)?.step ?? 'source-nsg', at: reference.resource, result: 'unknown', detail: text });
    return this.verdict('unknown', decision, text);
  }

  private verdict(outcome: FlowVerdict['outcome'], decidedBy: Decision, explanation: string): FlowVerdict {
    const notes = this.notes.length > 0 ? `; note: ${this.notes.join('; ')}` : '';
    const via = this.dnat && outcome !== 'allowed' ? ` (after ${dnatText(this.dnat)})` : '';
    return { outcome, viaFirewall: this.viaFirewall, ...(this.dnat ? { dnat: this.dnat } : {}), decidedBy, hops: this.hops, explanation: `${explanation}${via}${notes}` };
  }
}

function nsgDecision(nsg: string, rule: SecurityRule, isDefault: boolean): Decision {
  const common = { nsg, rule: rule.name, priority: rule.priority, direction: rule.direction, access: rule.access };
  return isDefault ? { kind: 'default-rule', ...common } : { kind: 'nsg-rule', ...common, resource: rule.resource, stack: rule.stack };
}

function routeDecision(subnet: string, route: EffectiveRoute): Decision {
  const user = route.route ? { route: route.route.name, resource: route.route.resource, stack: route.route.stack } : {};
  return { kind: 'route', subnet, prefix: route.prefix.text, nextHopType: route.nextHopType, source: route.source, ...user };
}

function describePeering(a: string, b: string, there: { allowVirtualNetworkAccess: boolean } | undefined, back: { allowVirtualNetworkAccess: boolean } | undefined): string {
  if (!there && !back) return `${a} and ${b} are not peered`;
  if (!there || !back) return `${a} and ${b} are peered in one direction only (${there ? `${a} -> ${b}` : `${b} -> ${a}`}); a peering is needed in both`;
  return `the peering between ${a} and ${b} does not allow virtual network access`;
}

function missing(element: { resource: string; stack: string }, attribute: string, reason = 'could not be read'): UnresolvedReference {
  return { resource: element.resource, stack: element.stack, attribute, expression: '', reason };
}
