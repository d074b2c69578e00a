/**
 * The one reading of NSG rules, routes and subnet associations in synthesized Terraform JSON, shared by the flow
 * model (verifier/model.ts) and the policy pack (policy/lib/network.ts).
 *
 * - NSG rules come as separate `azurerm_network_security_rule` resources or inline `security_rule` blocks of an
 *   `azurerm_network_security_group`; routes as separate `azurerm_route` resources or inline `route` blocks of an
 *   `azurerm_route_table`. Both forms give the same record.
 * - Each record keeps every field as read (a literal, or why it is not one), so a rule can judge one field without
 *   the others, and says whether the whole rule can be placed (`read`): a fully read rule, or `unreadable` with the
 *   reasons (an unresolved priority, direction, access or protocol; a route without a prefix).
 * - Addresses and ports mean what lib/rule-fields.ts says; references resolve through verifier/references.ts.
 */
import { Cidr } from '../lib/cidr';
import { parsePrefix } from '../lib/ip';
import { AddressValue, PortRange, addressValue, parsePortRange } from '../lib/rule-fields';
import { TerraformAttributes } from './load';
import { ResourceAddress, References, Resolved, UnresolvedReference, addressKey, addressText } from './references';
import { jsonText } from '../lib/json-text';

/** One resource (or inline block, with the address of the resource holding it) of the synthesized output. */
export interface Item {
  readonly address: ResourceAddress;
  readonly attributes: TerraformAttributes;
}

/** Where a model element came from, for naming the deciding resource. */
export interface Origin {
  /** `type.logicalId`, e.g. `azurerm_network_security_rule.X`. */
  readonly resource: string;
  readonly stack: string;
}

/** One item of an address list in an NSG or firewall rule: a literal as lib/rule-fields.ts reads it, an ASG, or unresolved. */
export type AddressItem =
  | AddressValue
  | { readonly kind: 'asg'; readonly name: string; readonly resource: string }
  | { readonly kind: 'unresolved'; readonly reference: UnresolvedReference };

/** A port range (lib/rule-fields.ts `parsePortRange`), or a value that could not be read. */
export type PortItem = PortRange | { readonly unresolved: UnresolvedReference };

/** A fully read NSG rule, as the flow model places it. */
export interface SecurityRule extends Origin {
  readonly name: string;
  readonly priority: number;
  readonly direction: 'Inbound' | 'Outbound';
  readonly access: 'Allow' | 'Deny';
  /** `Tcp`, `Udp`, `Icmp`, `*`, ... */
  readonly protocol: string;
  readonly sourceAddresses: readonly AddressItem[];
  readonly destinationAddresses: readonly AddressItem[];
  readonly sourcePorts: readonly PortItem[];
  readonly destinationPorts: readonly PortItem[];
}

/** What an attribute points at: a resource of the environment (`key` as `addressKey`), or why not; undefined when unset. */
export type Pointer = { readonly key: string; readonly address: ResourceAddress } | { readonly unresolved: UnresolvedReference } | undefined;

/** A scalar field: its literal, or why it is not one (`why` in the policy engine's wording). */
export type FieldRead =
  | { readonly known: true; readonly value: unknown }
  | { readonly known: false; readonly why: string; readonly reference: UnresolvedReference };

/**
 * One element of a scalar-or-list field, resolved. `raw` keeps the element as written so that an ID reference
 * (`computed`, e.g. an ASG's `id`) can still be looked up as a target.
 */
export type ElementRead =
  | { readonly kind: 'literal'; readonly value: unknown; readonly raw: unknown }
  | { readonly kind: 'computed'; readonly raw: unknown; readonly resolved: Resolved; readonly why: string }
  | { readonly kind: 'unresolved'; readonly raw: unknown; readonly reference: UnresolvedReference; readonly why: string };

/** Is the rule or route placeable as a whole? */
export type Readability<T> = { readonly kind: 'read'; readonly value: T } | { readonly kind: 'unreadable'; readonly reasons: readonly UnresolvedReference[] };

/** A child of a parent resource (an NSG rule of an NSG, a route of a route table), written either way. */
interface ChildRecord {
  /** The resource to report on: the separate resource, or the parent for an inline block. */
  readonly owner: ResourceAddress;
  readonly inline: boolean;
  /** The parent, or why it is not known (always known for an inline block). */
  readonly parent: Pointer;
  /** The name as written (`?` for an inline block without one), for messages. */
  readonly label: string;
  /** The fields as written. */
  readonly attributes: TerraformAttributes;
}

