import { Testing } from 'cdktf';
import { RouteTable, RouteTableProps, UserDefinedRoute } from '../../constructs/network/route-table';
import { AzurermRouteTable, Route, Subnet } from '../../providers/azurerm';
import { addressOf, onlyResource, parse, referenceTo, resourceAddresses, resourcesOfType, TEST_RESOURCE_GROUP } from '../helpers';

const FIREWALL_IP = '10.0.0.4';
const DEFAULT_ROUTE: UserDefinedRoute = { name: 'default-via-firewall', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: FIREWALL_IP };
const SPOKE_ROUTE: UserDefinedRoute = { name: 'to-crm', addressPrefix: '10.2.0.0/24', nextHopType: 'VirtualAppliance', nextHopIpAddress: FIREWALL_IP };
const VNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/vnet-test';

function withTable(test: (table: RouteTable) => void = () => undefined, props: Partial<RouteTableProps> = {}): string {
  return Testing.synthScope((scope) => {
    test(new RouteTable(scope, 'Table', { resourceGroup: TEST_RESOURCE_GROUP, name: 'rt-test', ...props }));
  });
}

describe('RouteTable', () => {
  test('turns BGP route propagation off by default, in the resource group and its location', () => {
    expect(withTable()).toHaveResourceWithProperties(AzurermRouteTable, {
      name: 'rt-test',
      resource_group_name: 'rg-test',
      location: 'westeurope',
      bgp_route_propagation_enabled: false,
    });
  });

  test('passes explicit BGP propagation and location through', () => {
    expect(withTable(undefined, { bgpRoutePropagationEnabled: true, location: 'northeurope' })).toHaveResourceWithProperties(AzurermRouteTable, {
      bgp_route_propagation_enabled: true,
      location: 'northeurope',
    });
  });

  test('defines each route, from props or addRoute, as its own azurerm_route with its next hop', () => {
    const json = withTable(
      (table) => {
        table.addRoute({ name: 'internet-direct', addressPrefix: 'AzureCloud', nextHopType: 'Internet' });
        expect(table.userDefinedRoutes.map((r) => r.name)).toEqual(['default-via-firewall', 'to-crm', 'internet-direct']);
      },
      { routes: [DEFAULT_ROUTE, SPOKE_ROUTE] },
    );
    const table = parse(json);
    expect(json).toHaveResourceWithProperties(Route, {
      name: 'default-via-firewall',
      resource_group_name: 'rg-test',
      route_table_name: referenceTo(table, 'azurerm_route_table', 'rt-test', 'name'),
      address_prefix: '0.0.0.0/0',
      next_hop_type: 'VirtualAppliance',
      next_hop_in_ip_address: FIREWALL_IP,
    });
    expect(json).toHaveResourceWithProperties(Route, { name: 'to-crm', address_prefix: '10.2.0.0/24', next_hop_in_ip_address: FIREWALL_IP });
    // A service tag is not parsed as a CIDR, and a non-appliance hop has no IP.
    const internet = resourcesOfType(table, 'azurerm_route').find((r) => r.name === 'internet-direct');
    expect(internet).toMatchObject({ address_prefix: 'AzureCloud', next_hop_type: 'Internet' });
    expect(internet?.next_hop_in_ip_address).toBeUndefined();
  });

  test('associates a subnet only after every route defined so far', () => {
    const json = parse(
      withTable(
        (table) => {
          table.addRoute({ name: 'to-onprem', addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: FIREWALL_IP });
          const subnet = new Subnet(table, 'Subnet', { name: 'snet-web', resourceGroupName: 'rg-test', virtualNetworkName: 'vnet-test', addressPrefixes: ['10.1.0.0/26'] });
          table.associateWithSubnet('WebAssociation', subnet.id);
        },
        { routes: [DEFAULT_ROUTE, SPOKE_ROUTE] },
      ),
    );
    const association = onlyResource(json, 'azurerm_subnet_route_table_association');
    expect(association).toMatchObject({
      subnet_id: referenceTo(json, 'azurerm_subnet', 'snet-web'),
      route_table_id: referenceTo(json, 'azurerm_route_table', 'rt-test'),
    });
    expect(resourceAddresses(json, 'azurerm_route')).toHaveLength(3);
    expect([...(association.depends_on as string[])].sort()).toEqual(resourceAddresses(json, 'azurerm_route').sort());
    expect(association.depends_on).toContain(addressOf(json, 'azurerm_route', 'to-onprem'));
  });

  test('accepts a literal subnet resource ID', () => {
    const json = parse(withTable((table) => table.associateWithSubnet('Association', `${VNET_ID}/subnets/snet-web`), { routes: [DEFAULT_ROUTE] }));
    expect(onlyResource(json, 'azurerm_subnet_route_table_association').subnet_id).toBe(`${VNET_ID}/subnets/snet-web`);
  });

  test('fails when associated with something that is not a subnet ID', () => {
    expect(() => withTable((table) => table.associateWithSubnet('Association', VNET_ID))).toThrow(
      `RouteTable.associateWithSubnet: '${VNET_ID}' is not a subnet ID; pass subnet.id`,
    );
  });

  test.each<[string, Partial<UserDefinedRoute>, RegExp]>([
    ['a duplicate name', { addressPrefix: '10.9.0.0/16' }, /route 'default-via-firewall': name 'default-via-firewall' is already used/],
    ['a duplicate prefix', { name: 'other' }, /route 'other': prefix 0\.0\.0\.0\/0 already has route 'default-via-firewall'/],
  ])('fails on %s', (_case, change, message) => {
    expect(() => withTable((table) => table.addRoute({ ...DEFAULT_ROUTE, ...change }), { routes: [DEFAULT_ROUTE] })).toThrow(message);
  });

  test.each<[string, Partial<UserDefinedRoute>, RegExp]>([
    ['VirtualAppliance without a next hop IP', { nextHopIpAddress: undefined }, /nextHopType VirtualAppliance needs nextHopIpAddress \(e\.g\. the firewall private IP\)/],
    ['a next hop IP with another hop type', { nextHopType: 'Internet' }, /nextHopIpAddress is only allowed with VirtualAppliance \(nextHopType is Internet\); remove it/],
    ['a prefix with host bits', { addressPrefix: '10.2.0.1/24' }, /'10\.2\.0\.1\/24' has host bits set; the network address of that prefix is 10\.2\.0\.0\/24/],
    ['a malformed prefix', { addressPrefix: '10.2.0.0/33' }, /'10\.2\.0\.0\/33' is not an IPv4 CIDR such as 10\.0\.0\.0\/16/],
    ['a name starting with a hyphen', { name: '-to-crm' }, /route '-to-crm': name '-to-crm' is not a valid route name \(letters, digits, underscores, periods and hyphens; start with a letter or digit; end with a letter, digit or underscore\)/],
    ['a name with a space', { name: 'to crm' }, /name 'to crm' is not a valid route name/],
  ])('fails on %s, in props as in addRoute', (_case, change, message) => {
    const route = { ...SPOKE_ROUTE, ...change };
    expect(() => withTable(undefined, { routes: [route] })).toThrow(message);
    expect(() => withTable((table) => table.addRoute(route))).toThrow(message);
  });

  test('reports every problem of a route at once', () => {
    expect(() => withTable((table) => table.addRoute({ name: 'bad name', addressPrefix: '10.2.0.1/24', nextHopType: 'None', nextHopIpAddress: FIREWALL_IP }))).toThrow(
      /name 'bad name' is not a valid route name .*; '10\.2\.0\.1\/24' has host bits set.*; nextHopIpAddress is only allowed with VirtualAppliance \(nextHopType is None\)/,
    );
  });

  test('an association also waits for routes added after it', () => {
    const synth = parse(
      withTable((table) => {
        table.associateWithSubnet('Association', `${VNET_ID}/subnets/snet-web`);
        table.addRoute(SPOKE_ROUTE);
      }, { routes: [DEFAULT_ROUTE] }),
    );
    expect(onlyResource(synth, 'azurerm_subnet_route_table_association').depends_on).toEqual(resourceAddresses(synth, 'azurerm_route').sort());
    expect(resourceAddresses(synth, 'azurerm_route')).toHaveLength(2);
  });
});

