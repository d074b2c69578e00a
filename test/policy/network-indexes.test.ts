/**
 * The pack's network indexes (policy/lib/network.ts) group the shared records once per run; each lookup must give
 * exactly what a scan of every record gives: the same records, in record order, unresolved parents kept apart.
 */
import { EvaluationContext } from '../../policy/engine';
import {
  guardsSpoke,
  nsgAssociationsOf,
  parentKey,
  routeTablesOf,
  routes,
  routesOf,
  securityRules,
  securityRulesOf,
  unattachedSecurityRules,
} from '../../policy/lib/network';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import { evaluateEnvironment } from '../../policy/evaluate';
import { addressKey } from '../../verifier/references';
import { Stacks, ref } from '../verifier/fixtures';

const HUB = 'dev-connectivity';
const APP = 'dev-lz-app';
const rule = { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: '*', destination_address_prefix: '*', source_port_range: '*', destination_port_range: '443' };
const denyAll = { ...rule, priority: 4096, access: 'Deny', protocol: '*', destination_port_range: '*' };

/** A hub and a spoke; NSG rules written inline and separately, interleaved across two NSGs, one NSG rule without a known NSG. */
function environment(): { ctx: EvaluationContext; keys: Record<string, string> } {
  const s = new Stacks();
  const hubVnet = s.add(HUB, 'azurerm_virtual_network', 'Hub', { name: 'vnet-hub', address_space: ['10.0.0.0/16'] });
  s.add(HUB, 'azurerm_subnet', 'Firewall', { name: 'AzureFirewallSubnet', virtual_network_name: ref(hubVnet, 'name'), address_prefixes: ['10.0.0.0/26'] });
  const hubPe = s.add(HUB, 'azurerm_subnet', 'HubPe', { name: 'snet-pe-hub', virtual_network_name: ref(hubVnet, 'name'), address_prefixes: ['10.0.1.0/24'] });
  const vnet = s.add(APP, 'azurerm_virtual_network', 'Vnet', { name: 'vnet-app', address_space: ['10.1.0.0/16'] });
  const web = s.add(APP, 'azurerm_subnet', 'Web', { name: 'snet-web', virtual_network_name: ref(vnet, 'name'), address_prefixes: ['10.1.0.0/24'] });
  const app = s.add(APP, 'azurerm_subnet', 'App', { name: 'snet-app', virtual_network_name: ref(vnet, 'name'), address_prefixes: ['10.1.1.0/24'] });
  const webNsg = s.add(APP, 'azurerm_network_security_group', 'WebNsg', { name: 'nsg-web', security_rule: [{ ...denyAll, name: 'InlineDenyAll' }] });
  const appNsg = s.add(APP, 'azurerm_network_security_group', 'AppNsg', { name: 'nsg-app' });
  const hubNsg = s.add(HUB, 'azurerm_network_security_group', 'HubNsg', { name: 'nsg-hub', security_rule: [{ ...denyAll, name: 'HubDenyAll' }] });
  // Logical IDs sort A (app), B (web), C (app), D (unknown NSG): the groups interleave in record order.
  s.add(APP, 'azurerm_network_security_rule', 'A', { ...rule, name: 'AppHttps', network_security_group_name: ref(appNsg, 'name') });
  s.add(APP, 'azurerm_network_security_rule', 'B', { ...rule, name: 'WebHttps', priority: 110, network_security_group_name: ref(webNsg, 'name') });
  s.add(APP, 'azurerm_network_security_rule', 'C', { ...rule, name: 'AppSsh', priority: 120, destination_port_range: '22', network_security_group_name: ref(appNsg, 'name') });
  s.add(APP, 'azurerm_network_security_rule', 'D', { ...rule, name: 'Orphan', network_security_group_name: '${var.nsg_name}' });
  for (const [id, subnet, nsg] of [['WebNsgAssoc', web, webNsg], ['AppNsgAssoc', app, appNsg], ['HubNsgAssoc', hubPe, hubNsg]] as const) {
    s.add(id === 'HubNsgAssoc' ? HUB : APP, 'azurerm_subnet_network_security_group_association', id, { subnet_id: ref(subnet, 'id'), network_security_group_id: ref(nsg, 'id') });
  }
  // Two route tables on one subnet (written twice): their routes merge in record order, each once.
  const first = s.add(APP, 'azurerm_route_table', 'First', { name: 'rt-first', route: [{ name: 'InlineDefault', address_prefix: '0.0.0.0/0', next_hop_type: 'Internet' }] });
  const second = s.add(APP, 'azurerm_route_table', 'Second', { name: 'rt-second' });
  s.add(APP, 'azurerm_route', 'R1', { name: 'ToHub', address_prefix: '10.0.0.0/16', next_hop_type: 'VirtualAppliance', next_hop_in_ip_address: '10.0.0.4', route_table_name: ref(second, 'name') });
  s.add(APP, 'azurerm_route', 'R2', { name: 'Local', address_prefix: '10.1.0.0/16', next_hop_type: 'VnetLocal', route_table_name: ref(first, 'name') });
  for (const [id, table] of [['Assoc1', second], ['Assoc2', first], ['Assoc3', first]] as const) {
    s.add(APP, 'azurerm_subnet_route_table_association', id, { subnet_id: ref(web, 'id'), route_table_id: ref(table, 'id') });
  }
  const keys = Object.fromEntries(
    Object.entries({ web, app, hubPe, webNsg, appNsg, hubNsg, first, second }).map(([name, address]) => {
      const [type = '', id = ''] = address.split('.');
      return [name, addressKey({ stack: address === hubPe || address === hubNsg ? HUB : APP, type, name: id })];
    }),
  );
  return { ctx: new EvaluationContext('dev', s.json()), keys };
}