export interface SecurityRuleRecord extends ChildRecord {
  readonly name: FieldRead;
  readonly priority: FieldRead;
  readonly direction: FieldRead;
  readonly access: FieldRead;
  readonly protocol: FieldRead;
  /** `source_address_prefix` then `source_address_prefixes`, element by element. */
  readonly sourcePrefixes: readonly ElementRead[];
  readonly destinationPrefixes: readonly ElementRead[];
  /** `source_port_range` then `source_port_ranges`. */
  readonly sourcePortRanges: readonly ElementRead[];
  readonly destinationPortRanges: readonly ElementRead[];
  /** The rule as the flow model places it, or why it cannot be placed (the model drops it and marks its NSG unknown). */
  readonly read: Readability<SecurityRule>;
}

export interface RouteRecord extends ChildRecord {
  readonly name: FieldRead;
  readonly addressPrefix: FieldRead;
  readonly nextHopType: FieldRead;
  /** The route as the flow model places it (its appliance hop is the model's to judge), or why it cannot be. */
  readonly read: Readability<{ readonly name: string; readonly prefix: Cidr; readonly nextHopType: string }>;
}

/** A subnet's association with an NSG or a route table. */
export interface AssociationRecord {
  readonly owner: ResourceAddress;
  readonly subnet: Pointer;
  /** The NSG or route table. */
  readonly target: Pointer;
  /** The attribute naming the target (`network_security_group_id`, `route_table_id`). */
  readonly targetAttribute: string;
}

/** Every NSG rule, route and association of one environment, in (stack, logical ID) order, separate resources first. */
export interface NetworkRecords {
  readonly securityRules: readonly SecurityRuleRecord[];
  readonly routes: readonly RouteRecord[];
  readonly nsgAssociations: readonly AssociationRecord[];
  readonly routeTableAssociations: readonly AssociationRecord[];
  /** Parents whose inline blocks are an expression instead of blocks (by parent key): their children cannot be read. */
  readonly inlineProblems: ReadonlyMap<string, readonly UnresolvedReference[]>;
}

/** Reads the NSG rules, routes and associations of one environment. */
export function readNetworkRecords(reader: AttributeReader): NetworkRecords {
  const inlineProblems = new Map<string, UnresolvedReference[]>();
  const children = (childType: string, parentAttribute: string, parentType: string, block: string) => {
    const found: { owner: ResourceAddress; inline: boolean; parent: Pointer; label: string; item: Item }[] = [];
    for (const item of reader.refs.resourcesOfType(childType)) {
      const label = jsonText(item.attributes.name ?? item.address.name);
      found.push({ owner: item.address, inline: false, parent: reader.target(item, parentAttribute, parentType), label, item });
    }
    for (const parent of reader.refs.resourcesOfType(parentType)) {
      const problems: UnresolvedReference[] = [];
      const pointer = { key: addressKey(parent.address), address: parent.address };
      for (const attributes of reader.list(parent, block, problems)) {
        found.push({ owner: parent.address, inline: true, parent: pointer, label: jsonText(attributes.name ?? '?'), item: { address: parent.address, attributes } });
      }
      if (problems.length > 0) inlineProblems.set(pointer.key, problems);
    }
    return found;
  };
  // Fields named, not `{ item, ...child }`: a rest pattern copies through a slow path, thousands of times at 100 spokes.
  const securityRules = children('azurerm_network_security_rule', 'network_security_group_name', 'azurerm_network_security_group', 'security_rule').map(
    ({ item, owner, inline, parent, label }): SecurityRuleRecord => ({ owner, inline, parent, label, attributes: item.attributes, ...readSecurityRule(reader, item) }),
  );
  const routes = children('azurerm_route', 'route_table_name', 'azurerm_route_table', 'route').map(
    ({ item, owner, inline, parent, label }): RouteRecord => ({ owner, inline, parent, label, attributes: item.attributes, ...readRoute(reader, item) }),
  );
  const associations = (type: string, attribute: string, targetType: string): AssociationRecord[] =>
    reader.refs.resourcesOfType(type).map((item) => ({
      owner: item.address,
      subnet: reader.target(item, 'subnet_id', 'azurerm_subnet'),
      target: reader.target(item, attribute, targetType),
      targetAttribute: attribute,
    }));
  return {
    securityRules,
    routes,
    nsgAssociations: associations('azurerm_subnet_network_security_group_association', 'network_security_group_id', 'azurerm_network_security_group'),
    routeTableAssociations: associations('azurerm_subnet_route_table_association', 'route_table_id', 'azurerm_route_table'),
    inlineProblems,
  };
}

