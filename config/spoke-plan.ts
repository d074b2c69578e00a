/**
 * Semantic checks for the `spokes` section and the spoke subnet plan: explicit tier prefixes are kept, missing ones
 * are carved from the spoke's address space. Every problem is reported with its config path.
 */
import { carve, cidr, contains } from '../lib/cidr';
import { PLATFORM_EGRESS, PlatformEgressKey, usesNetworkFqdns } from '../lib/platform-egress';
import { SPOKE_TIERS, SpokeTier, spokeSubnetProblems, TierPrefix } from '../lib/spoke-tiers';
import { globallyUniqueName, keyVaultName, storageAccountName } from '../lib/naming';
import { PrivateLinkService } from '../lib/private-link-zones';
import { APPLICATION_GATEWAY_LISTENER_PORTS, applicationGatewaySubnetProblem } from '../lib/application-gateway';
import { azureRegion } from './regions';
import { ProblemCollector } from './problems';
import { ParsedLandingZoneConfig, SpokeConfig, SpokeSubnetPlan } from './schema';
import { ParsedSpoke } from './spoke-schema';
import { quote } from '../lib/quote';
import { portRangeProblem } from '../lib/rule-fields';

type Parsed = Pick<ParsedLandingZoneConfig, 'hub' | 'spokes'> &
  Partial<Pick<ParsedLandingZoneConfig, 'environment' | 'location' | 'subscriptionId'>> & {
    /** Names of every spoke in the file, including those with schema errors (flows may name them). */
    readonly allSpokeNames?: readonly string[];
  };

/** Normalises a port spec (`443`, `'8000-8100'`) to the string form Azure takes. */
export function portText(port: number | string): string {
  return String(port);
}

/**
 * Checks every spoke and returns the planned spokes, or undefined when any has an error. `positions` are the spokes'
 * indices in the file when only some of them passed the schema (problem paths keep pointing at the right entry).
 */
export function planSpokes(config: Parsed, problems: ProblemCollector, firewallSubnet?: string, positions?: readonly number[]): SpokeConfig[] | undefined {
  const before = problems.problems.length;
  const at = (i: number) => positions?.[i] ?? i;
  checkSpokeNames(config.spokes, problems, positions);
  if (config.spokes.length > 0) checkPlatformEgress(config.hub, problems);

  const planned = config.spokes.map((spoke, i) => {
    const path = `spokes[${at(i)}]`;
    checkSpokeOptions(spoke, config, path, problems);
    const subnets = planSpokeSubnets(spoke, path, problems);
    checkWorkload(spoke, subnets, config, path, problems);
    return subnets ? { ...spoke, subnets } : undefined;
  });
  checkPublishing(config, planned, problems, firewallSubnet, at);
  if (problems.problems.slice(before).some((p) => p.severity === 'error')) return undefined;
  return planned as SpokeConfig[];
}

/** Spoke names are unique: checked on every entry that has a name, even one with other errors. */
export function checkSpokeNames(spokes: readonly unknown[], problems: ProblemCollector, positions?: readonly number[]): void {
  const names = new Map<string, number>();
  spokes.forEach((spoke, i) => {
    const name = typeof spoke === 'object' && spoke !== null ? (spoke as { name?: unknown }).name : undefined;
    if (typeof name !== 'string') return;
    const position = positions?.[i] ?? i;
    const first = names.get(name);
    if (first !== undefined) problems.error(`spokes[${position}].name`, `${quote(name)} is already used by spokes[${first}]; spoke names must be unique`);
    else names.set(name, position);
  });
}

/**
 * Published web tiers: the target lies in the web subnet (not an Azure-reserved address), the firewall subnet may
 * reach the web tier (DNAT arrives from it), and no public port is published twice on the one firewall IP.
 */
function checkPublishing(config: Parsed, planned: readonly (SpokeConfig | undefined)[], problems: ProblemCollector, firewallSubnet: string | undefined, at: (i: number) => number): void {
  const published = new Map<string, string>();
  config.spokes.forEach((spoke, i) => {
    const publish = spoke.ingress.publish;
    const web = planned[i]?.subnets.web;
    if (!publish || !web) return;
    const path = `spokes[${at(i)}].ingress.publish`;
    const subnet = cidr(web);
    const address = cidr(`${publish.webAddress}/32`).first;
    if (address < subnet.first + 4n || address >= subnet.last) {
      problems.error(`${path}.webAddress`, `${publish.webAddress} is not a usable address of the web subnet ${web} (Azure reserves the first four and the last); pick one inside it`);
    }
    if (firewallSubnet && spoke.ingress.sources && !spoke.ingress.sources.some((s) => contains(cidr(s), cidr(firewallSubnet)))) {
      problems.error(`spokes[${at(i)}].ingress.sources`, 'does not include the hub AzureFirewallSubnet, which published (DNAT) traffic comes from; add it or remove ingress.publish');
    }
    spoke.ingress.ports.forEach((port, j) => {
      const key = portText(port);
      if (key.includes('-')) problems.error(`spokes[${at(i)}].ingress.ports[${j}]`, `'${key}' is a range; a published port must be a single port`);
      const first = published.get(key);
      if (first) problems.error(`spokes[${at(i)}].ingress.ports[${j}]`, `port ${key} is already published by spoke '${first}' on the firewall's public IP; publish another port`);
      else published.set(key, spoke.name);
    });
  });
}

