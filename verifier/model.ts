/**
 * The network model of one environment, built from synthesized Terraform JSON: VNets, subnets, NSGs, route tables,
 * peerings, firewalls and firewall policies, with every reference resolved (or recorded as unresolved).
 */
import { Cidr } from '../lib/cidr';
import { parseIpv4, parsePrefix } from '../lib/ip';
import { TerraformAttributes, TerraformJson } from './load';
import {
  AddressItem,
  AssociationRecord,
  AttributeReader,
  ElementRead,
  Item,
  NetworkRecords,
  Origin,
  Pointer,
  PortItem,
  RouteRecord,
  SecurityRule,
  SecurityRuleRecord,
  expressionOf,
  origin,
  readNetworkRecords,
  unresolvedOf,
} from './network-records';
import { References, UnresolvedReference, addressKey, addressText } from './references';
import { jsonText } from '../lib/json-text';

export type { AddressItem, Origin, PortItem, SecurityRule } from './network-records';

export interface VirtualNetwork extends Origin {
  readonly key: string;
  readonly name: string;
  readonly addressSpace: readonly Cidr[];
  /** Names of subnets written as inline `subnet` blocks of the VNet (their rules are not modelled; hub detection reads them). */
  readonly inlineSubnetNames: readonly string[];
  /** Unreadable facts about this VNet (address space, a peering from it); verdicts touching it become unknown. */
  readonly unresolved: UnresolvedReference[];
}

export interface Subnet extends Origin {
  readonly key: string;
  readonly name: string;
  readonly vnetKey: string | undefined;
  readonly prefixes: readonly Cidr[];
  nsgKey?: string;
  routeTableKey?: string;
  readonly unresolved: UnresolvedReference[];
}

export interface SecurityGroup extends Origin {
  readonly key: string;
  readonly name: string;
  readonly rules: SecurityRule[];
  readonly unresolved: UnresolvedReference[];
}

/** Next hop of a VirtualAppliance route. */
export type ApplianceHop =
  | { readonly kind: 'firewall'; readonly firewallKey: string; readonly ip: string }
  | { readonly kind: 'unknown-appliance'; readonly ip: string }
  | { readonly kind: 'unresolved'; readonly reference: UnresolvedReference };

export interface UserRoute extends Origin {
  readonly name: string;
  readonly prefix: Cidr;
  /** VirtualNetworkGateway, VnetLocal, Internet, VirtualAppliance or None. */
  readonly nextHopType: string;
  readonly appliance?: ApplianceHop;
}

export interface RouteTable extends Origin {
  readonly key: string;
  readonly name: string;
  readonly routes: UserRoute[];
  readonly unresolved: UnresolvedReference[];
}

export interface Peering extends Origin {
  readonly name: string;
  readonly vnetKey: string;
  readonly remoteVnetKey: string;
  readonly allowVirtualNetworkAccess: boolean;
  readonly allowForwardedTraffic: boolean;
}

export interface FirewallRule {
  readonly name: string;
  /** Upper-case protocols: TCP, UDP, ICMP, ANY (network rules) or the ports of HTTP/HTTPS/MSSQL (application rules). */
  readonly protocols: readonly string[];
  readonly sources: readonly AddressItem[];
  readonly destinations: readonly AddressItem[];
  readonly ports: readonly PortItem[];
  /** Destination FQDNs/URLs/tags: an IP flow cannot match them offline. */
  readonly fqdns: readonly string[];
  /** Set when the protocols could not be read. */
  readonly unresolved?: UnresolvedReference;
}

export interface FirewallRuleCollection {
  readonly name: string;
  readonly priority: number;
  readonly action: string;
  readonly rules: readonly FirewallRule[];
}

/** Where a DNAT rule's public side or translated side points. */
export interface NatAddress {
  /** As written: an address, or the public IP resource's name when the address is assigned at apply. */
  readonly text: string;
  /** The address, when it is a literal. */
  readonly ip?: bigint;
  /** `azurerm_public_ip.<logicalId>` when the address is a public IP's `ip_address`. */
  readonly publicIp?: string;
}

