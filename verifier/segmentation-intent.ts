/**
 * The segmentation a landing zone promises, as flows with an expected outcome, derived from the environment config
 * and checked against the synthesized network model: tiers talk only to their neighbour on its ports, management
 * only from Bastion, nothing from the Internet, spoke-to-spoke only through the firewall and only when configured,
 * and Internet egress only through the firewall. A violation names the rule that decided the wrong outcome.
 */
import type { LandingZoneConfig, SpokeConfig } from '../config/schema';
import { MANAGEMENT_PORTS as MANAGEMENT_PORT_TEXTS } from '../constructs/landing-zone/tier-security-rules';
import { spokePrivateEndpoints } from '../config/spoke-plan';
import { APPLICATION_GATEWAY_LISTENER_PORTS } from '../lib/application-gateway';
import { privateEndpointPortsFor } from '../lib/private-link-zones';
import { ORIGIN_TIERS, SpokeTier, TARGET_TIERS, WORKLOAD_TIERS } from '../lib/spoke-tiers';
import { spokeSubnetName } from '../stacks/spoke-names';
import { INTERNET_PROBE_ADDRESS } from './matrix';
import { NetworkModel } from './model';
import { FlowQuery, FlowVerdict, Protocol } from './types';
import { verifyFlow } from './verify';

/** `direct`: allowed without the firewall; `firewall`: allowed through it; `denied`: not allowed. */
export type ExpectedOutcome = 'direct' | 'firewall' | 'denied';

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

/** Every flow whose outcome the environment's config implies. Deterministic order. */
export function intendedFlows(config: LandingZoneConfig): IntendedFlow[] {
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

    // Ingress: only the configured source reaches the web tier; nothing from the Internet, except the listeners of
    // an Application Gateway (the WAF is then the Internet edge).
    if (gateway) add(`hub firewall -> ${name} web (Application Gateway)`, firewallSubnet, at('web'), ports.ingress, 'denied');
    else if (!spoke.ingress.sources) add(`hub firewall (DNAT) -> ${name} web`, firewallSubnet, at('web'), ports.ingress, 'direct');
    add(`hub firewall -> ${name} app`, firewallSubnet, at('app'), ports.app, 'denied');
    add(`Internet -> ${name} web`, internet, at('web'), ports.ingress, gateway ? 'direct' : 'denied');
    add(`Internet -> ${name} app`, internet, at('app'), [...ports.app, ...MANAGEMENT_PORTS], 'denied');
    add(`Internet -> ${name} data`, internet, at('data'), [...ports.data, ...MANAGEMENT_PORTS], 'denied');

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
    for (const other of config.spokes.filter((s) => s.name !== name)) {
      const otherPorts = { web: firstPorts(other.ingress.ports), app: firstPorts(other.ports.app), data: firstPorts(other.ports.data), privateEndpoints: firstPorts(other.ports.privateEndpoints) };
      for (const from of WORKLOAD_TIERS) {
        for (const to of TARGET_TIERS) {
          for (const port of [...otherPorts[to], ...MANAGEMENT_PORTS]) {
            const configured = spoke.flows.some((f) => f.from === from && f.to.spoke === other.name && f.to.tier === to && f.ports.some((p) => portIn(port, p)));
            add(`${name} ${from} -> ${other.name} ${to}`, at(from), subnet(other, to), [port], configured ? 'firewall' : 'denied');
          }
        }
      }
    }
  }
  return flows;
}

/** Checks every intended flow; returns the ones whose verdict differs (an 'unknown' verdict is a violation too). */
export function checkIntendedSegmentation(model: NetworkModel, config: LandingZoneConfig): IntentViolation[] {
  return intendedFlows(config).flatMap((flow) => {
    const verdict = verifyFlow(model, flow.query);
    const actual: ExpectedOutcome | 'unknown' = verdict.outcome === 'allowed' ? (verdict.viaFirewall ? 'firewall' : 'direct') : verdict.outcome;
    if (actual === flow.expected) return [];
    return [{ flow, verdict, message: `${config.environment}: ${flow.description}: expected ${describe(flow.expected)}, got ${describe(actual)}: ${verdict.explanation}` }];
  });
}

function describe(outcome: ExpectedOutcome | 'unknown'): string {
  return { direct: 'allowed', firewall: 'allowed through the firewall', denied: 'denied', unknown: 'unknown' }[outcome];
}

/** First port of each port or range (`8000-8100` probes 8000). */
function firstPorts(ports: readonly (number | string)[]): number[] {
  return ports.map((p) => Number(String(p).split('-')[0]));
}

function portIn(port: number, spec: number | string): boolean {
  const [low, high] = String(spec).split('-').map(Number);
  return high === undefined ? port === low : port >= low && port <= high;
}

