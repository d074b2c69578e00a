/**
 * The segmentation a landing zone promises, as flows with an expected outcome, derived from the environment config
 * and checked against the synthesized network model: tiers talk only to their neighbour on its ports, management
 * only from Bastion, from the Internet exactly the published (DNAT) ports and targets and nothing else, spoke-to-spoke
 * only through the firewall and only when configured, and Internet egress only through the firewall. A violation
 * names the rule that decided the wrong outcome.
 */
import { cidr } from '../lib/cidr';
import { sortedEntries } from '../lib/collections';
import type { LandingZoneConfig, SpokeConfig } from '../config/schema';
import { spokePrivateEndpoints } from '../config/spoke-plan';
import { APPLICATION_GATEWAY_LISTENER_PORTS } from '../lib/application-gateway';
import { privateEndpointPortsFor } from '../lib/private-link-zones';
import { MANAGEMENT_PORTS as MANAGEMENT_PORT_TEXTS, ORIGIN_TIERS, SpokeTier, TARGET_TIERS, WORKLOAD_TIERS } from '../lib/spoke-tiers';
import { spokeSubnetName } from '../config/spoke-names';
import { declaredFlowsOf, DeclaredFlowRecord } from '../lib/stack-metadata';
import type { TerraformJson } from './load';
import { dnatText } from './dnat';
import { formatIpv4, parseIpv4 } from '../lib/ip';
import { parsePortRange, portInSpec } from '../lib/rule-fields';
import { INTERNET_PROBE_ADDRESS } from './matrix';
import { NetworkModel } from './model';
import { FlowQuery, FlowVerdict, Protocol } from './types';
import { verifyFlow } from './verify';

/**
 * `direct`: allowed without the firewall; `firewall`: allowed through it; `published`: allowed from the Internet
 * through a firewall DNAT rule; `denied`: not allowed.
 */
export type ExpectedOutcome = 'direct' | 'firewall' | 'published' | 'denied';

export interface IntendedFlow {
  /** e.g. `shop web -> shop data 1433/Tcp`. */
  readonly description: string;
  readonly query: FlowQuery;
  readonly expected: ExpectedOutcome;
}

export interface IntentViolation {
  readonly flow: IntendedFlow;
  readonly verdict: FlowVerdict;
  /** One line: what was expected, what happened, and the deciding rule. */
  readonly message: string;
}

const MANAGEMENT_PORTS = MANAGEMENT_PORT_TEXTS.map(Number);

export interface IntentOptions {
  /**
   * Which spoke pairs get the spoke-to-spoke checks (a tier x tier x port grid per pair, quadratic in spokes):
   * `all`, or `neighbours`: the spokes a spoke has flows with (either way) and the next spoke in config order, so
   * the check grows linearly (the synth gate uses it above `ALL_PAIRS_UP_TO` spokes).
   * @default 'all'
   */
  readonly spokePairs?: 'all' | 'neighbours';
  /**
   * Flows constructs opened on purpose (`ThreeTierSpoke.allowFlow`), read from the stacks with `declaredFlowsIn`:
   * each is expected allowed directly, and replaces any config-derived expectation for the same subnets and port.
   * @default - none
   */
  readonly declaredFlows?: readonly DeclaredFlowRecord[];
}

/** The flows the stacks of one environment declare (`"//": { "declaredFlows": [...] }`), in stack order. */
export function declaredFlowsIn(stacks: Readonly<Record<string, TerraformJson>>): DeclaredFlowRecord[] {
  return sortedEntries(stacks).flatMap(([, json]) => declaredFlowsOf(json));
}

/** Up to this many spokes the synth gate checks every spoke pair (10 spokes: about 3,800 flows). */
export const ALL_PAIRS_UP_TO = 10;

