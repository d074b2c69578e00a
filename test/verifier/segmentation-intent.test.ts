/**
 * The intended segmentation of every embedded environment holds on the synthesized output, and a deliberately
 * wrong rule breaks it with the deciding rule named.
 */
import { LandingZoneConfig } from '../../config/schema';
import type { TerraformJson } from '../../verifier/load';
import { buildNetworkModel as buildModel } from '../../verifier/model';
import { checkIntent, checkIntendedSegmentation, intendedFlows } from '../../verifier/segmentation-intent';
import { verifyFlow } from '../../verifier/verify';
import { at, embeddedConfig, embeddedConfigs, synthEnvironments, SynthesizedStack } from '../helpers';

type Stacks = Record<string, SynthesizedStack>;

function buildNetworkModel(stacks: Stacks) {
  return buildModel(stacks as unknown as Record<string, TerraformJson>);
}

function environmentStacks(config: LandingZoneConfig): Stacks {
  return synthEnvironments([config]);
}

/** Adds an NSG rule resource to the NSG named `nsgName` in `stack` (a hand edit of the synthesized JSON). */
function injectRule(stacks: Stacks, stack: string, nsgName: string, rule: Record<string, unknown>): Stacks {
  const copy = JSON.parse(JSON.stringify(stacks)) as Stacks;
  const json = copy[stack] as { resource: Record<string, Record<string, Record<string, unknown>>> };
  const nsgKey = Object.entries(json.resource.azurerm_network_security_group ?? {}).find(([, r]) => r.name === nsgName)?.[0];
  if (!nsgKey) throw new Error(`no NSG ${nsgName} in ${stack}`);
  json.resource.azurerm_network_security_rule![`Injected_${String(rule.name)}`] = {
    resource_group_name: 'rg-injected',
    network_security_group_name: `\${azurerm_network_security_group.${nsgKey}.name}`,
    source_port_range: '*',
    ...rule,
  };
  return copy;
}

const cached = new Map<string, Stacks>();
function stacksOf(environment: string): Stacks {
  if (!cached.has(environment)) cached.set(environment, environmentStacks(embeddedConfig(environment)));
  return cached.get(environment) as Stacks;
}

describe.each(embeddedConfigs().map((c) => [c.environment, c] as const))('%s: intended segmentation', (environment, config) => {
  test('every intended flow has the intended outcome', () => {
    const flows = intendedFlows(config);
    expect(flows.length).toBeGreaterThan(100);
    const violations = checkIntendedSegmentation(buildNetworkModel(stacksOf(environment)), config);
    expect(violations.map((v) => v.message)).toEqual([]);
  });

  test('the intent covers the issue-level promises for every spoke', () => {
    const descriptions = intendedFlows(config).map((f) => `${f.description} => ${f.expected}`);
    for (const spoke of config.spokes) {
      expect(descriptions).toContain(`${spoke.name} web -> ${spoke.name} app ${spoke.ports.app[0]}/Tcp => direct`);
      expect(descriptions).toContain(`${spoke.name} web -> ${spoke.name} data ${spoke.ports.data[0]}/Tcp => denied`);
      expect(descriptions).toContain(`${spoke.name} app -> ${spoke.name} web 443/Tcp => denied`);
      expect(descriptions).toContain(`Internet -> ${spoke.name} app ${spoke.ports.app[0]}/Tcp => denied`);
      expect(descriptions).toContain(`Internet -> ${spoke.name} data ${spoke.ports.data[0]}/Tcp => denied`);
      expect(descriptions).toContain(`Bastion -> ${spoke.name} app 22/Tcp => direct`);
      // From the Internet: an Application Gateway's listeners, exactly the published address, or nothing.
      const publish = spoke.ingress.publish;
      if (spoke.workload?.ingress === 'appGateway') expect(descriptions).toContain(`Internet -> ${spoke.name} web 443/Tcp => direct`);
      else if (publish) expect(descriptions).toContain(`Internet -> ${spoke.name} web ${publish.webAddress} (published) ${spoke.ingress.ports[0]}/Tcp => published`);
      else expect(descriptions).toContain(`Internet -> ${spoke.name} web 443/Tcp => denied`);
      expect(descriptions).toContain(`${spoke.name} web -> ${spoke.name} app (management) 3389/Tcp => denied`);
    }
  });
});

