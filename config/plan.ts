/**
 * Semantic checks that a schema cannot express (address containment and overlaps, Azure's minimum subnet sizes,
 * SKU dependencies) and the hub subnet plan: explicit prefixes are kept, missing required ones are carved.
 */
import { carve, Cidr, cidr, contains, overlaps } from '../lib/cidr';
import { bastionHostProblems } from '../lib/bastion-rules';
import { firewallPolicyProblems } from '../lib/firewall-policy-rules';
import { HubSubnetName, hubPrivateEndpointSubnetProblems, hubSubnetProblems, MINIMUM_PREFIX_LENGTH } from '../lib/hub-subnets';
import { ProblemCollector } from './problems';
import { keyVaultName, parseKeyVaultSecretId } from '../lib/naming';
import { pairs } from '../lib/collections';
import { quote } from '../lib/quote';
import { closestMatch } from '../lib/suggest';
import { azureRegion } from './regions';
import { HubSubnetPlan, ParsedLandingZoneConfig } from './schema';

type ParsedHub = ParsedLandingZoneConfig['hub'];

/** Hub subnets the configuration needs, in carving order (largest first keeps carving aligned and compact). */
export function requiredHubSubnets(hub: ParsedHub): HubSubnetName[] {
  const names: HubSubnetName[] = ['AzureFirewallSubnet', 'AzureBastionSubnet'];
  if (hub.firewall.forcedTunnelingEnabled) names.push('AzureFirewallManagementSubnet');
  if (hub.gatewaySubnetEnabled || hub.subnets.GatewaySubnet) names.push('GatewaySubnet');
  return names;
}

/** Checks the hub section and returns its subnet plan, or undefined when it has errors. */
export function planHub(hub: ParsedHub, problems: ProblemCollector, path = 'hub'): HubSubnetPlan | undefined {
  const before = problems.problems.length;
  const spaces = hub.addressSpace.map((text) => cidr(text));

  const required = requiredHubSubnets(hub);
  if (hub.subnets.AzureFirewallManagementSubnet && !hub.firewall.forcedTunnelingEnabled) {
    problems.error(
      `${path}.subnets.AzureFirewallManagementSubnet`,
      'is set but hub.firewall.forcedTunnelingEnabled is false; remove the subnet or enable forced tunnelling',
    );
  }

  const explicit: { name: HubSubnetName; path: string; cidr: Cidr }[] = [];
  for (const name of required) {
    const text = hub.subnets[name];
    if (!text) continue;
    const subnetPath = `${path}.subnets.${name}`;
    const prefix = cidr(text);
    explicit.push({ name, path: subnetPath, cidr: prefix });
    for (const problem of hubSubnetProblems(name, prefix, spaces)) {
      problems.error(subnetPath, `${problem} (or remove it to have one carved automatically)`);
    }
  }
  checkNoOverlaps(explicit, problems);

  const plan: Partial<Record<HubSubnetName | 'privateEndpoints', string>> = {};
  const taken = explicit.map((e) => e.cidr);
  for (const e of explicit) plan[e.name] = e.cidr.text;
  for (const name of required) {
    if (plan[name]) continue;
    const carved = carve(spaces, MINIMUM_PREFIX_LENGTH[name], taken);
    if (!carved) {
      problems.error(
        `${path}.addressSpace`,
        `has no free /${MINIMUM_PREFIX_LENGTH[name]} left for ${name}; enlarge the address space ` +
          `(the hub needs ${describeNeed(required)}) or set hub.subnets.${name} explicitly`,
      );
      continue;
    }
    taken.push(carved);
    plan[name] = carved.text;
  }

  const privateEndpoints = planHubPrivateEndpointSubnet(hub, spaces, taken, problems, path);
  if (privateEndpoints) plan.privateEndpoints = privateEndpoints;

  checkHubOptions(hub, problems, path);
  if (problems.problems.slice(before).some((p) => p.severity === 'error')) return undefined;
  return plan as HubSubnetPlan;
}