/** Every flow whose outcome the environment's config implies. Deterministic order. */
export function intendedFlows(config: LandingZoneConfig, options: IntentOptions = {}): IntendedFlow[] {
  const flows: IntendedFlow[] = [];
  const subnet = (spoke: SpokeConfig, tier: SpokeTier) => ({ subnet: spokeSubnetName(config, spoke.name, tier) });
  const add = (description: string, source: FlowQuery['source'], destination: FlowQuery['destination'], ports: readonly number[], expected: ExpectedOutcome, protocol: Protocol = 'Tcp') => {
    for (const port of ports) flows.push({ description: `${description} ${port}/${protocol}`, query: { source, destination, port, protocol }, expected });
  };
  const bastion = { subnet: 'AzureBastionSubnet' };
  const firewallSubnet = { subnet: 'AzureFirewallSubnet' };
  const internet = { ip: INTERNET_PROBE_ADDRESS };

  for (const spoke of config.spokes) {
    const name = spoke.name;
    // A workload behind an Application Gateway: the web subnet is the gateway's (Internet listeners, no VMs).
    const gateway = spoke.workload?.ingress === 'appGateway';
    const ports = {
      ingress: gateway ? APPLICATION_GATEWAY_LISTENER_PORTS.map(Number) : firstPorts(spoke.ingress.ports),
      app: firstPorts(spoke.ports.app),
      data: firstPorts(spoke.ports.data),
      privateEndpoints: firstPorts(spoke.ports.privateEndpoints),
    };
    const at = (tier: SpokeTier) => subnet(spoke, tier);
    const origins = ORIGIN_TIERS.filter((tier) => spoke.subnets[tier]);

    // Tier to tier, inside the spoke.
    add(`${name} web -> ${name} app`, at('web'), at('app'), ports.app, 'direct');
    add(`${name} app -> ${name} data`, at('app'), at('data'), ports.data, 'direct');
    for (const tier of WORKLOAD_TIERS) add(`${name} ${tier} -> ${name} privateEndpoints`, at(tier), at('privateEndpoints'), ports.privateEndpoints, 'direct');

    // Private endpoints the config places in the spoke: HTTPS from every tier that originates traffic; data ports
    // (SQL 1433, ...) only from the app tier and the App Service integration subnet, so the path to the data is
    // Internet -> gateway (web) -> web app endpoint (443) -> app (integration subnet) -> SQL endpoint (1433).
    const endpointPorts = [...new Set(spokePrivateEndpoints(spoke).flatMap((e) => privateEndpointPortsFor(e.service, e.subresource)))].sort();
    for (const port of endpointPorts) {
      for (const tier of origins) {
        const allowed = port === '443' || tier === 'app' || tier === 'appServiceIntegration';
        add(`${name} ${tier} -> ${name} private endpoints`, at(tier), at('privateEndpoints'), [Number(port)], allowed ? 'direct' : 'denied');
      }
      add(`Internet -> ${name} private endpoints`, internet, at('privateEndpoints'), [Number(port)], 'denied');
      add(`hub firewall -> ${name} private endpoints`, firewallSubnet, at('privateEndpoints'), [Number(port)], 'denied');
    }
    if (spoke.subnets.appServiceIntegration) add(`${name} appServiceIntegration -> ${name} app`, at('appServiceIntegration'), at('app'), ports.app, 'direct');
    add(`${name} web -> ${name} data`, at('web'), at('data'), ports.data, 'denied');
    add(`${name} app -> ${name} web`, at('app'), at('web'), [...ports.ingress, ...ports.app], 'denied');
    add(`${name} data -> ${name} app`, at('data'), at('app'), ports.app, 'denied');
    add(`${name} data -> ${name} web`, at('data'), at('web'), ports.ingress, 'denied');
    add(`${name} privateEndpoints -> ${name} app`, at('privateEndpoints'), at('app'), ports.app, 'denied');

    // Ingress: only the configured source reaches the web tier; from the Internet exactly what is published, or the
    // listeners of an Application Gateway (the WAF is then the Internet edge).
    if (gateway) add(`hub firewall -> ${name} web (Application Gateway)`, firewallSubnet, at('web'), ports.ingress, 'denied');
    else if (!spoke.ingress.sources) add(`hub firewall (DNAT) -> ${name} web`, firewallSubnet, at('web'), ports.ingress, 'direct');
    add(`hub firewall -> ${name} app`, firewallSubnet, at('app'), ports.app, 'denied');
    const publish = spoke.ingress.publish;
    if (gateway) {
      add(`Internet -> ${name} web`, internet, at('web'), ports.ingress, 'direct');
    } else if (publish) {
      // The schema requires at least one range when allowFrom is given; the probe comes from the first.
      const firstAllowed = publish.allowFrom?.[0];
      const allowed = firstAllowed !== undefined ? { ip: formatIpv4(cidr(firstAllowed).first) } : internet;
      add(`Internet -> ${name} web ${publish.webAddress} (published)`, allowed, { ip: publish.webAddress }, ports.ingress, 'published');
      if (publish.allowFrom && !publish.allowFrom.some((range) => contains(range, INTERNET_PROBE_ADDRESS))) {
        add(`Internet outside allowFrom -> ${name} web ${publish.webAddress}`, internet, { ip: publish.webAddress }, ports.ingress, 'denied');
      }
      // Any other address of the web tier must stay closed to the Internet (the NSG, not only the missing DNAT rule).
      const other = otherWebAddress(spoke.subnets.web, publish.webAddress);
      add(`Internet -> ${name} web ${other} (not published)`, internet, { ip: other }, ports.ingress, 'denied');
    } else {
      add(`Internet -> ${name} web`, internet, at('web'), ports.ingress, 'denied');
    }
    add(`Internet -> ${name} web`, internet, at('web'), MANAGEMENT_PORTS, 'denied');
    add(`Internet -> ${name} app`, internet, at('app'), [...ports.app, ...MANAGEMENT_PORTS], 'denied');
    add(`Internet -> ${name} data`, internet, at('data'), [...ports.data, ...MANAGEMENT_PORTS], 'denied');
    add(`Internet -> ${name} privateEndpoints`, internet, at('privateEndpoints'), ports.privateEndpoints, 'denied');

    // Management only from Bastion, and never to private endpoints.
    for (const tier of WORKLOAD_TIERS) {
      // Nothing to manage in an Application Gateway subnet: no management port is open there.
      add(`Bastion -> ${name} ${tier}`, bastion, at(tier), MANAGEMENT_PORTS, gateway && tier === 'web' ? 'denied' : 'direct');
      for (const other of WORKLOAD_TIERS.filter((t) => t !== tier)) add(`${name} ${other} -> ${name} ${tier} (management)`, at(other), at(tier), MANAGEMENT_PORTS, 'denied');
      add(`hub firewall -> ${name} ${tier} (management)`, firewallSubnet, at(tier), MANAGEMENT_PORTS, 'denied');
    }
    add(`Bastion -> ${name} privateEndpoints`, bastion, at('privateEndpoints'), MANAGEMENT_PORTS, 'denied');

    // DNS goes to the firewall's proxy; the platform vault's private endpoint in the hub is not for workloads.
    for (const tier of WORKLOAD_TIERS) {
      if (config.hub.firewall.dnsProxyEnabled) add(`${name} ${tier} -> hub firewall DNS`, at(tier), firewallSubnet, [53], 'direct', 'Udp');
      add(`${name} ${tier} -> hub private endpoints`, at(tier), { subnet: spokeSubnetName(config, 'hub', 'privateEndpoints') }, [443], 'denied');
    }

    // Internet egress leaves only through the firewall, which denies what no rule allows.
    // The Application Gateway subnet is the exception Azure imposes: v2 gateways need 0.0.0.0/0 to the Internet.
    for (const tier of WORKLOAD_TIERS) add(`${name} ${tier} -> Internet (unlisted)`, at(tier), internet, [443], gateway && tier === 'web' ? 'direct' : 'denied');

    // Spoke to spoke: only configured flows, only through the firewall; everything else denied.
    for (const other of pairedSpokes(config, spoke, options.spokePairs ?? 'all')) {
      const otherPorts = { web: firstPorts(other.ingress.ports), app: firstPorts(other.ports.app), data: firstPorts(other.ports.data), privateEndpoints: firstPorts(other.ports.privateEndpoints) };
      for (const from of WORKLOAD_TIERS) {
        for (const to of TARGET_TIERS) {
          for (const port of [...otherPorts[to], ...MANAGEMENT_PORTS]) {
            const configured = spoke.flows.some((f) => f.from === from && f.to.spoke === other.name && f.to.tier === to && f.ports.some((p) => portInSpec(port, p)));
            add(`${name} ${from} -> ${other.name} ${to}`, at(from), subnet(other, to), [port], configured ? 'firewall' : 'denied');
          }
        }
      }
    }
  }
  return withDeclaredFlows(flows, options.declaredFlows ?? []);
}