/** The tiers a spoke has, in carving order: largest first, ties in tier order. */
export function spokeTiers(spoke: Pick<ParsedSpoke, 'appServiceIntegrationEnabled' | 'subnetSizes'>): SpokeTier[] {
  const tiers = SPOKE_TIERS.filter((t) => t !== 'appServiceIntegration' || spoke.appServiceIntegrationEnabled);
  return [...tiers].sort((a, b) => spoke.subnetSizes[a] - spoke.subnetSizes[b]);
}

function planSpokeSubnets(spoke: ParsedSpoke, path: string, problems: ProblemCollector): SpokeSubnetPlan | undefined {
  const before = problems.problems.length;
  const spaces = spoke.addressSpace.map((text) => cidr(text));
  const tiers = spokeTiers(spoke);
  if (spoke.subnets.appServiceIntegration && !spoke.appServiceIntegrationEnabled) {
    problems.error(`${path}.subnets.appServiceIntegration`, 'is set but appServiceIntegrationEnabled is false; remove the prefix or enable the integration subnet');
  }

  // SpokeVirtualNetwork's own rules (size, containment, no overlap) on the explicit prefixes.
  const explicit: TierPrefix[] = tiers.flatMap((tier) => (spoke.subnets[tier] ? [{ tier, prefix: cidr(spoke.subnets[tier]) }] : []));
  problems.errors(spokeSubnetProblems(spaces, explicit), (property) => `${path}.${property}`);

  const plan: Partial<Record<SpokeTier, string>> = {};
  const taken = explicit.map((e) => e.prefix);
  for (const e of explicit) plan[e.tier] = e.prefix.text;
  const missing: SpokeTier[] = [];
  for (const tier of tiers) {
    if (plan[tier]) continue;
    const carved = carve(spaces, spoke.subnetSizes[tier], taken);
    if (!carved) {
      missing.push(tier);
      continue;
    }
    taken.push(carved);
    plan[tier] = carved.text;
  }
  if (missing.length > 0) {
    const need = tiers.map((t) => `${t} /${spoke.subnetSizes[t]}`).join(', ');
    const left = missing.map((t) => `${t} (/${spoke.subnetSizes[t]})`).join(', ');
    problems.error(`${path}.addressSpace`, `has no room left for ${left}; enlarge the address space (the spoke needs ${need}) or reduce subnetSizes`);
  }
  if (problems.problems.slice(before).some((p) => p.severity === 'error')) return undefined;
  return plan as SpokeSubnetPlan;
}

