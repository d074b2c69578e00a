import { TerraformOutput, Testing } from 'cdktf';
import { LandingZoneConfig } from '../../config/schema';
import { AzurermProvider } from '../../providers/azurerm';
import { ConnectivityStack } from '../../stacks/connectivity-stack';
import { defineEnvironment } from '../../stacks/environment';
import { availabilityZonesOf } from '../../config/regions';
import { stackName } from '../../stacks/landing-zone-stack';
import { fakeManagement } from '../fakes/management';
import { embeddedConfig, embeddedConfigs, onlyResource, regionCode, resourcesOfType, synthEnvironments, SynthesizedStack, UNTAGGABLE_TYPES } from '../helpers';

const synthesized = new Map<LandingZoneConfig, { stack: ConnectivityStack; json: SynthesizedStack; text: string }>();

/**
 * One synth per config object in this file; callers do not mutate. The stack stands alone (management is a fake),
 * so config variants stay cheap; the snapshot below is of the stack as production builds it.
 */
function synthConnectivity(config: LandingZoneConfig): { stack: ConnectivityStack; json: SynthesizedStack; text: string } {
  const cached = synthesized.get(config);
  if (cached) return cached;
  const app = Testing.app();
  const stack = new ConnectivityStack(app, stackName(config.environment, 'connectivity'), { config, management: fakeManagement() });
  const text = Testing.synth(stack, true);
  const result = { stack, json: JSON.parse(text) as SynthesizedStack, text };
  synthesized.set(config, result);
  return result;
}

