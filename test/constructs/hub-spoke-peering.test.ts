import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { HubSpokePeering, HubSpokePeeringProps, SpokeNetworkRef } from '../../constructs/network/hub-spoke-peering';
import { HubNetworkBase, HubVirtualNetwork, IHubNetwork } from '../../constructs/network/hub-virtual-network';
import { SpokeVirtualNetwork } from '../../constructs/network/spoke-virtual-network';
import { AzurermProvider, VirtualNetworkPeering } from '../../providers/azurerm';
import { addressOf, parse, referenceTo, resourcesOfType, SynthesizedStack, TEST_SPOKE_NETWORK } from '../helpers';

const HUB_VNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub';
const SPOKE_VNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.Network/virtualNetworks/vnet-shop';
/** The hub as spokes of another stack see it: imported from its ID (name and resource group parsed from it). */
function hubIn(scope: Construct, provider?: AzurermProvider): IHubNetwork {
  return HubVirtualNetwork.fromExisting(scope, 'Hub', { virtualNetworkId: HUB_VNET_ID, provider });
}
const SPOKE: SpokeNetworkRef = { kind: 'spoke', virtualNetworkId: SPOKE_VNET_ID, virtualNetworkName: 'vnet-shop', resourceGroupName: 'rg-shop', workload: 'shop' };

/** Both halves by default: VNet access and forwarded traffic (firewall-routed), no gateway transit. */
const FORWARDING_WITHOUT_GATEWAY = { allow_virtual_network_access: true, allow_forwarded_traffic: true, allow_gateway_transit: false, use_remote_gateways: false };

function synthPeering(props: Partial<HubSpokePeeringProps> = {}): SynthesizedStack {
  return parse(
    Testing.synthScope((scope) => {
      new HubSpokePeering(scope, 'Peering', { hub: hubIn(scope), spoke: SPOKE, ...props });
    }),
  );
}

function peering(json: SynthesizedStack, name: string): Record<string, unknown> {
  const found = resourcesOfType(json, 'azurerm_virtual_network_peering').find((p) => p.name === name);
  if (!found) throw new Error(`no peering named '${name}'`);
  return found;
}

function spokeNetwork(scope: Construct): SpokeVirtualNetwork {
  return new SpokeVirtualNetwork(scope, 'Spoke', TEST_SPOKE_NETWORK);
}

function hubProvider(scope: Construct): AzurermProvider {
  return new AzurermProvider(scope, 'HubProvider', { alias: 'hub', features: [{}] });
}

describe('HubSpokePeering', () => {
  test('peers both directions with VNet access and forwarded traffic, and no gateway use by default', () => {
    const json = synthPeering();
    expect(resourcesOfType(json, 'azurerm_virtual_network_peering')).toHaveLength(2);
    expect(peering(json, 'peer-hub-to-shop')).toEqual({
      name: 'peer-hub-to-shop',
      resource_group_name: 'rg-hub',
      virtual_network_name: 'vnet-hub',
      remote_virtual_network_id: SPOKE_VNET_ID,
      ...FORWARDING_WITHOUT_GATEWAY,
    });
    expect(peering(json, 'peer-shop-to-hub')).toEqual({
      name: 'peer-shop-to-hub',
      resource_group_name: 'rg-shop',
      virtual_network_name: 'vnet-shop',
      remote_virtual_network_id: HUB_VNET_ID,
      ...FORWARDING_WITHOUT_GATEWAY,
    });
  });

  test('with useRemoteGateways the hub side allows gateway transit and the spoke side uses it, after the hub side', () => {
    const json = synthPeering({ useRemoteGateways: true });
    expect(peering(json, 'peer-hub-to-shop')).toMatchObject({ allow_gateway_transit: true, use_remote_gateways: false });
    expect(peering(json, 'peer-shop-to-hub')).toMatchObject({
      allow_gateway_transit: false,
      use_remote_gateways: true,
      depends_on: [addressOf(json, 'azurerm_virtual_network_peering', 'peer-hub-to-shop')],
    });
  });

  test("creates the hub side with the hub's provider when given, the spoke side with the default one", () => {
    const json = parse(
      Testing.synthScope((scope) => {
        new HubSpokePeering(scope, 'Peering', { hub: hubIn(scope, hubProvider(scope)), spoke: SPOKE });
      }),
    );
    expect(peering(json, 'peer-hub-to-shop').provider).toBe('azurerm.hub');
    expect(peering(json, 'peer-shop-to-hub').provider).toBeUndefined();
  });

  test.each<[string, unknown, SpokeNetworkRef, RegExp]>([
    ['a spoke passed as the hub', { ...SPOKE, kind: 'spoke' }, SPOKE, /got a look-alike of kind 'spoke', not a hub network and spoke/],
    ['an object shaped like a hub', { ...SPOKE, kind: 'hub' }, SPOKE, /got a look-alike of kind 'hub', not a hub network and spoke/],
    ['a hub passed as the spoke', 'real hub', { ...SPOKE, kind: 'hub' } as unknown as SpokeNetworkRef, /got hub and hub/],
  ])('rejects %s', (_case, hub, spoke, detail) => {
    const message = /HubSpokePeering 'Peering': peerings connect the hub and a spoke only \(.*\); spokes reach each other through the hub firewall/;
    const attempt = () =>
      Testing.synthScope((scope) => {
        new HubSpokePeering(scope, 'Peering', { hub: (hub === 'real hub' ? hubIn(scope) : hub) as IHubNetwork, spoke });
      });
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(detail);
  });
});