function readSecurityRule(reader: AttributeReader, item: Item): Omit<SecurityRuleRecord, keyof ChildRecord> {
  const [name, priority, direction, access, protocol] = ['name', 'priority', 'direction', 'access', 'protocol'].map((field) => reader.field(item, field)) as [
    FieldRead,
    FieldRead,
    FieldRead,
    FieldRead,
    FieldRead,
  ];
  const elements = (singular: string, plural: string) => [...reader.values(item, singular), ...reader.values(item, plural)];
  const fields = {
    name,
    priority,
    direction,
    access,
    protocol,
    sourcePrefixes: elements('source_address_prefix', 'source_address_prefixes'),
    destinationPrefixes: elements('destination_address_prefix', 'destination_address_prefixes'),
    sourcePortRanges: elements('source_port_range', 'source_port_ranges'),
    destinationPortRanges: elements('destination_port_range', 'destination_port_ranges'),
  };
  const problems = [name, priority, direction, access, protocol].flatMap((f) => (f.known ? [] : [f.reference]));
  const p = priority.known ? priority.value : undefined;
  const d = direction.known ? direction.value : undefined;
  const a = access.known ? access.value : undefined;
  const proto = protocol.known ? protocol.value : undefined;
  if (problems.length > 0) return { ...fields, read: { kind: 'unreadable', reasons: problems } };
  if (typeof p !== 'number' || typeof proto !== 'string' || (d !== 'Inbound' && d !== 'Outbound') || (a !== 'Allow' && a !== 'Deny')) {
    return { ...fields, read: { kind: 'unreadable', reasons: [unresolvedOf(item, 'priority/direction/access/protocol', '', 'missing or invalid')] } };
  }
  const rule: SecurityRule = {
    name: name.known && typeof name.value === 'string' ? name.value : addressText(item.address),
    priority: p,
    direction: d,
    access: a,
    protocol: proto,
    sourceAddresses: reader.nsgAddresses(item, 'source'),
    destinationAddresses: reader.nsgAddresses(item, 'destination'),
    sourcePorts: reader.ports(item, ['source_port_range', 'source_port_ranges']),
    destinationPorts: reader.ports(item, ['destination_port_range', 'destination_port_ranges']),
    ...origin(item),
  };
  return { ...fields, read: { kind: 'read', value: rule } };
}

function readRoute(reader: AttributeReader, item: Item): Omit<RouteRecord, keyof ChildRecord> {
  const name = reader.field(item, 'name');
  const addressPrefix = reader.field(item, 'address_prefix');
  const nextHopType = reader.field(item, 'next_hop_type');
  const fields = { name, addressPrefix, nextHopType };
  const problems = [name, addressPrefix, nextHopType].flatMap((f) => (f.known ? [] : [f.reference]));
  const prefixText = addressPrefix.known ? addressPrefix.value : undefined;
  const prefix = typeof prefixText === 'string' ? parsePrefix(prefixText) : undefined;
  const hop = nextHopType.known ? nextHopType.value : undefined;
  if (problems.length > 0) return { ...fields, read: { kind: 'unreadable', reasons: problems } };
  if (!prefix || typeof hop !== 'string') {
    return { ...fields, read: { kind: 'unreadable', reasons: [unresolvedOf(item, 'address_prefix', String(prefixText), 'not a prefix')] } };
  }
  return { ...fields, read: { kind: 'read', value: { name: jsonText((name.known ? name.value : undefined) ?? item.address.name), prefix, nextHopType: hop } } };
}

/** Why a value is not a literal, in the policy engine's wording (`<expr> is computed at apply time`, `<expr>: <reason>`). */
export function whyNotLiteral(raw: unknown, resolved: Exclude<Resolved, { kind: 'literal' }>): string {
  return resolved.kind === 'attribute' ? `${String(raw)} is computed at apply time` : `${resolved.expression}: ${resolved.reason}`;
}

/** Reads attributes of synthesized resources: scalars, scalar-or-list values, pointers to other resources. */
export class AttributeReader {
  constructor(public readonly refs: References) {}