/**
 * A DNAT rule: connections from `sources` to the firewall's public address and one of `ports` are translated to
 * `translated`:`translatedPort` (and, on Azure Firewall, SNATed to a firewall private IP).
 */
export interface FirewallNatRule {
  readonly name: string;
  readonly protocols: readonly string[];
  readonly sources: readonly AddressItem[];
  readonly destination: NatAddress;
  readonly ports: readonly PortItem[];
  /** Undefined for a translated FQDN, which an offline model cannot place in a subnet. */
  readonly translated?: NatAddress;
  readonly translatedFqdn?: string;
  readonly translatedPort?: number;
  /** Set when a field the verdict depends on could not be read. */
  readonly unresolved?: UnresolvedReference;
}

export interface FirewallNatRuleCollection {
  readonly name: string;
  readonly priority: number;
  readonly action: string;
  readonly rules: readonly FirewallNatRule[];
}

export interface FirewallRuleCollectionGroup extends Origin {
  readonly name: string;
  readonly priority: number;
  readonly policyKey: string;
  readonly network: readonly FirewallRuleCollection[];
  readonly application: readonly FirewallRuleCollection[];
  /** DNAT collections: they only see traffic to the firewall's public addresses (Internet ingress). */
  readonly nat: readonly FirewallNatRuleCollection[];
}

export interface Firewall extends Origin {
  readonly key: string;
  readonly name: string;
  readonly subnetKey: string | undefined;
  readonly policyKey: string | undefined;
  /** Names of the public IPs of its `ip_configuration` blocks (the addresses DNAT rules are published on). */
  readonly publicIps: readonly PublicIpRef[];
  readonly unresolved: UnresolvedReference[];
}

export interface PublicIpRef {
  readonly name: string;
  /** `azurerm_public_ip.<logicalId>`, or the ID as written when it is not a resource of this environment. */
  readonly resource: string;
}

/** A private endpoint: a NIC in `subnetKey` for one sub-resource of another service. */
export interface PrivateEndpoint extends Origin {
  readonly name: string;
  readonly subnetKey: string | undefined;
  /** Sub-resources (`vault`, `blob`, ...) of the private service connection. */
  readonly subresources: readonly string[];
  /** The connected resource (`azurerm_key_vault.<logicalId>`) or its ID as written. */
  readonly target: string;
}

/** Everything the verifier knows about one environment. Arrays are in deterministic (stack, logical ID) order. */
export interface NetworkModel {
  readonly vnets: readonly VirtualNetwork[];
  readonly subnets: readonly Subnet[];
  readonly securityGroups: readonly SecurityGroup[];
  readonly routeTables: readonly RouteTable[];
  readonly peerings: readonly Peering[];
  readonly firewalls: readonly Firewall[];
  readonly ruleCollectionGroups: readonly FirewallRuleCollectionGroup[];
  readonly privateEndpoints: readonly PrivateEndpoint[];
  /** Firewall policy names by key. */
  readonly policies: Readonly<Record<string, string>>;
  /** Unresolved facts that could concern any subnet (e.g. an association whose subnet is unknown). */
  readonly unresolved: readonly UnresolvedReference[];
  /** The NSG rules, routes and associations the model was built from (verifier/network-records.ts), shared with the policy pack. */
  readonly records: NetworkRecords;
}

/**
 * Keys of the hub VNets: those holding an `AzureFirewallSubnet` (a subnet resource or an inline block). Every other
 * VNet is a spoke: the verifier's matrix and the policy pack's spoke rules read this one definition.
 */
export function hubVnetKeys(model: NetworkModel): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const subnet of model.subnets) if (subnet.name === 'AzureFirewallSubnet' && subnet.vnetKey !== undefined) keys.add(subnet.vnetKey);
  for (const vnet of model.vnets) if (vnet.inlineSubnetNames.includes('AzureFirewallSubnet')) keys.add(vnet.key);
  return keys;
}