describe('HubVirtualNetwork.fromExisting', () => {
  test('reads name and resource group from the ID and is a hub network; explicit values win', () => {
    Testing.synthScope((scope) => {
      const hub = hubIn(scope);
      expect(HubNetworkBase.isHubNetwork(hub)).toBe(true);
      expect(hub).toMatchObject({ virtualNetworkId: HUB_VNET_ID, virtualNetworkName: 'vnet-hub', resourceGroupName: 'rg-hub', provider: undefined });
      const named = HubVirtualNetwork.fromExisting(scope, 'Named', { virtualNetworkId: HUB_VNET_ID, virtualNetworkName: 'vnet-other', resourceGroupName: 'rg-other' });
      expect(named).toMatchObject({ virtualNetworkName: 'vnet-other', resourceGroupName: 'rg-other' });
    });
  });

  test.each([
    ['not an ID', 'vnet-hub', /HubVirtualNetwork.fromExisting\('Hub'\): 'vnet-hub' is not a Microsoft.Network\/virtualNetworks resource ID; expected \/subscriptions\/<subscription GUID>/],
    ['a subnet ID', `${HUB_VNET_ID}/subnets/AzureFirewallSubnet`, /is not a Microsoft.Network\/virtualNetworks resource ID/],
    ['another resource type', HUB_VNET_ID.replace('virtualNetworks', 'networkSecurityGroups'), /is a Microsoft.Network\/networkSecurityGroups, not a Microsoft.Network\/virtualNetworks/],
  ])('fails clearly on %s', (_case, virtualNetworkId, message) => {
    expect(() => Testing.synthScope((scope) => HubVirtualNetwork.fromExisting(scope, 'Hub', { virtualNetworkId }))).toThrow(message);
  });

  test('a token ID needs the name and resource group', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const token = new HubVirtualNetwork(scope, 'Owned', { resourceGroup: { name: 'rg-hub', location: 'westeurope' }, name: 'vnet-hub', addressSpace: ['10.0.0.0/24'], subnets: { AzureFirewallSubnet: '10.0.0.0/26' } }).virtualNetworkId;
        HubVirtualNetwork.fromExisting(scope, 'Hub', { virtualNetworkId: token });
      }),
    ).toThrow("HubVirtualNetwork.fromExisting('Hub'): virtualNetworkId is a token, so pass virtualNetworkName and resourceGroupName too");
  });

  test('an owned HubVirtualNetwork is a hub network too; a spoke VNet is not', () => {
    Testing.synthScope((scope) => {
      const owned = new HubVirtualNetwork(scope, 'Owned', { resourceGroup: { name: 'rg-hub', location: 'westeurope' }, name: 'vnet-hub', addressSpace: ['10.0.0.0/24'], subnets: { AzureFirewallSubnet: '10.0.0.0/26' } });
      expect(HubNetworkBase.isHubNetwork(owned)).toBe(true);
      expect(owned.resourceGroupName).toBe('rg-hub');
      expect(HubNetworkBase.isHubNetwork(spokeNetwork(scope))).toBe(false);
    });
  });
});