describe.each(
  embeddedConfigs().flatMap((c) => c.spokes.filter((s) => s.workload?.ingress === 'appGateway' && s.workload.sql).map((s) => [c.environment, s.name, c] as const)),
)('%s %s: the seed workload path', (environment, name, config) => {
  const subnet = (tier: string) => ({ subnet: `snet-${tier}-${name}-${environment}-weu` });
  const model = () => buildNetworkModel(stacksOf(environment));
  const verdict = (source: { subnet: string } | { ip: string }, destination: { subnet: string }, port: number) => verifyFlow(model(), { source, destination, port, protocol: 'Tcp' });

  test('Internet -> Application Gateway (web) -> web app endpoint 443 -> App Service integration -> SQL endpoint 1433 holds hop by hop', () => {
    expect(verdict({ ip: '203.0.113.10' }, subnet('web'), 443)).toMatchObject({ outcome: 'allowed', decidedBy: { rule: 'AllowIngressToWeb' } });
    expect(verdict(subnet('web'), subnet('pe'), 443)).toMatchObject({ outcome: 'allowed', viaFirewall: false, decidedBy: { rule: 'AllowToPrivateEndpoints-443' } });
    expect(verdict(subnet('asi'), subnet('pe'), 1433)).toMatchObject({ outcome: 'allowed', viaFirewall: false, decidedBy: { rule: 'AllowToPrivateEndpoints-1433' } });
  });

  test('nothing else reaches the SQL endpoint: not the gateway, not the data tier, not the Internet or the firewall', () => {
    expect(verdict(subnet('web'), subnet('pe'), 1433).outcome).toBe('denied');
    expect(verdict(subnet('data'), subnet('pe'), 1433).outcome).toBe('denied');
    expect(verdict({ ip: '203.0.113.10' }, subnet('pe'), 1433)).toMatchObject({ outcome: 'denied', decidedBy: { rule: 'DenyAllInbound' } });
    expect(verdict({ subnet: 'AzureFirewallSubnet' }, subnet('pe'), 1433).outcome).toBe('denied');
    expect(verdict({ ip: '203.0.113.10' }, subnet('pe'), 443).outcome).toBe('denied');
  });

  test('the intent lists these flows, so `npm run flows -- --check` proves them', () => {
    const descriptions = intendedFlows(config).map((f) => `${f.description} => ${f.expected}`);
    expect(descriptions).toEqual(
      expect.arrayContaining([
        `Internet -> ${name} web 443/Tcp => direct`,
        `${name} web -> ${name} private endpoints 443/Tcp => direct`,
        `${name} appServiceIntegration -> ${name} private endpoints 1433/Tcp => direct`,
        `${name} web -> ${name} private endpoints 1433/Tcp => denied`,
        `${name} data -> ${name} private endpoints 1433/Tcp => denied`,
        `Internet -> ${name} private endpoints 1433/Tcp => denied`,
        `Bastion -> ${name} web 22/Tcp => denied`,
      ]),
    );
  });
});