/** The hub's private-endpoint subnet (platform Key Vault): explicit and checked, or a carved /27. */
function planHubPrivateEndpointSubnet(hub: ParsedHub, spaces: readonly Cidr[], taken: Cidr[], problems: ProblemCollector, path: string): string | undefined {
  const subnetPath = `${path}.subnets.privateEndpoints`;
  const text = hub.subnets.privateEndpoints;
  if (text) {
    const prefix = cidr(text);
    problems.errors(hubPrivateEndpointSubnetProblems(prefix, spaces), () => subnetPath);
    const clash = taken.find((t) => overlaps(t, prefix));
    if (clash) problems.error(subnetPath, `${text} overlaps ${clash.text}, another hub subnet; pick a free prefix or remove it to have one carved`);
    taken.push(prefix);
    return prefix.text;
  }
  const carved = carve(spaces, HUB_PRIVATE_ENDPOINT_PREFIX_LENGTH, taken);
  if (!carved) {
    // One "enlarge the address space" error is enough; it already lists what the hub needs.
    if (problems.problems.some((p) => p.path === `${path}.addressSpace` && p.severity === 'error')) return undefined;
    problems.error(`${path}.addressSpace`, `has no free /${HUB_PRIVATE_ENDPOINT_PREFIX_LENGTH} left for the private-endpoint subnet; enlarge the address space or set hub.subnets.privateEndpoints`);
    return undefined;
  }
  taken.push(carved);
  return carved.text;
}

/** Size of the carved hub private-endpoint subnet. */
export const HUB_PRIVATE_ENDPOINT_PREFIX_LENGTH = 27;

/**
 * TLS inspection: the CA must live in this environment's platform Key Vault (the firewall identity may read only
 * that), and needs the Premium tier. Without a CA, inspection is off and the user is told so.
 */
export function checkTlsInspection(
  config: Pick<ParsedLandingZoneConfig, 'hub' | 'environment' | 'location' | 'subscriptionId'>,
  problems: ProblemCollector,
): void {
  const path = 'hub.firewall.tlsInspection.certificateSecretId';
  const { firewall } = config.hub;
  let platformVault: string;
  try {
    platformVault = platformKeyVaultName(config);
  } catch {
    return; // the generated name does not fit; checkGeneratedNames reports it at `environment`
  }
  const secretId = firewall.tlsInspection.certificateSecretId;
  if (!secretId) {
    problems.warning(path, `is not set, so TLS inspection is off; import an intermediate CA into ${platformVault} (out of band) and set its secret ID here`);
    return;
  }
  // The tier it needs is FirewallPolicy's rule, checked with the others in checkHubOptions.
  const vault = parseKeyVaultSecretId(secretId)?.vault;
  if (vault && vault !== platformVault) {
    problems.error(path, `points at vault '${vault}', but the firewall may read only this environment's platform vault '${platformVault}'; import the CA there and use https://${platformVault}.vault.azure.net/secrets/<name>`);
  }
}

/** The platform Key Vault of an environment (holds the TLS inspection CA and platform secrets). */
export function platformKeyVaultName(config: Pick<ParsedLandingZoneConfig, 'environment' | 'location' | 'subscriptionId'>): string {
  return keyVaultName({ workload: 'hub', environment: config.environment, regionShortName: azureRegion(config.location).shortName, subscriptionId: config.subscriptionId });
}

function checkHubOptions(hub: ParsedHub, problems: ProblemCollector, path: string): void {
  const { firewall, bastion, ddosProtection } = hub;
  // FirewallPolicy's and BastionHost's own rules (IDPS, TLS inspection, DNS servers; SKU-dependent options).
  const firewallSettings = { ...firewall, tlsInspection: firewall.tlsInspection.certificateSecretId };
  problems.errors(firewallPolicyProblems(firewallSettings), (property) =>
    property === 'tlsInspection' ? `${path}.firewall.tlsInspection.certificateSecretId` : `${path}.firewall.${property}`,
  );
  problems.errors(bastionHostProblems(bastion), (property) => `${path}.bastion.${property}`);
  if (firewall.tier !== 'Premium') {
    problems.warning(`${path}.firewall.tier`, "is 'Standard': no IDPS and no TLS inspection, which a Zero Trust hub expects; use Premium");
  }
  const privateRanges = firewall.privateRanges.map(cidr);
  hub.addressSpace.forEach((text, i) => {
    const space = cidr(text);
    if (!privateRanges.some((range) => contains(range, space))) {
      problems.error(
        `${path}.addressSpace[${i}]`,
        `${text} is not inside any of hub.firewall.privateRanges (${firewall.privateRanges.join(', ')}); ` +
          'add it there so the firewall does not SNAT or treat hub traffic as Internet',
      );
    }
  });
  if (!hub.privateDns.services.includes('keyVault')) {
    problems.error(`${path}.privateDns.services`, "must include 'keyVault': the platform Key Vault's private endpoint registers there");
  }
  if (ddosProtection.planResourceId && !ddosProtection.enabled) {
    problems.error(`${path}.ddosProtection.planResourceId`, 'is set but ddosProtection.enabled is false; remove the ID or enable protection');
  }
  if (!firewall.dnsProxyEnabled) {
    problems.warning(
      `${path}.firewall.dnsProxyEnabled`,
      'is false: spokes resolve through Azure DNS with their own private DNS zone links, and the firewall cannot use FQDNs in network rules; keep it on unless you run your own resolvers',
    );
  }
  if (!ddosProtection.enabled) {
    problems.warning(`${path}.ddosProtection.enabled`, 'is false: the hub public IPs get only infrastructure-level DDoS protection');
  }
}