describe('SpokeVirtualNetwork.peerWithHub', () => {
  test("peers the spoke's own VNet with the hub, both directions", () => {
    const json = parse(
      Testing.synthScope((scope) => {
        const spoke = spokeNetwork(scope);
        expect(spoke.peerWithHub(hubIn(scope))).toBeInstanceOf(HubSpokePeering);
      }),
    );
    expect(peering(json, 'peer-hub-to-shop')).toMatchObject({
      resource_group_name: 'rg-hub',
      virtual_network_name: 'vnet-hub',
      remote_virtual_network_id: referenceTo(json, 'azurerm_virtual_network', 'vnet-shop-test-weu'),
      allow_forwarded_traffic: true,
      allow_gateway_transit: false,
    });
    expect(peering(json, 'peer-shop-to-hub')).toMatchObject({
      resource_group_name: 'rg-test',
      virtual_network_name: referenceTo(json, 'azurerm_virtual_network', 'vnet-shop-test-weu', 'name'),
      remote_virtual_network_id: HUB_VNET_ID,
      allow_forwarded_traffic: true,
      use_remote_gateways: false,
    });
  });

  test('passes useRemoteGateways and the hub provider on', () => {
    const synthesized = Testing.synthScope((scope) => {
      spokeNetwork(scope).peerWithHub(hubIn(scope, hubProvider(scope)), { useRemoteGateways: true });
    });
    expect(synthesized).toHaveResourceWithProperties(VirtualNetworkPeering, { name: 'peer-hub-to-shop', provider: 'azurerm.hub', allow_gateway_transit: true });
    const json = parse(synthesized);
    expect(peering(json, 'peer-shop-to-hub')).toMatchObject({ use_remote_gateways: true, depends_on: [addressOf(json, 'azurerm_virtual_network_peering', 'peer-hub-to-shop')] });
  });

  test('rejects another spoke forged as the hub: the type system refuses it, and so does the run-time check', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const shop = spokeNetwork(scope);
        const crm = new SpokeVirtualNetwork(scope, 'Crm', { ...TEST_SPOKE_NETWORK, name: 'vnet-crm', workload: 'crm' });
        const forged = { ...crm, kind: 'hub' as const, resourceGroupName: 'rg-test' };
        // @ts-expect-error a spoke (or any object shaped like a hub) is not an IHubNetwork: the type is nominal
        shop.peerWithHub(forged);
      }),
    ).toThrow(/peerings connect the hub and a spoke only \(got a look-alike of kind 'hub', not a hub network and spoke\); spokes reach each other through the hub firewall/);
    expect(() =>
      Testing.synthScope((scope) => {
        // @ts-expect-error the spoke construct itself is not a hub either
        spokeNetwork(scope).peerWithHub(new SpokeVirtualNetwork(scope, 'Crm', { ...TEST_SPOKE_NETWORK, name: 'vnet-crm', workload: 'crm' }));
      }),
    ).toThrow(/got a value that is not a hub network and spoke/);
  });

  test('fails when the spoke is peered a second time', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const spoke = spokeNetwork(scope);
        spoke.peerWithHub(hubIn(scope));
        spoke.peerWithHub(HubVirtualNetwork.fromExisting(scope, 'Hub2', { virtualNetworkId: HUB_VNET_ID.replace('vnet-hub', 'vnet-hub-2') }));
      }),
    ).toThrow("Spoke 'shop' is already peered with the hub; a spoke peers with the hub only, once");
  });
});