describe('dev: verdicts name what decided them', () => {
  const model = () => buildNetworkModel(stacksOf('dev'));

  test('web -> app on 8080 is allowed directly by the app NSG rule', () => {
    const verdict = verifyFlow(model(), { source: { subnet: 'snet-web-shop-dev-weu' }, destination: { subnet: 'snet-app-shop-dev-weu' }, port: 8080, protocol: 'Tcp' });
    expect(verdict).toMatchObject({ outcome: 'allowed', viaFirewall: false, decidedBy: { kind: 'nsg-rule', nsg: 'nsg-app-shop-dev-weu', rule: 'AllowWebToApp', priority: 100 } });
  });

  test('web -> data on 1433 is denied at the source by DenyPrivateOutbound', () => {
    const verdict = verifyFlow(model(), { source: { subnet: 'snet-web-shop-dev-weu' }, destination: { subnet: 'snet-data-shop-dev-weu' }, port: 1433, protocol: 'Tcp' });
    expect(verdict).toMatchObject({ outcome: 'denied', decidedBy: { kind: 'nsg-rule', nsg: 'nsg-web-shop-dev-weu', rule: 'DenyPrivateOutbound', priority: 4000 } });
  });

  test('Internet -> data is denied by the explicit DenyAllInbound', () => {
    const verdict = verifyFlow(model(), { source: { ip: '203.0.113.10' }, destination: { subnet: 'snet-data-shop-dev-weu' }, port: 1433, protocol: 'Tcp' });
    expect(verdict).toMatchObject({ outcome: 'denied', decidedBy: { kind: 'nsg-rule', rule: 'DenyAllInbound', priority: 4096 } });
  });

  test('shop app -> crm app 8443 goes through the firewall, allowed by the configured flow rule', () => {
    const verdict = verifyFlow(model(), { source: { subnet: 'snet-app-shop-dev-weu' }, destination: { subnet: 'snet-app-crm-dev-weu' }, port: 8443, protocol: 'Tcp' });
    expect(verdict.outcome).toBe('allowed');
    expect(verdict.viaFirewall).toBe(true);
    expect(verdict.hops.find((h) => h.step === 'firewall')?.detail).toMatch(/rcg-spoke-shop\/shop-east-west\/shop-to-crm-api/);
  });

  test('crm app -> shop app (not configured) is already denied by the source NSG', () => {
    const verdict = verifyFlow(model(), { source: { subnet: 'snet-app-crm-dev-weu' }, destination: { subnet: 'snet-app-shop-dev-weu' }, port: 8080, protocol: 'Tcp' });
    expect(verdict).toMatchObject({ outcome: 'denied', decidedBy: { kind: 'nsg-rule', nsg: 'nsg-app-crm-dev-weu', rule: 'DenyPrivateOutbound' } });
  });

  test('without the source NSG, an unconfigured spoke-to-spoke flow still dies at the firewall', () => {
    const copy = JSON.parse(JSON.stringify(stacksOf('dev'))) as Stacks;
    const rules = (copy['dev-lz-crm'] as { resource: Record<string, Record<string, Record<string, unknown>>> }).resource.azurerm_network_security_rule;
    for (const [key, rule] of Object.entries(rules ?? {})) if (rule.name === 'DenyPrivateOutbound') delete rules![key];
    const verdict = verifyFlow(buildNetworkModel(copy), { source: { subnet: 'snet-app-crm-dev-weu' }, destination: { subnet: 'snet-app-shop-dev-weu' }, port: 8080, protocol: 'Tcp' });
    expect(verdict).toMatchObject({ outcome: 'denied', viaFirewall: true, decidedBy: { kind: 'firewall-default-deny' } });
  });

  test('spoke egress to an Azure Monitor address passes the firewall by the platform baseline', () => {
    const verdict = verifyFlow(model(), { source: { subnet: 'snet-app-shop-dev-weu' }, destination: { ip: '20.50.1.1', serviceTags: ['AzureMonitor'] }, port: 443, protocol: 'Tcp' });
    expect(verdict).toMatchObject({ outcome: 'allowed', viaFirewall: true });
    expect(verdict.hops.find((h) => h.step === 'firewall')?.detail).toMatch(/rcg-platform-egress\/platform-egress-network\/azure-monitor/);
  });

  test('egress to an unlisted Internet address is routed to the firewall and denied there', () => {
    const verdict = verifyFlow(model(), { source: { subnet: 'snet-app-shop-dev-weu' }, destination: { ip: '203.0.113.10' }, port: 443, protocol: 'Tcp' });
    expect(verdict).toMatchObject({ outcome: 'denied', decidedBy: { kind: 'firewall-default-deny' } });
  });
});