/** Builds the model from the stacks of ONE environment (see `groupByEnvironment`). */
export function buildNetworkModel(stacks: Record<string, TerraformJson>): NetworkModel {
  return new ModelBuilder(new AttributeReader(new References(stacks))).build();
}

class ModelBuilder {
  private readonly global: UnresolvedReference[] = [];
  private readonly vnets = new Map<string, VirtualNetwork>();
  private readonly subnets = new Map<string, Subnet>();
  private readonly nsgs = new Map<string, SecurityGroup>();
  private readonly routeTables = new Map<string, RouteTable>();
  private readonly firewalls = new Map<string, Firewall>();
  private readonly policies: Record<string, string> = {};
  private readonly peerings: Peering[] = [];
  private readonly groups: FirewallRuleCollectionGroup[] = [];
  private readonly privateEndpoints: PrivateEndpoint[] = [];

  private readonly refs: References;
  private readonly records: NetworkRecords;

  constructor(private readonly read: AttributeReader) {
    this.refs = read.refs;
    this.records = readNetworkRecords(read);
  }

  public build(): NetworkModel {
    this.each('azurerm_virtual_network', (item, unresolved) => {
      const addressSpace = this.prefixes(item, 'address_space', unresolved);
      const inlineSubnetNames = this.read.list(item, 'subnet', []).flatMap((block) => (typeof block.name === 'string' ? [block.name] : []));
      this.vnets.set(addressKey(item.address), { ...this.entity(item, unresolved), addressSpace, inlineSubnetNames, unresolved });
    });
    this.each('azurerm_subnet', (item, unresolved) => {
      const vnet = this.read.target(item, 'virtual_network_name', 'azurerm_virtual_network');
      if (vnet && 'unresolved' in vnet) unresolved.push(vnet.unresolved);
      const prefixes = this.prefixes(item, 'address_prefixes', unresolved);
      const vnetKey = vnet && 'key' in vnet ? vnet.key : undefined;
      this.subnets.set(addressKey(item.address), { ...this.entity(item, unresolved), vnetKey, prefixes, unresolved });
    });
    const inlineRules = byParent(this.records.securityRules.filter((record) => record.inline));
    this.each('azurerm_network_security_group', (item, unresolved) => {
      const nsg: SecurityGroup = { ...this.entity(item, unresolved), rules: [], unresolved };
      this.nsgs.set(nsg.key, nsg);
      unresolved.push(...(this.records.inlineProblems.get(nsg.key) ?? []));
      for (const record of inlineRules.get(nsg.key) ?? []) this.securityRule(record, nsg);
    });
    for (const record of this.records.securityRules) {
      if (record.inline) continue;
      const nsg = this.owner(record.parent, this.nsgs);
      if (nsg) this.securityRule(record, nsg);
    }
    this.each('azurerm_route_table', (item, unresolved) => {
      const table: RouteTable = { ...this.entity(item, unresolved), routes: [], unresolved };
      this.routeTables.set(table.key, table);
      unresolved.push(...(this.records.inlineProblems.get(table.key) ?? []));
    });
    this.each('azurerm_firewall', (item, unresolved) => {
      const subnet = this.read.target(item, 'ip_configuration.0.subnet_id', 'azurerm_subnet');
      const policy = this.read.target(item, 'firewall_policy_id', 'azurerm_firewall_policy');
      for (const t of [subnet, policy]) if (t && 'unresolved' in t) unresolved.push(t.unresolved);
      const firewall: Firewall = {
        ...this.entity(item, unresolved),
        subnetKey: subnet && 'key' in subnet ? subnet.key : undefined,
        policyKey: policy && 'key' in policy ? policy.key : undefined,
        publicIps: this.publicIps(item),
        unresolved,
      };
      this.firewalls.set(firewall.key, firewall);
    });
    // Routes after the firewalls: a VirtualAppliance next hop is recognised by the firewalls' subnets.
    const inlineRoutes = byParent(this.records.routes.filter((record) => record.inline));
    for (const table of this.routeTables.values()) for (const record of inlineRoutes.get(table.key) ?? []) this.route(record, table);
    for (const record of this.records.routes) {
      if (record.inline) continue;
      const table = this.owner(record.parent, this.routeTables);
      if (table) this.route(record, table);
    }
    this.each('azurerm_firewall_policy', (item, unresolved) => {
      this.policies[addressKey(item.address)] = this.entity(item, unresolved).name;
    });
    this.associate(this.records.nsgAssociations, 'nsgKey');
    this.associate(this.records.routeTableAssociations, 'routeTableKey');
    this.each('azurerm_virtual_network_peering', (item) => this.peering(item));
    this.each('azurerm_firewall_policy_rule_collection_group', (item) => this.ruleCollectionGroup(item));
    this.each('azurerm_private_endpoint', (item) => this.privateEndpoint(item));
    for (const nsg of this.nsgs.values()) nsg.rules.sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
    return {
      vnets: [...this.vnets.values()],
      subnets: [...this.subnets.values()],
      securityGroups: [...this.nsgs.values()],
      routeTables: [...this.routeTables.values()],
      peerings: this.peerings,
      firewalls: [...this.firewalls.values()],
      ruleCollectionGroups: this.groups,
      privateEndpoints: this.privateEndpoints,
      policies: this.policies,
      unresolved: this.global,
      records: this.records,
    };
  }

