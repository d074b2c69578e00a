import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { ThreeTierSpoke } from '../../constructs/landing-zone/three-tier-spoke';
import { VirtualNetworkFlowLog } from '../../constructs/monitoring/virtual-network-flow-log';
import { LogAnalyticsWorkspace } from '../../constructs/monitoring/log-analytics-workspace';
import { AzureFirewall } from '../../constructs/network/azure-firewall';
import { DdosProtectionPlan } from '../../constructs/network/ddos-protection-plan';
import { Hub } from '../../constructs/network/hub';
import { HubVirtualNetwork } from '../../constructs/network/hub-virtual-network';
import { PrivateDnsZones } from '../../constructs/network/private-dns-zones';
import { PrivateEndpoint } from '../../constructs/network/private-endpoint';
import { ExistingSubnet } from '../../constructs/network/subnet';
import { KeyVault } from '../../constructs/data/key-vault';
import { ResourceNamer } from '../../lib/naming';
import { onlyResource, parse, resourcesOfType, TEST_RESOURCE_GROUP, TEST_TENANT_ID } from '../helpers';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const HUB_RG = `${SUB}/resourceGroups/rg-connectivity`;
const IDS = {
  network: `${HUB_RG}/providers/Microsoft.Network/virtualNetworks/vnet-hub-corp`,
  firewall: `${HUB_RG}/providers/Microsoft.Network/azureFirewalls/afw-hub-corp`,
  plan: `${HUB_RG}/providers/Microsoft.Network/ddosProtectionPlans/ddos-corp`,
  workspace: `${SUB}/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/log-soc`,
  subnet: `${HUB_RG}/providers/Microsoft.Network/virtualNetworks/vnet-hub-corp/subnets/snet-pe`,
  zone: (name: string) => `${HUB_RG}/providers/Microsoft.Network/privateDnsZones/${name}`,
};
const GUID = '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';

/** Runs `build` in a test scope and returns what it returned (synthesis is not needed for pure imports). */
function inScope<T>(build: (scope: Construct) => T): T {
  let result: T | undefined;
  Testing.synthScope((scope) => {
    result = build(scope);
  });
  return result as T;
}

describe('LogAnalyticsWorkspace.fromWorkspaceId', () => {
  test('is a diagnostics destination: an owned vault sends its diagnostics there', () => {
    const json = parse(
      Testing.synthScope((scope) => {
        const workspace = LogAnalyticsWorkspace.fromWorkspaceId(scope, 'Soc', IDS.workspace);
        expect(workspace).toMatchObject({ logAnalyticsWorkspaceId: IDS.workspace, workspaceName: 'log-soc', workspaceGuid: undefined });
        new KeyVault(scope, 'Vault', { resourceGroup: TEST_RESOURCE_GROUP, name: 'kv-shop-test', tenantId: TEST_TENANT_ID }).sendDiagnosticsTo(workspace);
      }),
    );
    expect(onlyResource(json, 'azurerm_monitor_diagnostic_setting').log_analytics_workspace_id).toBe(IDS.workspace);
    expect(resourcesOfType(json, 'azurerm_log_analytics_workspace')).toHaveLength(0);
  });

  test('with its GUID it also feeds Traffic Analytics of a flow log', () => {
    const json = parse(
      Testing.synthScope((scope) => {
        const workspace = LogAnalyticsWorkspace.fromWorkspaceId(scope, 'Soc', IDS.workspace, { workspaceGuid: GUID });
        new VirtualNetworkFlowLog(scope, 'FlowLog', {
          virtualNetworkId: IDS.network,
          virtualNetworkName: 'vnet-hub-corp',
          location: 'westeurope',
          destination: {
            storageAccountId: `${SUB}/resourceGroups/rg-soc/providers/Microsoft.Storage/storageAccounts/stflowlogs`,
            logAnalyticsWorkspaceId: workspace.logAnalyticsWorkspaceId,
            workspaceGuid: workspace.workspaceGuid as string,
            workspaceLocation: 'westeurope',
            networkWatcherName: 'NetworkWatcher_westeurope',
            networkWatcherResourceGroupName: 'NetworkWatcherRG',
          },
        });
      }),
    );
    expect(JSON.stringify(resourcesOfType(json, 'azurerm_network_watcher_flow_log'))).toContain(GUID);
  });

  test.each([
    ['a name', 'log-soc', /LogAnalyticsWorkspace.fromWorkspaceId\('Soc'\): 'log-soc' is not a Microsoft.OperationalInsights\/workspaces resource ID/],
    ['a vault ID', `${SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv`, /is a Microsoft.KeyVault\/vaults, not a Microsoft.OperationalInsights\/workspaces/],
  ])('fails clearly on %s', (_case, id, message) => {
    expect(() => inScope((scope) => LogAnalyticsWorkspace.fromWorkspaceId(scope, 'Soc', id))).toThrow(message);
  });

  test('refuses a workspace GUID that is not a GUID', () => {
    expect(() => inScope((scope) => LogAnalyticsWorkspace.fromWorkspaceId(scope, 'Soc', IDS.workspace, { workspaceGuid: 'log-soc' }))).toThrow(
      `LogAnalyticsWorkspace.fromWorkspaceId('Soc'): workspaceGuid 'log-soc' is not a GUID`,
    );
  });
});

