/**
 * The one reading of NSG rules, routes and subnet associations (verifier/network-records.ts): inline blocks and
 * separate resources give the same records, an unreadable field gives an unreadable record with its reason, and
 * addresses and ports mean what lib/rule-fields.ts says.
 */
import { EVERY_PORT, addressValue } from '../../lib/rule-fields';
import { AttributeReader, NetworkRecords, RouteRecord, SecurityRuleRecord, readNetworkRecords } from '../../verifier/network-records';
import { References } from '../../verifier/references';
import { Stacks, ref } from './fixtures';

const STACK = 'dev-lz-app';

function records(stacks: Stacks): NetworkRecords {
  return readNetworkRecords(new AttributeReader(new References(stacks.json())));
}

const RULE = {
  name: 'AllowHttpsIn',
  priority: 200,
  direction: 'Inbound',
  access: 'Allow',
  protocol: 'Tcp',
  source_address_prefixes: ['Internet', '10.0.0.0/24'],
  source_port_range: '*',
  destination_address_prefix: 'VirtualNetwork',
  destination_port_ranges: ['443', '8000-8100'],
};

const ROUTE = { name: 'default', address_prefix: '0.0.0.0/0', next_hop_type: 'VirtualAppliance', next_hop_in_ip_address: '10.0.1.4' };

/** What a record says about the rule or route itself, without where it was written. */
function content(record: SecurityRuleRecord | RouteRecord): unknown {
  const { owner: _owner, inline: _inline, parent: _parent, attributes: _attributes, read, ...fields } = record;
  const value = read.kind === 'read' ? (({ resource: _r, stack: _s, ...rest }: Record<string, unknown>) => rest)(read.value as unknown as Record<string, unknown>) : read;
  return { ...fields, read: value };
}

function ruleStacks(): Stacks {
  const stacks = new Stacks();
  stacks.add(STACK, 'azurerm_network_security_group', 'Inline', { name: 'nsg-inline', security_rule: [RULE] });
  const separate = stacks.add(STACK, 'azurerm_network_security_group', 'Separate', { name: 'nsg-separate' });
  stacks.add(STACK, 'azurerm_network_security_rule', 'Rule', { ...RULE, network_security_group_name: ref(separate, 'name') });
  return stacks;
}

