/**
 * Hand-written synthesized-JSON fixtures in the exact shape cdktf 0.21 writes (checked against a real two-stack
 * synth): whole-string `${type.id.attr}` references, and cross-stack references through
 * `data.terraform_remote_state.cross-stack-reference-input-<producer>` and the producer's `output.<name>.value`.
 */
import { TerraformJson, buildNetworkModel } from '../../verifier';
import { NetworkModel } from '../../verifier/model';

type Attributes = Record<string, unknown>;

interface MutableStack {
  resource: Record<string, Record<string, Attributes>>;
  data?: { terraform_remote_state?: Record<string, Attributes> };
  output?: Record<string, { value: unknown; sensitive?: boolean }>;
}

/** `${address.attribute}` as cdktf renders a reference. */
export function ref(address: string, attribute: string): string {
  return `\${${address}.${attribute}}`;
}

/** A set of stacks being built; `add` returns the resource address (`type.id`). */
export class Stacks {
  public readonly stacks: Record<string, MutableStack> = {};

  public add(stack: string, type: string, id: string, attributes: Attributes): string {
    const resources = (this.stack(stack).resource[type] ??= {});
    resources[id] = { '//': { metadata: { path: `${stack}/${id}`, uniqueId: id } }, ...attributes };
    return `${type}.${id}`;
  }

  /** A cross-stack reference from `consumer` to `address.attribute` in `producer`, rendered like cdktf does. */
  public crossStack(consumer: string, producer: string, address: string, attribute: string): string {
    const outputName = `cross-stack-output-${address}.${attribute}`.replace(/[.[\]]/g, '');
    (this.stack(producer).output ??= {})[outputName] = { sensitive: true, value: ref(address, attribute) };
    const id = `cross-stack-reference-input-${producer}`;
    ((this.stack(consumer).data ??= {}).terraform_remote_state ??= {})[id] = {
      backend: 'local',
      config: { path: `../../../terraform.${producer}.tfstate` },
      workspace: '${terraform.workspace}',
    };
    return `\${data.terraform_remote_state.${id}.outputs.${outputName}}`;
  }

  public attributes(address: string): Attributes {
    const [type = '', id = ''] = address.split('.');
    for (const stack of Object.values(this.stacks)) {
      const attributes = stack.resource[type]?.[id];
      if (attributes) return attributes;
    }
    throw new Error(`no ${address}`);
  }

  public json(): Record<string, TerraformJson> {
    return JSON.parse(JSON.stringify(this.stacks)) as Record<string, TerraformJson>;
  }

  public model(): NetworkModel {
    return buildNetworkModel(this.json());
  }

  private stack(name: string): MutableStack {
    return (this.stacks[name] ??= { resource: {} });
  }
}

export const HUB = 'dev-connectivity';
export const APP1 = 'dev-lz-app1';
export const APP2 = 'dev-lz-app2';

/** A rule as the NetworkSecurityGroup construct writes it (separate resource, `*` source port). */
export function nsgRule(s: Stacks, stack: string, nsg: string, name: string, fields: Attributes): string {
  return s.add(stack, 'azurerm_network_security_rule', `${nsg.split('.')[1]}_${name}`, {
    name,
    network_security_group_name: ref(nsg, 'name'),
    resource_group_name: 'rg',
    source_port_range: '*',
    protocol: 'Tcp',
    access: 'Allow',
    direction: 'Inbound',
    source_address_prefix: '*',
    destination_address_prefix: '*',
    ...fields,
  });
}

export function subnet(s: Stacks, stack: string, vnet: string, name: string, prefix: string): string {
  return s.add(stack, 'azurerm_subnet', name.replace(/-/g, '_'), { name, virtual_network_name: ref(vnet, 'name'), address_prefixes: [prefix] });
}

export function nsgOn(s: Stacks, stack: string, subnetAddress: string, name: string): string {
  const nsg = s.add(stack, 'azurerm_network_security_group', name.replace(/-/g, '_'), { name, location: 'westeurope' });
  s.add(stack, 'azurerm_subnet_network_security_group_association', `${name.replace(/-/g, '_')}_assoc`, {
    subnet_id: ref(subnetAddress, 'id'),
    network_security_group_id: ref(nsg, 'id'),
  });
  return nsg;
}

export function routeTableOn(s: Stacks, stack: string, subnetAddresses: readonly string[], name: string): string {
  const table = s.add(stack, 'azurerm_route_table', name.replace(/-/g, '_'), { name, bgp_route_propagation_enabled: false });
  subnetAddresses.forEach((subnetAddress, i) =>
    s.add(stack, 'azurerm_subnet_route_table_association', `${name.replace(/-/g, '_')}_assoc${i}`, {
      subnet_id: ref(subnetAddress, 'id'),
      route_table_id: ref(table, 'id'),
    }),
  );
  return table;
}

export function route(s: Stacks, stack: string, table: string, name: string, prefix: string, nextHopType: string, ip?: string): string {
  return s.add(stack, 'azurerm_route', `${table.split('.')[1]}_${name}`, {
    name,
    route_table_name: ref(table, 'name'),
    address_prefix: prefix,
    next_hop_type: nextHopType,
    ...(ip ? { next_hop_in_ip_address: ip } : {}),
  });
}