  /** A scalar attribute as read. */
  public field(item: Item, attribute: string): FieldRead {
    const raw = item.attributes[attribute];
    const resolved = this.refs.resolve(item.address.stack, raw);
    if (resolved.kind === 'literal') return { known: true, value: resolved.value };
    const reason = resolved.kind === 'unresolved' ? resolved.reason : 'computed after apply';
    return { known: false, why: whyNotLiteral(raw, resolved), reference: unresolvedOf(item, attribute, expressionOf(resolved, raw), reason) };
  }

  /** A scalar attribute resolved to a literal; records an unresolved reference and returns undefined otherwise. */
  public scalar(item: Item, attribute: string, unresolved: UnresolvedReference[]): unknown {
    const read = this.field(item, attribute);
    if (read.known) return read.value;
    unresolved.push(read.reference);
    return undefined;
  }

  /** The element an attribute points at (by ID, by name reference, or by literal name / Azure resource ID). */
  public target(item: Item, attribute: string, type: string): Pointer {
    const [head = '', ...path] = attribute.split('.');
    let value: unknown = item.attributes[head];
    for (const segment of path) value = stepInto(value, segment);
    if (value === undefined || value === null) return undefined;
    const target = this.refs.target(item.address.stack, value);
    if (target.kind === 'unresolved') return { unresolved: unresolvedOf(item, attribute, target.expression, target.reason) };
    if (target.kind === 'resource' && target.suffix === '' && target.address.type === type) return { key: addressKey(target.address), address: target.address };
    const literal = target.value;
    if (typeof literal === 'string') {
      const address = this.findByName(type, literal);
      if (address) return { key: addressKey(address), address };
      return { unresolved: unresolvedOf(item, attribute, literal, `no ${type} named '${literal}' in this environment`) };
    }
    return { unresolved: unresolvedOf(item, attribute, typeof value === 'string' ? value : JSON.stringify(value), `does not point at a ${type}`) };
  }

  /** Finds a resource by its literal `name`, or by the last segment(s) of an Azure resource ID. */
  private findByName(type: string, text: string): ResourceAddress | undefined {
    const id = /\/virtualNetworks\/([^/]+)(?:\/subnets\/([^/]+))?$/i.exec(text);
    const subnetOfVnet = type === 'azurerm_subnet' && id?.[2] !== undefined ? { vnet: id[1], subnet: id[2] } : undefined;
    const name = subnetOfVnet ? subnetOfVnet.subnet : text.split('/').pop();
    const matches = this.refs.resourcesOfType(type).filter((candidate) => {
      if (this.literalName(candidate) !== name) return false;
      if (!subnetOfVnet) return true;
      const vnet = this.target(candidate, 'virtual_network_name', 'azurerm_virtual_network');
      if (vnet === undefined || !('key' in vnet)) return false;
      const vnetItem = this.refs.resourcesOfType('azurerm_virtual_network').find((v) => addressKey(v.address) === vnet.key);
      return vnetItem !== undefined && (this.literalName(vnetItem) ?? addressText(vnetItem.address)) === subnetOfVnet.vnet;
    });
    const [only, ...others] = matches;
    return only && others.length === 0 ? only.address : undefined;
  }

  private literalName(item: Item): string | undefined {
    const name = this.refs.resolve(item.address.stack, item.attributes.name);
    return name.kind === 'literal' && typeof name.value === 'string' ? name.value : undefined;
  }

  /** Elements of a scalar-or-list attribute, each resolved; a whole attribute that is not a literal is one unresolved element. */
  public values(item: Item, attribute: string): ElementRead[] {
    const raw = item.attributes[attribute];
    if (raw === undefined || raw === null) return [];
    const resolved = this.refs.resolve(item.address.stack, raw);
    if (resolved.kind !== 'literal') {
      const reason = resolved.kind === 'unresolved' ? resolved.reason : 'computed after apply';
      return [{ kind: 'unresolved', raw, reference: unresolvedOf(item, attribute, expressionOf(resolved, raw), reason), why: whyNotLiteral(raw, resolved) }];
    }
    const elements: unknown[] = Array.isArray(resolved.value) ? resolved.value : [resolved.value];
    return elements.map((element): ElementRead => {
      const value = this.refs.resolve(resolved.stack, element);
      if (value.kind === 'literal') return { kind: 'literal', value: value.value, raw: element };
      if (value.kind === 'attribute') return { kind: 'computed', raw: element, resolved: value, why: whyNotLiteral(element, value) };
      return { kind: 'unresolved', raw: element, reference: unresolvedOf(item, attribute, String(element), value.reason), why: whyNotLiteral(element, value) };
    });
  }