describe('AzureFirewall.fromExisting', () => {
  test('reads the name from the ID and keeps the private IP', () => {
    expect(inScope((scope) => AzureFirewall.fromExisting(scope, 'Firewall', { firewallId: IDS.firewall, privateIpAddress: '10.0.0.4' }))).toMatchObject({
      firewallId: IDS.firewall,
      firewallName: 'afw-hub-corp',
      privateIpAddress: '10.0.0.4',
    });
  });

  test.each([
    ['a malformed ID', { firewallId: 'afw-hub-corp', privateIpAddress: '10.0.0.4' }, /'afw-hub-corp' is not a Microsoft.Network\/azureFirewalls resource ID/],
    ['a prefix instead of an IP', { firewallId: IDS.firewall, privateIpAddress: '10.0.0.0/26' }, /privateIpAddress '10.0.0.0\/26' is not an IPv4 address/],
    ['a host name', { firewallId: IDS.firewall, privateIpAddress: 'afw.corp' }, /privateIpAddress 'afw.corp' is not an IPv4 address/],
  ])('fails clearly on %s', (_case, attributes, message) => {
    expect(() => inScope((scope) => AzureFirewall.fromExisting(scope, 'Firewall', attributes))).toThrow(message);
  });
});

describe('PrivateDnsZones.fromZoneIds', () => {
  test('looks zones up by name; a zone not imported fails naming its service', () => {
    const zones = inScope((scope) => PrivateDnsZones.fromZoneIds(scope, 'Zones', [IDS.zone('privatelink.vaultcore.azure.net'), IDS.zone('privatelink.blob.core.windows.net')]));
    expect(zones.zoneNames).toEqual(['privatelink.blob.core.windows.net', 'privatelink.vaultcore.azure.net']);
    expect(zones.zoneId('privatelink.vaultcore.azure.net')).toBe(IDS.zone('privatelink.vaultcore.azure.net'));
    expect(() => zones.zoneId('privatelink.database.windows.net')).toThrow(/PrivateDnsZones 'Zones' \(imported\): zone 'privatelink.database.windows.net' \(used by sql sqlServer\) was not created; add its ID to fromZoneIds/);
  });

  test('reports every problem at once', () => {
    expect(() =>
      inScope((scope) =>
        PrivateDnsZones.fromZoneIds(scope, 'Zones', [IDS.zone('privatelink.vaultcore.azure.net'), IDS.zone('privatelink.vaultcore.azure.net'), IDS.zone('example.com'), 'privatelink.blob.core.windows.net']),
      ),
    ).toThrow(/zone 'privatelink.vaultcore.azure.net' is given twice; 'example.com' is not a Private Link zone of lib\/private-link-zones.ts; .*'privatelink.blob.core.windows.net' is not a Microsoft.Network\/privateDnsZones resource ID/);
    expect(() => inScope((scope) => PrivateDnsZones.fromZoneIds(scope, 'Zones', []))).toThrow(/no zone IDs/);
  });

  test('a private endpoint registers in the imported zone', () => {
    const json = parse(
      Testing.synthScope((scope) => {
        const zones = PrivateDnsZones.fromZoneIds(scope, 'Zones', [IDS.zone('privatelink.vaultcore.azure.net')]);
        const subnet = ExistingSubnet.fromSubnetId(scope, 'Subnet', IDS.subnet);
        new KeyVault(scope, 'Vault', { resourceGroup: TEST_RESOURCE_GROUP, name: 'kv-shop-test', tenantId: TEST_TENANT_ID }).addPrivateEndpoint('Endpoint', { subnetId: subnet.subnetId, dnsZones: zones });
      }),
    );
    expect(onlyResource(json, 'azurerm_private_endpoint')).toMatchObject({ subnet_id: IDS.subnet, private_dns_zone_group: { private_dns_zone_ids: [IDS.zone('privatelink.vaultcore.azure.net')] } });
  });
});

