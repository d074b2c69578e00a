import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { HubNetworkRef, HubSpokePeering, HubSpokePeeringProps, SpokeNetworkRef } from '../../constructs/network/hub-spoke-peering';
import { SpokeVirtualNetwork } from '../../constructs/network/spoke-virtual-network';
import { AzurermProvider, VirtualNetworkPeering } from '../../providers/azurerm';
import { addressOf, parse, referenceTo, resourcesOfType, SynthesizedStack, TEST_SPOKE_NETWORK } from '../helpers';

const HUB_VNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub';
const SPOKE_VNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.Network/virtualNetworks/vnet-shop';
const HUB: HubNetworkRef = { kind: 'hub', virtualNetworkId: HUB_VNET_ID, virtualNetworkName: 'vnet-hub', resourceGroupName: 'rg-hub' };
const SPOKE: SpokeNetworkRef = { kind: 'spoke', virtualNetworkId: SPOKE_VNET_ID, virtualNetworkName: 'vnet-shop', resourceGroupName: 'rg-shop', workload: 'shop' };

/** Both halves by default: VNet access and forwarded traffic (firewall-routed), no gateway transit. */
const FORWARDING_WITHOUT_GATEWAY = { allow_virtual_network_access: true, allow_forwarded_traffic: true, allow_gateway_transit: false, use_remote_gateways: false };

function synthPeering(props: Partial<HubSpokePeeringProps> = {}): SynthesizedStack {
  return parse(
    Testing.synthScope((scope) => {
      new HubSpokePeering(scope, 'Peering', { hub: HUB, spoke: SPOKE, ...props });
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
        new HubSpokePeering(scope, 'Peering', { hub: { ...HUB, provider: hubProvider(scope) }, spoke: SPOKE });
      }),
    );
    expect(peering(json, 'peer-hub-to-shop').provider).toBe('azurerm.hub');
    expect(peering(json, 'peer-shop-to-hub').provider).toBeUndefined();
  });

  test.each<[string, HubNetworkRef, SpokeNetworkRef, RegExp]>([
    ['a spoke passed as the hub', { ...SPOKE, kind: 'spoke' } as unknown as HubNetworkRef, SPOKE, /got spoke and spoke/],
    ['a hub passed as the spoke', HUB, { ...HUB, workload: 'hub' } as unknown as SpokeNetworkRef, /got hub and hub/],
  ])('rejects %s', (_case, hub, spoke, detail) => {
    const message = /HubSpokePeering 'Peering': peerings connect the hub and a spoke only \(.*\); spokes reach each other through the hub firewall/;
    expect(() => synthPeering({ hub, spoke })).toThrow(message);
    expect(() => synthPeering({ hub, spoke })).toThrow(detail);
  });
});

describe('SpokeVirtualNetwork.peerWithHub', () => {
  test("peers the spoke's own VNet with the hub, both directions", () => {
    const json = parse(
      Testing.synthScope((scope) => {
        const spoke = spokeNetwork(scope);
        expect(spoke.peerWithHub(HUB)).toBeInstanceOf(HubSpokePeering);
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
      spokeNetwork(scope).peerWithHub({ ...HUB, provider: hubProvider(scope) }, { useRemoteGateways: true });
    });
    expect(synthesized).toHaveResourceWithProperties(VirtualNetworkPeering, { name: 'peer-hub-to-shop', provider: 'azurerm.hub', allow_gateway_transit: true });
    const json = parse(synthesized);
    expect(peering(json, 'peer-shop-to-hub')).toMatchObject({ use_remote_gateways: true, depends_on: [addressOf(json, 'azurerm_virtual_network_peering', 'peer-hub-to-shop')] });
  });

  test('rejects another spoke passed as the hub (spoke-to-spoke peering)', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const shop = spokeNetwork(scope);
        const other = { kind: 'spoke', virtualNetworkId: SPOKE_VNET_ID, virtualNetworkName: 'vnet-crm', resourceGroupName: 'rg-crm', workload: 'crm' };
        shop.peerWithHub(other as unknown as HubNetworkRef);
      }),
    ).toThrow(/peerings connect the hub and a spoke only \(got spoke and spoke\); spokes reach each other through the hub firewall/);
  });

  test('fails when the spoke is peered a second time', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const spoke = spokeNetwork(scope);
        spoke.peerWithHub(HUB);
        spoke.peerWithHub({ ...HUB, virtualNetworkName: 'vnet-hub-2' });
      }),
    ).toThrow("Spoke 'shop' is already peered with the hub; a spoke peers with the hub only, once");
  });
});