/** `flows` with each declared flow expected allowed (first port of each range), overriding what config implied for it. */
function withDeclaredFlows(flows: IntendedFlow[], declared: readonly DeclaredFlowRecord[]): IntendedFlow[] {
  if (declared.length === 0) return flows;
  const subnetOf = (endpoint: FlowQuery['source']) => ('subnet' in endpoint ? endpoint.subnet : undefined);
  const covers = (d: DeclaredFlowRecord, q: FlowQuery) =>
    subnetOf(q.source) === d.fromSubnet && subnetOf(q.destination) === d.toSubnet && q.protocol === d.protocol && d.ports.some((p) => portInSpec(q.port, p));
  const added = declared.flatMap((d) =>
    firstPorts(d.ports).map((port): IntendedFlow => ({
      description: `${d.spoke} ${d.fromTier} -> ${d.spoke} ${d.toTier} (allowFlow) ${port}/${d.protocol}`,
      query: { source: { subnet: d.fromSubnet }, destination: { subnet: d.toSubnet }, port, protocol: d.protocol },
      expected: 'direct',
    })),
  );
  return [...flows.filter((f) => !declared.some((d) => covers(d, f.query))), ...added];
}

/** The spokes `spoke` gets spoke-to-spoke checks against, in config order. */
function pairedSpokes(config: LandingZoneConfig, spoke: SpokeConfig, pairs: 'all' | 'neighbours'): SpokeConfig[] {
  const others = config.spokes.filter((s) => s.name !== spoke.name);
  if (pairs === 'all') return others;
  const index = config.spokes.indexOf(spoke);
  const next = config.spokes[(index + 1) % config.spokes.length]?.name;
  const talking = new Set([...spoke.flows.map((f) => f.to.spoke), ...config.spokes.filter((s) => s.flows.some((f) => f.to.spoke === spoke.name)).map((s) => s.name)]);
  return others.filter((s) => s.name === next || talking.has(s.name));
}