function checkSpokeOptions(spoke: ParsedSpoke, config: Parsed, path: string, problems: ProblemCollector): void {
  const { hub } = config;
  const privateRanges = hub.firewall.privateRanges.map(cidr);
  spoke.addressSpace.forEach((text, i) => {
    if (!privateRanges.some((range) => contains(range, cidr(text)))) {
      problems.error(
        `${path}.addressSpace[${i}]`,
        `${text} is not inside any of hub.firewall.privateRanges (${hub.firewall.privateRanges.join(', ')}); add it there so the firewall does not SNAT spoke traffic`,
      );
    }
  });
  if (spoke.keyVault.enabled && !spoke.keyVault.name && config.environment && config.location && config.subscriptionId) {
    try {
      spokeKeyVaultName(config as Required<Parsed>, spoke);
    } catch (error) {
      problems.error(`${path}.keyVault.name`, (error as Error).message);
    }
  }
  if (spoke.useRemoteGateways && !hub.gatewaySubnetEnabled) {
    problems.error(`${path}.useRemoteGateways`, 'needs a hub gateway; set hub.gatewaySubnetEnabled: true (and deploy the gateway) or set useRemoteGateways: false');
  }

  const allPorts = [
    ...spoke.ingress.ports.map((p, i) => ({ p, at: `${path}.ingress.ports[${i}]` })),
    ...(['app', 'data', 'privateEndpoints'] as const).flatMap((k) => spoke.ports[k].map((p, i) => ({ p, at: `${path}.ports.${k}[${i}]` }))),
    ...spoke.flows.flatMap((f, j) => f.ports.map((p, i) => ({ p, at: `${path}.flows[${j}].ports[${i}]` }))),
    ...spoke.egress.networkRules.flatMap((r, j) => r.ports.map((p, i) => ({ p, at: `${path}.egress.networkRules[${j}].ports[${i}]` }))),
  ];
  for (const { p, at } of allPorts) {
    const problem = portRangeProblem(p);
    if (problem) problems.error(at, problem);
  }

  const ruleNames = new Set<string>();
  const rules = [
    ...spoke.egress.applicationRules.map((r, i) => ({ rule: r, at: `${path}.egress.applicationRules[${i}]` })),
    ...spoke.egress.networkRules.map((r, i) => ({ rule: r, at: `${path}.egress.networkRules[${i}]` })),
  ];
  for (const { rule, at } of rules) {
    if (ruleNames.has(rule.name)) problems.error(`${at}.name`, `'${rule.name}' is already used by another egress rule of this spoke; rule names must be unique`);
    ruleNames.add(rule.name);
    if (rule.sourceTiers?.includes('appServiceIntegration') && !spoke.appServiceIntegrationEnabled) {
      problems.error(`${at}.sourceTiers`, 'names appServiceIntegration but appServiceIntegrationEnabled is false; enable it or remove the tier');
    }
  }
  spoke.egress.networkRules.forEach((rule, i) => {
    const at = `${path}.egress.networkRules[${i}]`;
    if (!rule.destinations === !rule.fqdns) {
      problems.error(at, 'needs exactly one of destinations (CIDRs, IPs, service tags) or fqdns; Azure Firewall network rules take one destination type');
    }
    if (rule.fqdns && !hub.firewall.dnsProxyEnabled) {
      problems.error(`${at}.fqdns`, 'need the firewall DNS proxy to resolve; set hub.firewall.dnsProxyEnabled: true or use an application rule');
    }
  });

  const flowNames = new Set<string>();
  spoke.flows.forEach((flow, i) => {
    const at = `${path}.flows[${i}]`;
    if (flowNames.has(flow.name)) problems.error(`${at}.name`, `'${flow.name}' is already used by another flow of this spoke; flow names must be unique`);
    flowNames.add(flow.name);
    if (flow.from === 'appServiceIntegration' && !spoke.appServiceIntegrationEnabled) {
      problems.error(`${at}.from`, 'is appServiceIntegration but appServiceIntegrationEnabled is false; enable it or start the flow from another tier');
    }
    if (flow.to.spoke === spoke.name) {
      problems.error(`${at}.to.spoke`, `is this spoke ('${spoke.name}'); flows are for other spokes, tiers of one spoke talk through the tier rules (ports.app, ports.data)`);
    } else if (!(config.allSpokeNames ?? config.spokes.map((s) => s.name)).includes(flow.to.spoke)) {
      const known = (config.allSpokeNames ?? config.spokes.map((s) => s.name)).filter((n) => n !== spoke.name);
      problems.error(`${at}.to.spoke`, `${quote(flow.to.spoke)} is not a spoke of this environment; use one of ${known.length ? known.join(', ') : '(no other spokes)'}`);
    }
  });
}

/** The private endpoints a spoke's config puts in its private-endpoint subnet (vault, web app, SQL, blob). */
export function spokePrivateEndpoints(spoke: Pick<ParsedSpoke, 'workload' | 'keyVault'>): { readonly service: PrivateLinkService; readonly subresource: string }[] {
  return [
    ...(spoke.keyVault.enabled ? [{ service: 'keyVault' as const, subresource: 'vault' }] : []),
    ...(spoke.workload ? [{ service: 'appService' as const, subresource: 'sites' }] : []),
    ...(spoke.workload?.sql ? [{ service: 'sql' as const, subresource: 'sqlServer' }] : []),
    ...(spoke.workload?.storage ? [{ service: 'storage' as const, subresource: 'blob' }] : []),
  ];
}

/** Services whose private DNS zones the hub must host for a workload's endpoints. */
export function workloadPrivateLinkServices(spoke: Pick<ParsedSpoke, 'workload' | 'keyVault'>): PrivateLinkService[] {
  return spoke.workload ? [...new Set(spokePrivateEndpoints(spoke).map((e) => e.service))] : [];
}

/** Whether the workload spreads over zones: as configured, else wherever the region has them. */
export function workloadZoneRedundant(config: Pick<ParsedLandingZoneConfig, 'location'>, workload: NonNullable<ParsedSpoke['workload']>): boolean {
  return workload.zoneRedundant ?? azureRegion(config.location).availabilityZones;
}