const names = (records: readonly { readonly label: string }[]): string[] => records.map((record) => record.label);

test('NSG rules are grouped by their NSG in record order, whichever way they are written', () => {
  const { ctx, keys } = environment();
  for (const nsg of ctx.resources('azurerm_network_security_group')) {
    expect(securityRulesOf(ctx, nsg.key)).toEqual(securityRules(ctx).filter((record) => parentKey(record) === nsg.key));
  }
  expect(names(securityRulesOf(ctx, keys.appNsg as string))).toEqual(['AppHttps', 'AppSsh']);
  expect(names(securityRulesOf(ctx, keys.webNsg as string))).toEqual(['WebHttps', 'InlineDenyAll']);
  expect(securityRulesOf(ctx, 'dev-lz-app/azurerm_network_security_group.Missing')).toEqual([]);
});

test('a rule whose NSG does not resolve is kept apart, by stack, and still makes ZT-NET-008 undecidable there', () => {
  const { ctx } = environment();
  expect(names(unattachedSecurityRules(ctx, APP))).toEqual(['Orphan']);
  expect(unattachedSecurityRules(ctx, HUB)).toEqual([]);
  const rows = evaluateEnvironment('dev', ctx.stacks, ZERO_TRUST_PACK.filter((r) => r.id === 'ZT-NET-008')).flatMap((result) => result.rows);
  const outcome = (name: string) => rows.find((row) => row.resource === `azurerm_network_security_group.${name}`);
  expect(outcome('WebNsg')).toMatchObject({ outcome: 'compliant', reason: 'InlineDenyAll denies all inbound' });
  expect(outcome('AppNsg')).toMatchObject({ outcome: 'undecidable', reason: 'no deny-all rule found, and the NSG of rule Orphan cannot be resolved' });
  expect(outcome('HubNsg')).toMatchObject({ outcome: 'compliant' });
});

test('routes of several route tables merge in record order, each once', () => {
  const { ctx, keys } = environment();
  const [first, second] = [keys.first as string, keys.second as string];
  const scan = (tables: readonly string[]) => routes(ctx).filter((record) => tables.includes(parentKey(record) ?? ''));
  for (const tables of [[first], [second], [second, first], [first, second, first], []]) expect(routesOf(ctx, tables)).toEqual(scan(tables));
  expect(names(routesOf(ctx, [second, first]))).toEqual(['ToHub', 'Local', 'InlineDefault']);
});

test('associations are looked up by subnet; NSGs on spoke subnets are told from hub ones', () => {
  const { ctx, keys } = environment();
  const subnet = (key: string) => ctx.resources('azurerm_subnet').find((s) => s.key === key);
  const web = subnet(keys.web as string);
  expect(web && routeTablesOf(ctx, web).map((table) => table.address.name)).toEqual(['Second', 'First', 'First']);
  expect(web && nsgAssociationsOf(ctx, web).map((address) => address.name)).toEqual(['WebNsgAssoc']);
  const hubPe = subnet(keys.hubPe as string);
  expect(hubPe && routeTablesOf(ctx, hubPe)).toEqual([]);
  expect([keys.webNsg, keys.appNsg, keys.hubNsg, undefined].map((key) => guardsSpoke(ctx, key))).toEqual([true, true, false, false]);
});

test('resources of a type in one stack are the environment-wide list filtered by stack, in the same order', () => {
  const { ctx } = environment();
  for (const stack of [...ctx.stackNames, 'dev-no-such-stack']) {
    for (const type of [...ctx.types(), 'azurerm_no_such_type']) {
      expect(ctx.resourcesIn(stack, type)).toEqual(ctx.resources(type).filter((resource) => resource.address.stack === stack));
    }
  }
  expect(ctx.resourcesIn(APP, 'azurerm_network_security_rule').map((resource) => resource.address.name)).toEqual(['A', 'B', 'C', 'D']);
});