describe('ExistingSubnet.fromSubnetId', () => {
  test('reads subnet and VNet names from the ID', () => {
    expect(inScope((scope) => ExistingSubnet.fromSubnetId(scope, 'Subnet', IDS.subnet, { addressPrefix: '10.0.1.0/27' }))).toMatchObject({
      subnetId: IDS.subnet,
      subnetName: 'snet-pe',
      virtualNetworkName: 'vnet-hub-corp',
      addressPrefix: '10.0.1.0/27',
    });
  });

  test.each<[string, string, RegExp, string | undefined]>([
    ['a VNet ID', IDS.network, /ExistingSubnet.fromSubnetId\('Subnet'\): '.*vnet-hub-corp' is not a subnet ID; expected .*\/subnets\/<subnet>/, undefined],
    ['a prefix with host bits', IDS.subnet, /addressPrefix '10.0.1.1\/27' has host bits set/, '10.0.1.1/27'],
  ])('fails clearly on %s', (_case, id, message, addressPrefix) => {
    expect(() => inScope((scope) => ExistingSubnet.fromSubnetId(scope, 'Subnet', id, { addressPrefix }))).toThrow(message);
  });
});

describe('DdosProtectionPlan', () => {
  test('an imported plan links to a hub VNet without defining a plan', () => {
    const json = parse(
      Testing.synthScope((scope) => {
        new HubVirtualNetwork(scope, 'Hub', {
          resourceGroup: TEST_RESOURCE_GROUP,
          name: 'vnet-hub-test',
          addressSpace: ['10.0.0.0/24'],
          subnets: { AzureFirewallSubnet: '10.0.0.0/26' },
          ddosProtectionPlan: DdosProtectionPlan.fromPlanId(scope, 'Plan', IDS.plan),
        });
      }),
    );
    expect(onlyResource(json, 'azurerm_virtual_network').ddos_protection_plan).toEqual({ id: IDS.plan, enable: true });
    expect(resourcesOfType(json, 'azurerm_network_ddos_protection_plan')).toHaveLength(0);
  });

  test('an owned plan is defined once and linked by reference', () => {
    const json = parse(
      Testing.synthScope((scope) => {
        const plan = new DdosProtectionPlan(scope, 'Plan', { resourceGroup: TEST_RESOURCE_GROUP, name: 'ddos-hub-test', tags: { owner: 'net' } });
        new HubVirtualNetwork(scope, 'Hub', { resourceGroup: TEST_RESOURCE_GROUP, name: 'vnet-hub-test', addressSpace: ['10.0.0.0/24'], subnets: { AzureFirewallSubnet: '10.0.0.0/26' }, ddosProtectionPlan: plan });
      }),
    );
    expect(onlyResource(json, 'azurerm_network_ddos_protection_plan')).toMatchObject({ name: 'ddos-hub-test', location: 'westeurope', tags: { owner: 'net' } });
    expect(String((onlyResource(json, 'azurerm_virtual_network').ddos_protection_plan as { id: string }).id)).toMatch(/^\$\{azurerm_network_ddos_protection_plan\.\w+\.id\}$/);
  });

  test('fails clearly on a malformed plan ID, and on both plan forms at once', () => {
    expect(() => inScope((scope) => DdosProtectionPlan.fromPlanId(scope, 'Plan', 'ddos-corp'))).toThrow(/DdosProtectionPlan.fromPlanId\('Plan'\): 'ddos-corp' is not a Microsoft.Network\/ddosProtectionPlans resource ID/);
    expect(() =>
      inScope(
        (scope) =>
          new HubVirtualNetwork(scope, 'Hub', {
            resourceGroup: TEST_RESOURCE_GROUP,
            name: 'vnet-hub-test',
            addressSpace: ['10.0.0.0/24'],
            subnets: { AzureFirewallSubnet: '10.0.0.0/26' },
            ddosProtectionPlanId: IDS.plan,
            ddosProtectionPlan: DdosProtectionPlan.fromPlanId(scope, 'Plan', IDS.plan),
          }),
      ),
    ).toThrow("HubVirtualNetwork 'vnet-hub-test': ddosProtectionPlanId and ddosProtectionPlan are both given; pass one");
  });
});