/**
 * Checks every intended flow; returns the ones whose verdict differs (an 'unknown' verdict is a violation too), then
 * every DNAT publication in the output that the config does not publish (target address and port).
 */
export function checkIntendedSegmentation(model: NetworkModel, config: LandingZoneConfig, options: IntentOptions = {}): IntentViolation[] {
  return checkIntent(model, config, options).violations;
}

/**
 * `checkIntendedSegmentation` with the number of checks it made (the intended flows plus one per DNAT rule in the
 * output), deriving the intended flows once: the synth gate's call.
 */
export function checkIntent(model: NetworkModel, config: LandingZoneConfig, options: IntentOptions = {}): { readonly checked: number; readonly violations: IntentViolation[] } {
  const flows = intendedFlows(config, options);
  const violations = flows.flatMap((flow) => {
    const verdict = verifyFlow(model, flow.query);
    const actual = actualOutcome(verdict);
    if (actual === flow.expected) return [];
    return [{ flow, verdict, message: `${config.environment}: ${flow.description}: expected ${describe(flow.expected)}, got ${describe(actual)}: ${verdict.explanation}` }];
  });
  return { checked: flows.length + publishedTargets(model).length, violations: [...violations, ...unexpectedPublications(model, config)] };
}

/** Every DNAT rule of the output that translates to a target address and port the config does not publish. */
function unexpectedPublications(model: NetworkModel, config: LandingZoneConfig): IntentViolation[] {
  const expected = new Set(config.spokes.flatMap((spoke) => (spoke.ingress.publish ? firstPorts(spoke.ingress.ports).map((port) => `${spoke.ingress.publish?.webAddress}:${port}`) : [])));
  return publishedTargets(model).flatMap(({ address, port, protocol, probe }) => {
    if (expected.has(`${address}:${port}`)) return [];
    const query: FlowQuery = { source: { ip: probe }, destination: { ip: address }, port, protocol };
    const flow: IntendedFlow = { description: `Internet -> ${address} ${port}/${protocol}`, query, expected: 'denied' };
    let verdict: FlowVerdict;
    try {
      verdict = verifyFlow(model, query);
    } catch {
      // A target outside every subnet of the environment: still a publication the config does not make.
      return [{ flow, verdict: unplaced(address), message: `${config.environment}: ${flow.description}: a DNAT rule publishes it, but no spoke's ingress.publish does (the target is in no subnet of this environment)` }];
    }
    const rule = verdict.dnat ? dnatText(verdict.dnat) : 'a DNAT rule';
    return [{ flow, verdict, message: `${config.environment}: ${flow.description}: expected denied (no spoke's ingress.publish names this target and port), but ${rule} publishes it; ${verdict.explanation}` }];
  });
}