describe('NSG rule records', () => {
  test('an inline security_rule block and a separate azurerm_network_security_rule give the same record', () => {
    const [separate, inline, ...others] = records(ruleStacks()).securityRules;
    expect(others).toEqual([]);
    expect(separate?.inline).toBe(false);
    expect(inline?.inline).toBe(true);
    expect(separate?.parent).toMatchObject({ key: `${STACK}/azurerm_network_security_group.Separate` });
    expect(inline?.parent).toMatchObject({ key: `${STACK}/azurerm_network_security_group.Inline` });
    expect(separate?.owner.type).toBe('azurerm_network_security_rule');
    expect(inline?.owner.type).toBe('azurerm_network_security_group');
    expect(separate && content(separate)).toEqual(inline && content(inline));
    expect(inline?.read.kind).toBe('read');
  });

  test('addresses and ports are read as lib/rule-fields.ts defines them', () => {
    const [record] = records(ruleStacks()).securityRules;
    if (record?.read.kind !== 'read') throw new Error('rule not read');
    expect(record.read.value.sourceAddresses).toEqual(RULE.source_address_prefixes.map(addressValue));
    expect(record.read.value.destinationAddresses).toEqual([addressValue('VirtualNetwork')]);
    expect(record.read.value.sourcePorts).toEqual([EVERY_PORT]);
    expect(record.read.value.destinationPorts).toEqual([{ from: 443, to: 443 }, { from: 8000, to: 8100 }]);
  });

  test('a port list in one field is unreadable as a port but keeps the rule', () => {
    const stacks = new Stacks();
    stacks.add(STACK, 'azurerm_network_security_group', 'Nsg', { name: 'nsg', security_rule: [{ ...RULE, destination_port_ranges: ['80,443'] }] });
    const [record] = records(stacks).securityRules;
    if (record?.read.kind !== 'read') throw new Error('rule not read');
    expect(record.read.value.destinationPorts).toEqual([{ unresolved: expect.objectContaining({ expression: '80,443', reason: 'not a port, range or *' }) }]);
  });

  test('an unresolvable priority gives an unreadable record with its reason and source address; the other fields stay readable', () => {
    const stacks = new Stacks();
    stacks.add(STACK, 'azurerm_network_security_group', 'Nsg', { name: 'nsg', security_rule: [{ ...RULE, priority: '${var.priority}' }] });
    const [record] = records(stacks).securityRules;
    expect(record?.read).toEqual({
      kind: 'unreadable',
      reasons: [
        {
          resource: 'azurerm_network_security_group.Nsg',
          stack: STACK,
          attribute: 'priority',
          expression: '${var.priority}',
          reason: `no resource var.priority in stack ${STACK}`,
        },
      ],
    });
    expect(record?.priority).toMatchObject({ known: false, why: `\${var.priority}: no resource var.priority in stack ${STACK}` });
    expect(record?.access).toEqual({ known: true, value: 'Allow' });
  });

  test('a computed value is unreadable with the policy wording "computed at apply time"', () => {
    const stacks = new Stacks();
    const asg = stacks.add(STACK, 'azurerm_application_security_group', 'Asg', { name: 'asg' });
    stacks.add(STACK, 'azurerm_network_security_group', 'Nsg', { name: 'nsg', security_rule: [{ ...RULE, access: ref(asg, 'id') }] });
    const [record] = records(stacks).securityRules;
    expect(record?.access).toMatchObject({ known: false, why: '${azurerm_application_security_group.Asg.id} is computed at apply time' });
    expect(record?.read).toMatchObject({ kind: 'unreadable', reasons: [expect.objectContaining({ attribute: 'access', reason: 'computed after apply' })] });
  });

  test('an invalid direction is unreadable as a whole rule', () => {
    const stacks = new Stacks();
    stacks.add(STACK, 'azurerm_network_security_group', 'Nsg', { name: 'nsg', security_rule: [{ ...RULE, direction: 'Sideways' }] });
    const [record] = records(stacks).securityRules;
    expect(record?.read).toMatchObject({ kind: 'unreadable', reasons: [expect.objectContaining({ reason: 'missing or invalid' })] });
  });

  test('a separate rule whose NSG cannot be resolved keeps the reason; the model records it as unresolved', () => {
    const stacks = new Stacks();
    stacks.add(STACK, 'azurerm_network_security_rule', 'Lost', { ...RULE, network_security_group_name: 'nsg-nowhere' });
    const [record] = records(stacks).securityRules;
    expect(record?.parent).toEqual({ unresolved: expect.objectContaining({ reason: "no azurerm_network_security_group named 'nsg-nowhere' in this environment" }) });
    expect(stacks.model().unresolved).toContainEqual(expect.objectContaining({ resource: 'azurerm_network_security_rule.Lost', attribute: 'network_security_group_name' }));
  });

  test('the model places exactly the records it could read, and marks the NSG of an unreadable one unknown', () => {
    const stacks = ruleStacks();
    stacks.add(STACK, 'azurerm_network_security_group', 'Broken', { name: 'nsg-broken', security_rule: [{ ...RULE, protocol: '${var.protocol}' }] });
    const model = stacks.model();
    expect(model.records.securityRules).toHaveLength(3);
    const placed = model.securityGroups.flatMap((nsg) => nsg.rules.map((rule) => `${nsg.name}:${rule.resource}:${rule.name}`));
    expect(placed.sort()).toEqual(['nsg-inline:azurerm_network_security_group.Inline:AllowHttpsIn', 'nsg-separate:azurerm_network_security_rule.Rule:AllowHttpsIn']);
    expect(model.securityGroups.find((nsg) => nsg.name === 'nsg-broken')?.unresolved).toEqual([expect.objectContaining({ attribute: 'protocol' })]);
  });
});