describe('Hub.fromExisting', () => {
  test("a spoke attaches to a tenant's existing hub: peering, routes and DNS point at it, and nothing of the hub is defined", () => {
    const json = parse(
      Testing.synthScope((scope) => {
        const hub = Hub.fromExisting(scope, 'CorpHub', {
          virtualNetworkId: IDS.network,
          firewallId: IDS.firewall,
          firewallPrivateIpAddress: '10.0.0.4',
          privateDnsZoneIds: [IDS.zone('privatelink.vaultcore.azure.net')],
        });
        const spoke = new ThreeTierSpoke(scope, 'Spoke', {
          resourceGroup: TEST_RESOURCE_GROUP,
          names: new ResourceNamer({ workload: 'shop', environment: 'test', regionShortName: 'weu' }),
          workload: 'shop',
          addressSpace: ['10.1.0.0/24'],
          subnets: { web: '10.1.0.0/26', app: '10.1.0.64/26', data: '10.1.0.128/27', privateEndpoints: '10.1.0.160/27' },
          hub: { network: hub.network, firewallPrivateIp: hub.firewall.privateIpAddress, firewallSubnetPrefix: '10.0.0.0/26', bastionSubnetPrefix: '10.0.0.64/26', dnsProxyEnabled: true, privateRanges: ['10.0.0.0/8'] },
          ingress: { sources: ['10.0.0.0/26'], ports: ['443'] },
          ports: { app: ['8080'], data: ['1433'], privateEndpoints: ['443'] },
        });
        PrivateEndpoint.forTarget(scope, 'VaultEndpoint', KeyVault.fromKeyVaultId(scope, 'Vault', `${SUB}/resourceGroups/rg-shop/providers/Microsoft.KeyVault/vaults/kv-shop`), { subnet: spoke.privateEndpointSubnet, dnsZones: hub.privateDnsZones }, { resourceGroup: TEST_RESOURCE_GROUP, name: 'pe-kv-shop' });
      }),
    );
    const peerings = resourcesOfType(json, 'azurerm_virtual_network_peering');
    expect(peerings.find((p) => p.name === 'peer-hub-to-shop')).toMatchObject({ resource_group_name: 'rg-connectivity', virtual_network_name: 'vnet-hub-corp' });
    expect(peerings.find((p) => p.name === 'peer-shop-to-hub')).toMatchObject({ remote_virtual_network_id: IDS.network });
    expect(resourcesOfType(json, 'azurerm_route').map((r) => r.next_hop_in_ip_address)).toEqual(['10.0.0.4']);
    expect(onlyResource(json, 'azurerm_virtual_network').dns_servers).toEqual(['10.0.0.4']);
    expect(onlyResource(json, 'azurerm_private_endpoint').private_dns_zone_group).toMatchObject({ private_dns_zone_ids: [IDS.zone('privatelink.vaultcore.azure.net')] });
    for (const type of ['azurerm_firewall', 'azurerm_private_dns_zone', 'azurerm_key_vault']) expect(resourcesOfType(json, type)).toHaveLength(0);
  });
});