/** Peering from `vnet` (in `stack`) to `remoteId` (an expression). */
export function peering(s: Stacks, stack: string, id: string, vnetName: string, remoteId: string, extra: Attributes = {}): string {
  return s.add(stack, 'azurerm_virtual_network_peering', id, {
    name: id,
    resource_group_name: 'rg',
    virtual_network_name: vnetName,
    remote_virtual_network_id: remoteId,
    allow_forwarded_traffic: true,
    ...extra,
  });
}

/** The parts of the hub-spoke fixture tests refer to. */
export interface LandingZone {
  readonly s: Stacks;
  readonly hubVnet: string;
  readonly firewall: string;
  readonly policy: string;
  readonly app1Vnet: string;
  readonly web: string;
  readonly data: string;
  readonly nsgWeb: string;
  readonly nsgData: string;
  readonly rtApp1: string;
  readonly app2Vnet: string;
  readonly app2: string;
  /** Cross-stack expression of the firewall's private IP, as seen from dev-lz-app1. */
  readonly firewallIpFromApp1: string;
}

/**
 * Hub 10.0.0.0/22 with an Azure Firewall; spoke app1 10.1.0.0/22 (snet-web-app1 10.1.0.0/24, snet-data-app1
 * 10.1.1.0/24, each with an NSG of default rules only, a route table sending 0.0.0.0/0 and 10.0.0.0/8 to the
 * firewall); spoke app2 10.2.0.0/22 (snet-app2, no NSG, no route table). Both spokes peered with the hub both ways;
 * the firewall policy has no rules. Tests add what they exercise.
 */
export function landingZone(): LandingZone {
  const s = new Stacks();
  const hubVnet = s.add(HUB, 'azurerm_virtual_network', 'HubNetwork', { name: 'vnet-hub', address_space: ['10.0.0.0/22'] });
  const fwSubnet = subnet(s, HUB, hubVnet, 'AzureFirewallSubnet', '10.0.0.0/26');
  const policy = s.add(HUB, 'azurerm_firewall_policy', 'FirewallPolicy', { name: 'afwp-hub', sku: 'Premium' });
  const firewall = s.add(HUB, 'azurerm_firewall', 'Firewall', {
    name: 'afw-hub',
    sku_name: 'AZFW_VNet',
    firewall_policy_id: ref(policy, 'id'),
    ip_configuration: [{ name: 'data', subnet_id: ref(fwSubnet, 'id'), public_ip_address_id: '${azurerm_public_ip.FirewallPip.id}' }],
  });

  const app1Vnet = s.add(APP1, 'azurerm_virtual_network', 'Spoke', { name: 'vnet-app1', address_space: ['10.1.0.0/22'] });
  const web = subnet(s, APP1, app1Vnet, 'snet-web-app1', '10.1.0.0/24');
  const data = subnet(s, APP1, app1Vnet, 'snet-data-app1', '10.1.1.0/24');
  const nsgWeb = nsgOn(s, APP1, web, 'nsg-web-app1');
  const nsgData = nsgOn(s, APP1, data, 'nsg-data-app1');
  const rtApp1 = routeTableOn(s, APP1, [web, data], 'rt-app1');
  const firewallIpFromApp1 = s.crossStack(APP1, HUB, firewall, 'ip_configuration[0].private_ip_address');
  route(s, APP1, rtApp1, 'default-via-firewall', '0.0.0.0/0', 'VirtualAppliance', firewallIpFromApp1);
  route(s, APP1, rtApp1, 'private-via-firewall', '10.0.0.0/8', 'VirtualAppliance', firewallIpFromApp1);
  peering(s, APP1, 'App1ToHub', ref(app1Vnet, 'name'), s.crossStack(APP1, HUB, hubVnet, 'id'));
  peering(s, APP1, 'HubToApp1', s.crossStack(APP1, HUB, hubVnet, 'name'), ref(app1Vnet, 'id'));

  const app2Vnet = s.add(APP2, 'azurerm_virtual_network', 'Spoke', { name: 'vnet-app2', address_space: ['10.2.0.0/22'] });
  const app2 = subnet(s, APP2, app2Vnet, 'snet-app2', '10.2.0.0/24');
  peering(s, APP2, 'App2ToHub', ref(app2Vnet, 'name'), s.crossStack(APP2, HUB, hubVnet, 'id'));
  peering(s, APP2, 'HubToApp2', s.crossStack(APP2, HUB, hubVnet, 'name'), ref(app2Vnet, 'id'));
  return { s, hubVnet, firewall, policy, app1Vnet, web, data, nsgWeb, nsgData, rtApp1, app2Vnet, app2, firewallIpFromApp1 };
}

/** A firewall rule collection group on the fixture's policy. */
export function ruleCollectionGroup(lz: LandingZone, name: string, priority: number, fields: Attributes): string {
  return lz.s.add(HUB, 'azurerm_firewall_policy_rule_collection_group', name.replace(/-/g, '_'), {
    name,
    priority,
    firewall_policy_id: ref(lz.policy, 'id'),
    ...fields,
  });
}