describe('route records', () => {
  function routeStacks(route: Record<string, unknown> = ROUTE): Stacks {
    const stacks = new Stacks();
    stacks.add(STACK, 'azurerm_route_table', 'Inline', { name: 'rt-inline', route: [route] });
    const table = stacks.add(STACK, 'azurerm_route_table', 'Separate', { name: 'rt-separate' });
    stacks.add(STACK, 'azurerm_route', 'Default', { ...route, route_table_name: ref(table, 'name') });
    return stacks;
  }

  test('an inline route block and a separate azurerm_route give the same record', () => {
    const [separate, inline, ...others] = records(routeStacks()).routes;
    expect(others).toEqual([]);
    expect(separate?.parent).toMatchObject({ key: `${STACK}/azurerm_route_table.Separate` });
    expect(inline?.parent).toMatchObject({ key: `${STACK}/azurerm_route_table.Inline` });
    expect(separate && content(separate)).toEqual(inline && content(inline));
    expect(inline?.read).toMatchObject({ kind: 'read', value: { name: 'default', nextHopType: 'VirtualAppliance' } });
  });

  test('a route whose prefix is not a prefix is unreadable with its reason, and the model leaves it out', () => {
    const stacks = routeStacks({ ...ROUTE, address_prefix: 'Internet' });
    const [record] = records(stacks).routes;
    expect(record?.read).toEqual({ kind: 'unreadable', reasons: [expect.objectContaining({ resource: 'azurerm_route.Default', attribute: 'address_prefix', reason: 'not a prefix' })] });
    expect(stacks.model().routeTables.flatMap((table) => table.routes)).toEqual([]);
  });

  test('inline routes see the firewalls like separate ones (a next hop in AzureFirewallSubnet is the firewall)', () => {
    const stacks = routeStacks();
    const vnet = stacks.add(STACK, 'azurerm_virtual_network', 'Hub', { name: 'vnet-hub', address_space: ['10.0.0.0/16'] });
    const subnet = stacks.add(STACK, 'azurerm_subnet', 'Fw', { name: 'AzureFirewallSubnet', virtual_network_name: ref(vnet, 'name'), address_prefixes: ['10.0.1.0/26'] });
    stacks.add(STACK, 'azurerm_firewall', 'Fw', { name: 'afw', ip_configuration: [{ name: 'ip', subnet_id: ref(subnet, 'id') }] });
    const hops = stacks.model().routeTables.flatMap((table) => table.routes.map((route) => `${table.name}:${route.appliance?.kind ?? 'none'}`));
    expect(hops.sort()).toEqual(['rt-inline:firewall', 'rt-separate:firewall']);
  });
});

describe('association records', () => {
  test('NSG and route table associations point at their subnet and target, or say why not', () => {
    const stacks = new Stacks();
    const vnet = stacks.add(STACK, 'azurerm_virtual_network', 'Spoke', { name: 'vnet', address_space: ['10.1.0.0/16'] });
    const subnet = stacks.add(STACK, 'azurerm_subnet', 'Web', { name: 'web', virtual_network_name: ref(vnet, 'name'), address_prefixes: ['10.1.0.0/24'] });
    const nsg = stacks.add(STACK, 'azurerm_network_security_group', 'Web', { name: 'nsg-web' });
    stacks.add(STACK, 'azurerm_subnet_network_security_group_association', 'Web', { subnet_id: ref(subnet, 'id'), network_security_group_id: ref(nsg, 'id') });
    stacks.add(STACK, 'azurerm_subnet_route_table_association', 'Web', { subnet_id: ref(subnet, 'id'), route_table_id: '${var.route_table_id}' });
    const { nsgAssociations, routeTableAssociations } = records(stacks);
    expect(nsgAssociations).toEqual([
      expect.objectContaining({ subnet: expect.objectContaining({ key: `${STACK}/${subnet}` }), target: expect.objectContaining({ key: `${STACK}/${nsg}` }) }),
    ]);
    expect(routeTableAssociations).toEqual([expect.objectContaining({ target: { unresolved: expect.objectContaining({ attribute: 'route_table_id', expression: '${var.route_table_id}' }) } })]);
    const web = stacks.model().subnets.find((s) => s.name === 'web');
    expect(web?.nsgKey).toBe(`${STACK}/${nsg}`);
    expect(web?.unresolved).toEqual([expect.objectContaining({ attribute: 'route_table_id' })]);
  });
});