  /** The unresolved reference for an element that is not a literal. */
  public unreadable(item: Item, attribute: string, value: Exclude<ElementRead, { kind: 'literal' }>): UnresolvedReference {
    if (value.kind === 'unresolved') return value.reference;
    const reason = value.resolved.kind === 'unresolved' ? value.resolved.reason : 'computed after apply';
    return unresolvedOf(item, attribute, expressionOf(value.resolved, value.raw), reason);
  }

  /** Inline blocks (`security_rule`, `route`, collections); a reference instead of blocks is unresolved. */
  public list(item: Item, attribute: string, unresolved: UnresolvedReference[]): TerraformAttributes[] {
    const raw = item.attributes[attribute];
    if (raw === undefined || raw === null) return [];
    if (Array.isArray(raw)) return raw as TerraformAttributes[];
    if (typeof raw === 'object') return [raw as TerraformAttributes];
    unresolved.push(unresolvedOf(item, attribute, jsonText(raw), 'inline blocks given as an expression'));
    return [];
  }

  /** NSG addresses: `<side>_address_prefix(es)` plus `<side>_application_security_group_ids`. */
  public nsgAddresses(item: Item, side: 'source' | 'destination'): AddressItem[] {
    const attribute = `${side}_application_security_group_ids`;
    const items = this.addressItems(item, [`${side}_address_prefix`, `${side}_address_prefixes`]);
    for (const entry of this.referenced(item, attribute, 'azurerm_application_security_group')) {
      if ('unresolved' in entry) items.push({ kind: 'unresolved', reference: entry.unresolved });
      else {
        const name = this.refs.resolve(entry.address.stack, entry.attributes.name);
        items.push({ kind: 'asg', name: name.kind === 'literal' ? String(name.value) : entry.address.name, resource: addressText(entry.address) });
      }
    }
    return items;
  }

  /** The resources a list of IDs points at (ASGs, IP groups). */
  public referenced(item: Item, attribute: string, type: string): (Item | { unresolved: UnresolvedReference })[] {
    return this.values(item, attribute).map((value) => {
      if (value.kind === 'unresolved') return { unresolved: value.reference };
      const target = this.target({ address: item.address, attributes: { [attribute]: value.raw } }, attribute, type);
      if (!target || 'unresolved' in target) return { unresolved: target?.unresolved ?? unresolvedOf(item, attribute, '', 'empty') };
      return this.refs.resourcesOfType(type).find((candidate) => addressKey(candidate.address) === target.key) as Item;
    });
  }

  /** Address strings of the given attributes: '*', prefixes, IPs, ranges or service tags. */
  public addressItems(item: Item, attributes: readonly string[]): AddressItem[] {
    const items: AddressItem[] = [];
    for (const attribute of attributes) {
      for (const value of this.values(item, attribute)) {
        if (value.kind === 'literal') items.push(addressValue(String(value.value)));
        else items.push({ kind: 'unresolved', reference: this.unreadable(item, attribute, value) });
      }
    }
    return items;
  }

  public ports(item: Item, attributes: readonly string[]): PortItem[] {
    const items: PortItem[] = [];
    for (const attribute of attributes) {
      for (const value of this.values(item, attribute)) {
        if (value.kind !== 'literal') items.push({ unresolved: this.unreadable(item, attribute, value) });
        else {
          const range = parsePortRange(String(value.value));
          items.push(range ?? { unresolved: unresolvedOf(item, attribute, String(value.value), 'not a port, range or *') });
        }
      }
    }
    return items;
  }
}

export function origin(item: Item): Origin {
  return { resource: addressText(item.address), stack: item.address.stack };
}

export function unresolvedOf(item: { readonly address: ResourceAddress }, attribute: string, expression: string, reason: string): UnresolvedReference {
  return { resource: addressText(item.address), stack: item.address.stack, attribute, expression, reason };
}

export function expressionOf(resolved: Resolved, raw: unknown): string {
  return resolved.kind === 'unresolved' ? resolved.expression : typeof raw === 'string' ? raw : JSON.stringify(raw);
}

function stepInto(value: unknown, segment: string): unknown {
  if (Array.isArray(value)) return value[Number(segment)] as unknown;
  if (value !== null && typeof value === 'object') return (value as Record<string, unknown>)[segment] ?? (segment === '0' ? value : undefined);
  return undefined;
}