  private each(type: string, read: (item: Item, unresolved: UnresolvedReference[]) => void): void {
    for (const item of this.refs.resourcesOfType(type)) read(item, []);
  }

  /** Key, name and origin shared by every named entity. */
  private entity(item: Item, unresolved: UnresolvedReference[]): { key: string; name: string; resource: string; stack: string } {
    const name = this.read.scalar(item, 'name', unresolved);
    return { key: addressKey(item.address), name: typeof name === 'string' ? name : addressText(item.address), ...origin(item) };
  }

  /** The parent of a separate NSG rule or route; unresolved ones are recorded globally. */
  private owner<T>(parent: Pointer, map: Map<string, T>): T | undefined {
    if (parent && 'unresolved' in parent) this.global.push(parent.unresolved);
    return parent && 'key' in parent ? map.get(parent.key) : undefined;
  }

  private associate(associations: readonly AssociationRecord[], field: 'nsgKey' | 'routeTableKey'): void {
    for (const association of associations) {
      const { subnet, target } = association;
      const subnetEntity = subnet && 'key' in subnet ? this.subnets.get(subnet.key) : undefined;
      if (!subnetEntity) {
        this.global.push(subnet && 'unresolved' in subnet ? subnet.unresolved : unresolvedOf({ address: association.owner }, 'subnet_id', '', 'not set'));
        continue;
      }
      if (target && 'key' in target) subnetEntity[field] = target.key;
      else subnetEntity.unresolved.push(target?.unresolved ?? unresolvedOf({ address: association.owner }, association.targetAttribute, '', 'not set'));
    }
  }

  /** A rule the records could not read makes its whole NSG unknown: without priority, direction, access and protocol it cannot be placed. */
  private securityRule(record: SecurityRuleRecord, nsg: SecurityGroup): void {
    if (record.read.kind === 'unreadable') nsg.unresolved.push(...record.read.reasons);
    else nsg.rules.push(record.read.value);
  }

  private route(record: RouteRecord, table: RouteTable): void {
    if (record.read.kind === 'unreadable') {
      table.unresolved.push(...record.read.reasons);
      return;
    }
    const { name, prefix, nextHopType } = record.read.value;
    const appliance = nextHopType === 'VirtualAppliance' ? this.appliance({ address: record.owner, attributes: record.attributes }) : undefined;
    table.routes.push({ name, prefix, nextHopType, ...(appliance ? { appliance } : {}), resource: addressText(record.owner), stack: record.owner.stack });
  }