describe.each(embeddedConfigs().map((c) => [c.environment, c] as const))('%s-connectivity', (environment, config) => {
  const { stack, json, text } = synthConnectivity(config);

  test('is named <environment>-connectivity so `cdktf deploy <env>-*` selects it', () => {
    expect(stack.node.id).toBe(`${environment}-connectivity`);
  });

  test('pins the azurerm provider to the environment subscription and tenant, with Entra ID storage auth', () => {
    expect(text).toHaveProviderWithProperties(AzurermProvider, {
      subscription_id: config.subscriptionId,
      tenant_id: config.tenantId,
      storage_use_azuread: true,
    });
  });

  test('pins azurerm 4.55.0', () => {
    expect(json.terraform?.required_providers).toEqual({ azurerm: { source: 'azurerm', version: '4.55.0' } });
  });

  test('every taggable resource carries the required tags', () => {
    const expected = { ...config.tags, environment, 'managed-by': 'cdktf' };
    let checked = 0;
    for (const [type, resources] of Object.entries(json.resource ?? {})) {
      if (UNTAGGABLE_TYPES.has(type)) continue;
      for (const [name, resource] of Object.entries(resources)) {
        expect({ [`${type}.${name}`]: resource.tags }).toEqual({ [`${type}.${name}`]: expected });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(7);
  });

  test('the firewall is Premium, attached to a Premium policy with IDPS and threat intelligence in Deny and DNS proxy on', () => {
    expect(onlyResource(json, 'azurerm_firewall')).toMatchObject({ sku_name: 'AZFW_VNet', sku_tier: 'Premium' });
    expect(onlyResource(json, 'azurerm_firewall_policy')).toMatchObject({
      sku: 'Premium',
      threat_intelligence_mode: 'Deny',
      intrusion_detection: { mode: 'Deny' },
      dns: { proxy_enabled: true },
    });
  });

  test('the firewall and its public IPs are zone-redundant where the region has zones', () => {
    const zones = availabilityZonesOf(config.location);
    expect(onlyResource(json, 'azurerm_firewall').zones ?? []).toEqual(zones);
    const firewallIps = resourcesOfType(json, 'azurerm_public_ip').filter((p) => String(p.name).startsWith('pip-afw'));
    expect(firewallIps.length).toBeGreaterThan(0);
    for (const ip of firewallIps) expect({ ...ip, zones: ip.zones ?? [] }).toMatchObject({ sku: 'Standard', allocation_method: 'Static', zones });
  });

  test('hub subnets match the planned prefixes and have default outbound access disabled', () => {
    const subnets = resourcesOfType(json, 'azurerm_subnet');
    const { privateEndpoints, ...special } = config.hub.subnets;
    expect(Object.fromEntries(subnets.map((s) => [s.name, (s.address_prefixes as string[])[0]]))).toEqual({ ...special, [`snet-pe-hub-${environment}-${regionCode(config)}`]: privateEndpoints });
    for (const subnet of subnets) expect(subnet.default_outbound_access_enabled).toBe(false);
  });

  test('Bastion is hardened as configured', () => {
    expect(onlyResource(json, 'azurerm_bastion_host')).toMatchObject({
      sku: config.hub.bastion.sku,
      copy_paste_enabled: config.hub.bastion.copyPasteEnabled,
      file_copy_enabled: config.hub.bastion.fileCopyEnabled,
      tunneling_enabled: config.hub.bastion.tunnelingEnabled,
      shareable_link_enabled: false,
      ip_connect_enabled: false,
    });
  });

  test('DDoS protection follows config', () => {
    const vnet = onlyResource(json, 'azurerm_virtual_network');
    const plans = resourcesOfType(json, 'azurerm_network_ddos_protection_plan');
    if (config.hub.ddosProtection.enabled) {
      expect(plans).toHaveLength(1);
      expect(vnet.ddos_protection_plan).toEqual({ enable: true, id: '${azurerm_network_ddos_protection_plan.DdosProtectionPlan.id}' });
    } else {
      expect(plans).toHaveLength(0);
      expect(vnet.ddos_protection_plan).toBeUndefined();
    }
  });

  test('names follow <abbreviation>-hub-<environment>-<region>', () => {
    expect(onlyResource(json, 'azurerm_firewall').name).toBe(`afw-hub-${environment}-${regionCode(config)}`);
    expect(onlyResource(json, 'azurerm_virtual_network').name).toBe(`vnet-hub-${environment}-${regionCode(config)}`);
    expect(onlyResource(json, 'azurerm_resource_group').name).toBe(`rg-hub-${environment}-${regionCode(config)}`);
  });

});

/**
 * The environments whose connectivity stack has a reviewed snapshot. An environment added to config is covered by
 * every property test above without one; to add its snapshot, list it here and run `npx jest -u` on this file.
 */
const REVIEWED_SNAPSHOTS = ['dev', 'prod'];

describe.each(REVIEWED_SNAPSHOTS)('%s-connectivity', (environment) => {
  // The stack as main.ts synthesizes it (real management stack: diagnostics, flow logs, cross-stack references).
  test('matches the reviewed snapshot of the stack production builds', () => {
    const json = synthEnvironments([embeddedConfig(environment)])[stackName(environment, 'connectivity')];
    expect(resourcesOfType(json!, 'azurerm_network_watcher_flow_log')).toHaveLength(1);
    expect(resourcesOfType(json!, 'azurerm_monitor_diagnostic_setting').length).toBeGreaterThan(0);
    expect(`${JSON.stringify(json, null, 2)}\n`).toMatchSnapshot();
  });
});

describe('environment-specific choices', () => {
  test('prod uses forced tunnelling: a management subnet, IP configuration and public IP', () => {
    const { json } = synthConnectivity(embeddedConfig('prod'));
    expect(onlyResource(json, 'azurerm_firewall').management_ip_configuration).toMatchObject({ name: 'management' });
    expect(resourcesOfType(json, 'azurerm_subnet').map((s) => s.name)).toContain('AzureFirewallManagementSubnet');
  });

  test('dev has no forced tunnelling', () => {
    const { json } = synthConnectivity(embeddedConfig('dev'));
    expect(onlyResource(json, 'azurerm_firewall').management_ip_configuration).toBeUndefined();
  });

  test('an existing DDoS plan is linked instead of creating one', () => {
    const planResourceId = '/subscriptions/00000000-0000-0000-0000-000000000009/resourceGroups/rg-ddos/providers/Microsoft.Network/ddosProtectionPlans/ddos-tenant';
    const base = embeddedConfig('prod');
    const { json } = synthConnectivity({ ...base, hub: { ...base.hub, ddosProtection: { enabled: true, planResourceId } } });
    expect(resourcesOfType(json, 'azurerm_network_ddos_protection_plan')).toHaveLength(0);
    expect(onlyResource(json, 'azurerm_virtual_network').ddos_protection_plan).toEqual({ enable: true, id: planResourceId });
  });
});

describe('state backend', () => {
  test('defaults to a local backend at a machine-independent relative path', () => {
    const { json } = synthConnectivity(embeddedConfig('dev'));
    expect(json.terraform?.backend).toEqual({ local: { path: '../../../terraform.dev-connectivity.tfstate' } });
  });

  test('uses the azurerm backend with Entra ID auth (no access keys) when configured', () => {
    const base = embeddedConfig('dev');
    const { json } = synthConnectivity({
      ...base,
      backend: { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate001', containerName: 'tfstate' },
    });
    expect(json.terraform?.backend).toEqual({
      azurerm: {
        resource_group_name: 'rg-tfstate',
        storage_account_name: 'sttfstate001',
        container_name: 'tfstate',
        key: 'dev-connectivity.tfstate',
        subscription_id: base.subscriptionId,
        tenant_id: base.tenantId,
        use_azuread_auth: true,
      },
    });
    expect(JSON.stringify(json.terraform)).not.toMatch(/access_key|sas_token/);
  });
});

describe('defineEnvironment', () => {
  test('defines one connectivity stack per environment with distinct names', () => {
    const app = Testing.app();
    const configs = embeddedConfigs();
    const names = configs.map((config) => defineEnvironment(app, config).connectivity.node.id);
    expect(names).toEqual(configs.map((c) => `${c.environment}-connectivity`));
    expect(new Set(names).size).toBe(configs.length);
  });

  test('exposes hub references for later stacks', () => {
    const app = Testing.app();
    const config = embeddedConfig('dev');
    const { connectivity } = defineEnvironment(app, config);
    expect(connectivity.hub.addressSpace).toEqual(config.hub.addressSpace);
    // The firewall's private IP is Azure's to assign: a reference to the firewall's first IP configuration.
    new TerraformOutput(connectivity, 'probe', { value: connectivity.hub.firewallPrivateIp });
    const probe = (JSON.parse(Testing.synth(connectivity)) as { output: Record<string, { value: unknown }> }).output.probe!.value;
    expect(probe).toMatch(/^\$\{azurerm_firewall\.[A-Za-z0-9_]+\.ip_configuration\[0\]\.private_ip_address\}$/);
  });
});