/** Targets of every DNAT rule in the output, with an Internet address the rule accepts. */
function publishedTargets(model: NetworkModel): { address: string; port: number; protocol: Protocol; probe: string }[] {
  const targets: { address: string; port: number; protocol: Protocol; probe: string }[] = [];
  for (const group of model.ruleCollectionGroups) {
    for (const collection of group.nat) {
      for (const rule of collection.rules) {
        if (rule.translated?.ip === undefined || rule.translatedPort === undefined) continue;
        const range = rule.sources.find((item) => item.kind === 'range');
        const probe = rule.sources.some((item) => item.kind === 'any') || !range ? INTERNET_PROBE_ADDRESS : formatIpv4(range.first);
        const protocol: Protocol = rule.protocols.includes('UDP') && !rule.protocols.includes('TCP') ? 'Udp' : 'Tcp';
        targets.push({ address: formatIpv4(rule.translated.ip), port: rule.translatedPort, protocol, probe });
      }
    }
  }
  return targets;
}

function actualOutcome(verdict: FlowVerdict): ExpectedOutcome | 'unknown' {
  if (verdict.outcome !== 'allowed') return verdict.outcome;
  return verdict.dnat ? 'published' : verdict.viaFirewall ? 'firewall' : 'direct';
}

function unplaced(address: string): FlowVerdict {
  const reason = `${address} is in no subnet of this environment`;
  return {
    outcome: 'unknown',
    viaFirewall: true,
    decidedBy: { kind: 'unresolved', resource: address, stack: '', attribute: 'translated_address', expression: address, reason },
    hops: [],
    explanation: reason,
  };
}

function describe(outcome: ExpectedOutcome | 'unknown'): string {
  return { direct: 'allowed', firewall: 'allowed through the firewall', published: 'allowed from the Internet through DNAT', denied: 'denied', unknown: 'unknown' }[outcome];
}

/** A usable address of the web subnet other than the published one (Azure reserves the first four). */
function otherWebAddress(web: string, published: string): string {
  const first = cidr(web).first + 4n;
  return formatIpv4(parseIpv4(published) === first ? first + 1n : first);
}

function contains(range: string, address: string): boolean {
  const block = cidr(range);
  const ip = parseIpv4(address) as bigint;
  return block.first <= ip && ip <= block.last;
}

/** First port of each port or range (`8000-8100` probes 8000); config ports are checked, so each parses. */
function firstPorts(ports: readonly (number | string)[]): number[] {
  return ports.map((p) => parsePortRange(p)?.from ?? Number.NaN);
}