  /** A VirtualAppliance next hop is a firewall when it references the firewall's private IP or lies in its subnet. */
  private appliance(item: Item): ApplianceHop {
    const raw = item.attributes.next_hop_in_ip_address;
    const resolved = this.refs.resolve(item.address.stack, raw);
    if (resolved.kind === 'attribute' && resolved.resource.type === 'azurerm_firewall' && resolved.path.at(-1) === 'private_ip_address') {
      const firewall = this.firewalls.get(addressKey(resolved.resource));
      if (firewall) return { kind: 'firewall', firewallKey: firewall.key, ip: `${firewall.name} private IP` };
    }
    if (resolved.kind === 'literal' && typeof resolved.value === 'string' && parseIpv4(resolved.value) !== undefined) {
      const ip = parseIpv4(resolved.value) as bigint;
      const firewall = [...this.firewalls.values()].find((f) =>
        (this.subnets.get(f.subnetKey ?? '')?.prefixes ?? []).some((p) => p.first <= ip && ip <= p.last),
      );
      return firewall ? { kind: 'firewall', firewallKey: firewall.key, ip: resolved.value } : { kind: 'unknown-appliance', ip: resolved.value };
    }
    const reason = resolved.kind === 'unresolved' ? resolved.reason : 'not an IP address or a firewall private IP';
    return { kind: 'unresolved', reference: unresolvedOf(item, 'next_hop_in_ip_address', expressionOf(resolved, raw), reason) };
  }

  private peering(item: Item): void {
    const problems: UnresolvedReference[] = [];
    const local = this.read.target(item, 'virtual_network_name', 'azurerm_virtual_network');
    const remote = this.read.target(item, 'remote_virtual_network_id', 'azurerm_virtual_network');
    const access = this.read.scalar(item, 'allow_virtual_network_access', problems);
    const forwarded = this.read.scalar(item, 'allow_forwarded_traffic', problems);
    const complete = this.read.scalar(item, 'peer_complete_virtual_networks_enabled', problems);
    for (const t of [local, remote]) if (t && 'unresolved' in t) problems.push(t.unresolved);
    const localVnet = local && 'key' in local ? this.vnets.get(local.key) : undefined;
    if (!localVnet || !remote || !('key' in remote) || problems.length > 0) {
      // Global: a peering with an unknown end could connect any VNet (and widen any VirtualNetwork tag).
      this.global.push(...(problems.length > 0 ? problems : [unresolvedOf(item, 'virtual_network_name/remote_virtual_network_id', '', 'not set')]));
      return;
    }
    this.peerings.push({
      name: jsonText(this.read.scalar(item, 'name', []) ?? item.address.name),
      vnetKey: localVnet.key,
      remoteVnetKey: remote.key,
      // Azure defaults: access true, forwarded traffic false. Subnet-level peering (complete = false) is not
      // modelled, so such a peering is treated as not connecting the VNets (never over-reports reachability).
      allowVirtualNetworkAccess: access !== false && complete !== false,
      allowForwardedTraffic: forwarded === true,
      ...origin(item),
    });
  }

  private ruleCollectionGroup(item: Item): void {
    const problems: UnresolvedReference[] = [];
    const policy = this.read.target(item, 'firewall_policy_id', 'azurerm_firewall_policy');
    const name = this.read.scalar(item, 'name', problems);
    const priority = this.read.scalar(item, 'priority', problems);
    if (policy && 'unresolved' in policy) problems.push(policy.unresolved);
    if (!policy || !('key' in policy) || typeof priority !== 'number' || problems.length > 0) {
      this.global.push(...(problems.length > 0 ? problems : [unresolvedOf(item, 'firewall_policy_id/priority', '', 'missing')]));
      return;
    }
    this.groups.push({
      name: jsonText(name ?? item.address.name),
      priority,
      policyKey: policy.key,
      network: this.collections(item, 'network_rule_collection', (rule) => this.firewallRule(item, rule, false)),
      application: this.collections(item, 'application_rule_collection', (rule) => this.firewallRule(item, rule, true)),
      nat: this.collections(item, 'nat_rule_collection', (rule) => this.natRule(item, rule)),
      ...origin(item),
    });
  }