describe('a deliberately wrong rule is caught, naming the rule', () => {
  const allowWebToData = (direction: 'Inbound' | 'Outbound') => ({
    name: `AllowWebToData${direction}`,
    priority: 150,
    direction,
    access: 'Allow',
    protocol: 'Tcp',
    source_address_prefix: '10.11.0.0/26',
    destination_address_prefix: '10.11.0.128/27',
    destination_port_range: '1433',
  });

  test('web -> data 1433 allowed on both NSGs fails the intent check with the data NSG rule named', () => {
    let stacks = injectRule(stacksOf('dev'), 'dev-lz-shop', 'nsg-web-shop-dev-weu', allowWebToData('Outbound'));
    stacks = injectRule(stacks, 'dev-lz-shop', 'nsg-data-shop-dev-weu', allowWebToData('Inbound'));
    const violations = checkIntendedSegmentation(buildNetworkModel(stacks), embeddedConfig('dev'));
    expect(violations.map((v) => v.message)).toEqual([
      'dev: shop web -> shop data 1433/Tcp: expected denied, got allowed: allowed by nsg-data-shop-dev-weu inbound rule AllowWebToDataInbound (priority 150), after nsg-web-shop-dev-weu outbound rule AllowWebToDataOutbound (priority 150)',
    ]);
    expect(violations[0]!.verdict.decidedBy).toMatchObject({ kind: 'nsg-rule', rule: 'AllowWebToDataInbound', resource: 'azurerm_network_security_rule.Injected_AllowWebToDataInbound' });
  });

  test('checkIntent (the synth gate\'s call) reports the same violations and counts every intended flow and DNAT publication', () => {
    let stacks = injectRule(stacksOf('dev'), 'dev-lz-shop', 'nsg-web-shop-dev-weu', allowWebToData('Outbound'));
    stacks = injectRule(stacks, 'dev-lz-shop', 'nsg-data-shop-dev-weu', allowWebToData('Inbound'));
    const config = embeddedConfig('dev');
    for (const model of [buildNetworkModel(stacksOf('dev')), buildNetworkModel(stacks)]) {
      const { checked, violations } = checkIntent(model, config);
      expect(violations).toEqual(checkIntendedSegmentation(model, config));
      const publications = model.ruleCollectionGroups.flatMap((g) => g.nat.flatMap((c) => c.rules)).filter((r) => r.translated?.ip !== undefined && r.translatedPort !== undefined);
      expect(checked).toBe(intendedFlows(config).length + publications.length);
    }
    expect(checkIntent(buildNetworkModel(stacks), config).violations).toHaveLength(1);
  });

  test('the wrong rule on the data NSG alone is still stopped by the web tier (defence in depth)', () => {
    const stacks = injectRule(stacksOf('dev'), 'dev-lz-shop', 'nsg-data-shop-dev-weu', allowWebToData('Inbound'));
    expect(checkIntendedSegmentation(buildNetworkModel(stacks), embeddedConfig('dev'))).toEqual([]);
  });

  test('removing the explicit deny-all lets Azure\'s AllowVnetInBound admit other spokes (why the deny-all exists)', () => {
    const copy = JSON.parse(JSON.stringify(stacksOf('dev'))) as Stacks;
    const rules = (copy['dev-lz-crm'] as { resource: Record<string, Record<string, Record<string, unknown>>> }).resource.azurerm_network_security_rule;
    for (const [key, rule] of Object.entries(rules ?? {})) if (rule.name === 'DenyAllInbound') delete rules![key];
    const verdict = verifyFlow(buildNetworkModel(copy), { source: { ip: '10.99.0.10' }, destination: { subnet: 'snet-data-crm-dev-weu' }, port: 5432, protocol: 'Tcp' });
    expect(verdict).toMatchObject({ outcome: 'allowed', decidedBy: { kind: 'default-rule', rule: 'AllowVnetInBound' } });
  });
});

describe('spoke pairs checked by the synth gate beyond ALL_PAIRS_UP_TO spokes', () => {
  test('neighbours: each spoke against its flow partners (either way) and the next spoke in config order', () => {
    const prod = embeddedConfig('prod');
    const first = at(prod.spokes, 0);
    const second = at(prod.spokes, 1);
    expect(first.flows.map((f) => f.to.spoke)).toContain(second.name);
    const extra = (name: string) => ({ ...second, name, flows: [] });
    const config = { ...prod, spokes: [first, second, extra('x1'), extra('x2')] };
    const pairs = (mode: 'all' | 'neighbours') =>
      new Set(
        intendedFlows(config, { spokePairs: mode })
          .map((f) => /^(\w+) (?:web|app|data) -> (\w+) (?:web|app|data|privateEndpoints) \d+\/Tcp$/.exec(f.description))
          .filter((m): m is RegExpExecArray => m !== null && m[1] !== m[2])
          .map((m) => `${m[1]}->${m[2]}`),
      );
    expect([...pairs('neighbours')].sort()).toEqual([`${first.name}->${second.name}`, `${second.name}->${first.name}`, `${second.name}->x1`, `x1->x2`, `x2->${first.name}`].sort());
    expect(pairs('all').size).toBe(12);
    expect(intendedFlows(config, { spokePairs: 'neighbours' }).length).toBeLessThan(intendedFlows(config).length);
  });
});