function checkWorkload(spoke: ParsedSpoke, subnets: SpokeSubnetPlan | undefined, config: Parsed, path: string, problems: ProblemCollector): void {
  const workload = spoke.workload;
  if (!workload) return;
  const at = `${path}.workload`;
  if (!spoke.appServiceIntegrationEnabled) {
    problems.error(`${path}.appServiceIntegrationEnabled`, "must be true for a webApp workload: the app's outbound traffic (to SQL, Storage, Key Vault) leaves through the delegated integration subnet");
  }
  if (!spoke.keyVault.enabled) {
    problems.error(`${path}.keyVault.enabled`, "must be true for a workload: the app's secrets and the gateway's certificate live in the spoke's vault");
  }
  if (workload.ingress === 'appGateway') {
    if (!workload.appGateway) problems.error(`${at}.appGateway`, 'is required when ingress is appGateway; give at least certificateSecretName (the listener certificate in the spoke vault)');
    if (spoke.ingress.publish) problems.error(`${path}.ingress.publish`, 'publishes the web tier on the firewall, but workload.ingress is appGateway; remove ingress.publish or set workload.ingress: firewallDnat');
    if (spoke.ingress.sources) problems.error(`${path}.ingress.sources`, 'is for firewall or internal ingress; with workload.ingress appGateway set workload.appGateway.allowFrom instead');
    spoke.ingress.ports.forEach((port, i) => {
      if (!(APPLICATION_GATEWAY_LISTENER_PORTS as readonly string[]).includes(portText(port))) {
        problems.error(`${path}.ingress.ports[${i}]`, `${portText(port)} is not a listener port of the Application Gateway (${APPLICATION_GATEWAY_LISTENER_PORTS.join(', ')}); remove it`);
      }
    });
    const web = subnets?.web;
    const tooSmall = web ? applicationGatewaySubnetProblem(cidr(web)) : undefined;
    if (tooSmall) problems.errors([tooSmall], () => (spoke.subnets.web ? `${path}.subnets.web` : `${path}.subnetSizes.web`));
  } else {
    if (!spoke.ingress.publish) problems.error(`${path}.ingress.publish`, 'is required when workload.ingress is firewallDnat: the firewall must publish the web tier (or use ingress: appGateway)');
    if (workload.appGateway) problems.error(`${at}.appGateway`, 'is only used when workload.ingress is appGateway; remove it or change ingress');
  }
  if (config.location && workload.zoneRedundant && !azureRegion(config.location).availabilityZones) {
    problems.error(`${at}.zoneRedundant`, `${config.location} has no availability zones; set zoneRedundant: false or deploy to a region with zones`);
  }
  const hosted = new Set(config.hub.privateDns.services);
  for (const service of workloadPrivateLinkServices(spoke)) {
    if (!hosted.has(service)) problems.error('hub.privateDns.services', `does not include ${service}, which spoke '${spoke.name}' puts behind a private endpoint; add it`);
  }
  if (config.environment && config.location && config.subscriptionId) {
    const props = { workload: spoke.name, environment: config.environment, regionShortName: azureRegion(config.location).shortName, subscriptionId: spoke.subscriptionId ?? config.subscriptionId };
    for (const kind of ['webApp', ...(workload.sql ? ['sqlServer' as const] : [])] as const) {
      try {
        globallyUniqueName(kind, props);
      } catch (error) {
        problems.error(`${path}.name`, (error as Error).message);
      }
    }
    if (workload.storage) {
      try {
        storageAccountName({ purpose: spoke.name, environment: config.environment, regionShortName: props.regionShortName, subscriptionId: props.subscriptionId });
      } catch (error) {
        problems.error(`${path}.name`, (error as Error).message);
      }
    }
  }
}

function checkPlatformEgress(hub: Parsed['hub'], problems: ProblemCollector): void {
  // The baseline is only rendered as firewall rules for spokes; without spokes it has no effect.
  if (hub.firewall.dnsProxyEnabled) return;
  hub.firewall.platformEgress.forEach((key, i) => {
    if (usesNetworkFqdns(PLATFORM_EGRESS[key as PlatformEgressKey].networkRules)) {
      problems.error(`hub.firewall.platformEgress[${i}]`, `'${key}' uses FQDN network rules, which need the DNS proxy; set hub.firewall.dnsProxyEnabled: true or remove '${key}'`);
    }
  });
}

/** The spoke's Key Vault name: explicit, or generated (globally unique per subscription). Throws when too long. */
export function spokeKeyVaultName(
  config: Pick<ParsedLandingZoneConfig, 'environment' | 'location' | 'subscriptionId'>,
  spoke: Pick<ParsedSpoke, 'name' | 'keyVault' | 'subscriptionId'>,
): string {
  return (
    spoke.keyVault.name ??
    keyVaultName({
      workload: spoke.name,
      environment: config.environment,
      regionShortName: azureRegion(config.location).shortName,
      subscriptionId: spoke.subscriptionId ?? config.subscriptionId,
    })
  );
}