  private natRule(item: Item, attributes: TerraformAttributes): FirewallNatRule {
    const context: Item = { address: item.address, attributes };
    const problems: UnresolvedReference[] = [];
    const sources = [...this.read.addressItems(context, ['source_addresses']), ...this.ipGroups(context, 'source_ip_groups')];
    const protocols = this.read.values(context, 'protocols').flatMap((v) => (v.kind === 'literal' ? [String(v.value).toUpperCase()] : []));
    const destination = this.natAddress(context, 'destination_address', problems);
    const translated = attributes.translated_address === undefined ? undefined : this.natAddress(context, 'translated_address', problems);
    const fqdn = this.read.scalar(context, 'translated_fqdn', problems);
    const port = this.read.scalar(context, 'translated_port', problems);
    const translatedPort = port === undefined ? undefined : Number(port);
    return {
      name: String(attributes.name),
      protocols,
      sources,
      destination,
      ports: this.read.ports(context, ['destination_ports']),
      ...(translated ? { translated } : {}),
      ...(typeof fqdn === 'string' ? { translatedFqdn: fqdn } : {}),
      ...(translatedPort !== undefined && Number.isInteger(translatedPort) ? { translatedPort } : {}),
      ...(problems.length > 0 ? { unresolved: problems[0] } : {}),
    };
  }

  /** A DNAT address: a literal IP, or a public IP's `ip_address` (known after apply, named by the resource). */
  private natAddress(item: Item, attribute: string, problems: UnresolvedReference[]): NatAddress {
    const raw = item.attributes[attribute];
    const resolved = this.refs.resolve(item.address.stack, raw);
    if (resolved.kind === 'literal' && typeof resolved.value === 'string') {
      const ip = parseIpv4(resolved.value);
      return ip === undefined ? { text: resolved.value } : { text: resolved.value, ip };
    }
    if (resolved.kind === 'attribute' && resolved.resource.type === 'azurerm_public_ip') {
      const pip = this.refs.resourcesOfType('azurerm_public_ip').find((candidate) => addressKey(candidate.address) === addressKey(resolved.resource));
      const name = pip ? this.refs.resolve(pip.address.stack, pip.attributes.name) : undefined;
      return { text: name?.kind === 'literal' ? String(name.value) : addressText(resolved.resource), publicIp: addressText(resolved.resource) };
    }
    problems.push(unresolvedOf(item, attribute, expressionOf(resolved, raw), resolved.kind === 'unresolved' ? resolved.reason : 'not an address or a public IP'));
    return { text: typeof raw === 'string' ? raw : JSON.stringify(raw) };
  }

  /** The public IPs of a firewall's `ip_configuration` blocks, by name. */
  private publicIps(item: Item): PublicIpRef[] {
    const configurations = this.read.list(item, 'ip_configuration', []);
    return configurations.flatMap((configuration) => {
      const raw = configuration.public_ip_address_id;
      if (raw === undefined) return [];
      const target = this.refs.target(item.address.stack, raw);
      const address = target.kind === 'resource' ? target.address : undefined;
      const pip = address ? this.refs.resourcesOfType('azurerm_public_ip').find((candidate) => addressKey(candidate.address) === addressKey(address)) : undefined;
      if (!pip) return [{ name: jsonText(raw).split('/').pop() ?? jsonText(raw), resource: jsonText(raw) }];
      const name = this.refs.resolve(pip.address.stack, pip.attributes.name);
      return [{ name: name.kind === 'literal' ? String(name.value) : pip.address.name, resource: addressText(pip.address) }];
    });
  }