/**
 * Checks that no two address ranges of an environment overlap: hub and spoke address spaces and on-premises ranges.
 */
export function checkAddressSpaces(
  hubSpaces: readonly string[],
  onPremises: readonly (string | undefined)[],
  problems: ProblemCollector,
  spokeSpaces: readonly (readonly string[])[] = [],
): void {
  // Entries that failed validation are passed as undefined so the others keep their own index in problem paths.
  const ranges = [
    ...hubSpaces.map((text, i) => ({ path: `hub.addressSpace[${i}]`, text })),
    ...spokeSpaces.flatMap((spaces, s) => spaces.map((text, i) => ({ path: `spokes[${s}].addressSpace[${i}]`, text }))),
    ...onPremises.map((text, i) => ({ path: `onPremisesAddressSpaces[${i}]`, text })),
  ];
  checkNoOverlaps(
    ranges.flatMap((r) => (r.text === undefined ? [] : [{ path: r.path, cidr: cidr(r.text) }])),
    problems,
  );
}

/** Reports every pair of overlapping prefixes among `ranges`. */
export function checkNoOverlaps(ranges: readonly { path: string; cidr: Cidr }[], problems: ProblemCollector): void {
  for (const [a, b] of pairs(ranges)) {
    if (overlaps(a.cidr, b.cidr)) {
      problems.error(b.path, `${b.cidr.text} overlaps ${a.cidr.text} (${a.path}); every address range in an environment must be distinct`);
    }
  }
}

function describeNeed(required: readonly HubSubnetName[]): string {
  return [...required.map((n) => `${n} /${MINIMUM_PREFIX_LENGTH[n]}`), `privateEndpoints /${HUB_PRIVATE_ENDPOINT_PREFIX_LENGTH}`].join(', ');
}

/** Security-operations settings that are allowed but weaker than the baseline expects. */
export function checkManagement(config: Pick<ParsedLandingZoneConfig, 'management'>, problems: ProblemCollector): void {
  const { management } = config;
  if (management.logAnalytics.retentionInDays < 90) {
    problems.warning('management.logAnalytics.retentionInDays', `is ${management.logAnalytics.retentionInDays}: investigations need at least 90 days of logs; raise it (prod typically 180-365)`);
  }
  if (!management.defender.securityContact) {
    problems.warning('management.defender.securityContact', 'is not set: Defender for Cloud alerts reach only subscription owners; add the security team\'s address');
  }
  if (!management.sentinel.enabled) {
    problems.warning('management.sentinel.enabled', 'is false: no analytics rules watch this environment (break-glass sign-ins, policy changes, IDPS)');
  }
  if (management.defender.plans.length === 0) {
    problems.warning('management.defender.plans', 'is empty: no Defender for Cloud plan protects this environment');
  }
}

/** Config suppressions name real rules and stacks; expired ones are pointed out before the synth fails on them. */
export function checkPolicySuppressions(
  config: Pick<ParsedLandingZoneConfig, 'policySuppressions'> & { readonly spokes: readonly { readonly name: string }[] },
  problems: ProblemCollector,
  ruleIds: readonly string[] | undefined,
  today: string = new Date().toISOString().slice(0, 10),
): void {
  const concerns = ['management', 'connectivity', ...config.spokes.map((s) => `lz-${s.name}`)];
  config.policySuppressions.forEach((suppression, i) => {
    const path = `policySuppressions[${i}]`;
    if (ruleIds && !ruleIds.includes(suppression.ruleId)) {
      const suggestion = closestMatch(suppression.ruleId, ruleIds);
      problems.error(`${path}.ruleId`, `${quote(suppression.ruleId)} is not a rule of the policy pack${suggestion ? `; did you mean '${suggestion}'?` : ''} (see docs/policy-rules.md)`);
    }
    (suppression.stacks ?? []).forEach((stack, j) => {
      if (!concerns.includes(stack)) problems.error(`${path}.stacks[${j}]`, `'${stack}' is not a stack of this environment; use one of ${concerns.join(', ')}`);
    });
    if (suppression.expires && suppression.expires < today) {
      problems.warning(`${path}.expires`, `was ${suppression.expires}: the suppression of ${suppression.ruleId} no longer works and its finding fails the synth; fix the finding or extend the date with a reason`);
    }
  });
}