  private privateEndpoint(item: Item): void {
    const subnet = this.read.target(item, 'subnet_id', 'azurerm_subnet');
    const connection = this.read.list(item, 'private_service_connection', [])[0] ?? {};
    const target = this.refs.target(item.address.stack, connection.private_connection_resource_id);
    const targetText = target.kind === 'resource' ? addressText(target.address) : jsonText(connection.private_connection_resource_id ?? '?');
    const subresources = Array.isArray(connection.subresource_names) ? connection.subresource_names.map(String) : [];
    this.privateEndpoints.push({
      name: jsonText(this.read.scalar(item, 'name', []) ?? item.address.name),
      subnetKey: subnet && 'key' in subnet ? subnet.key : undefined,
      subresources,
      target: targetText,
      ...origin(item),
    });
  }

  private collections<R>(item: Item, attribute: string, readRule: (rule: TerraformAttributes) => R): { name: string; priority: number; action: string; rules: R[] }[] {
    return this.read.list(item, attribute, []).map((collection) => ({
      name: String(collection.name),
      priority: Number(collection.priority),
      action: String(collection.action),
      rules: (Array.isArray(collection.rule) ? collection.rule : collection.rule ? [collection.rule] : []).map((rule) => readRule(rule as TerraformAttributes)),
    }));
  }

  private firewallRule(item: Item, attributes: TerraformAttributes, application: boolean): FirewallRule {
    const context: Item = { address: item.address, attributes };
    const sources = this.read.addressItems(context, ['source_addresses']);
    const destinations = this.read.addressItems(context, ['destination_addresses']);
    sources.push(...this.ipGroups(context, 'source_ip_groups'));
    destinations.push(...this.ipGroups(context, 'destination_ip_groups'));
    const fqdns = ['destination_fqdns', 'destination_urls', 'destination_fqdn_tags', 'web_categories']
      .flatMap((attribute) => this.read.values(context, attribute))
      .map((value) => (value.kind === 'literal' ? String(value.value) : String(value.raw)));
    if (!application) {
      const values = this.read.values(context, 'protocols');
      const unreadable = values.find((v): v is Exclude<ElementRead, { kind: 'literal' }> => v.kind !== 'literal');
      const protocols = values.flatMap((v) => (v.kind === 'literal' ? [String(v.value).toUpperCase()] : []));
      const ports = this.read.ports(context, ['destination_ports']);
      const rule = { name: String(attributes.name), protocols, sources, destinations, ports, fqdns };
      return unreadable ? { ...rule, unresolved: this.read.unreadable(context, 'protocols', unreadable) } : rule;
    }
    // Application rules: protocols are blocks { type: Http|Https|Mssql, port }; they only see TCP.
    const blocks = this.read.list(context, 'protocols', []);
    const ports: PortItem[] = blocks.map((block) => ({ from: Number(block.port), to: Number(block.port) }));
    return { name: String(attributes.name), protocols: ['TCP'], sources, destinations, ports, fqdns };
  }

  /** IP groups (`azurerm_ip_group`) expanded to their CIDRs. */
  private ipGroups(item: Item, attribute: string): AddressItem[] {
    return this.read.referenced(item, attribute, 'azurerm_ip_group').flatMap((entry): AddressItem[] =>
      'unresolved' in entry ? [{ kind: 'unresolved', reference: entry.unresolved }] : this.read.addressItems(entry, ['cidrs']),
    );
  }

  private prefixes(item: Item, attribute: string, unresolved: UnresolvedReference[]): Cidr[] {
    const prefixes: Cidr[] = [];
    for (const value of this.read.values(item, attribute)) {
      if (value.kind !== 'literal') unresolved.push(this.read.unreadable(item, attribute, value));
      else {
        const prefix = parsePrefix(String(value.value));
        if (prefix) prefixes.push(prefix);
        else unresolved.push(unresolvedOf(item, attribute, String(value.value), 'not an IPv4 prefix'));
      }
    }
    return prefixes;
  }
}

/** Inline children grouped by the key of their parent. */
function byParent<T extends { readonly parent: Pointer }>(records: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    if (!record.parent || !('key' in record.parent)) continue;
    const group = groups.get(record.parent.key) ?? [];
    group.push(record);
    groups.set(record.parent.key, group);
  }
  return groups;
}
