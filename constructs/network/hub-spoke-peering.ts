import { Construct } from 'constructs';
import { VirtualNetworkPeering } from '../../providers/azurerm';
import { HubNetworkBase, IHubNetwork } from './hub-virtual-network';

/** The spoke side of a peering: created only by `SpokeVirtualNetwork.peerWithHub`. */
export interface SpokeNetworkRef {
  readonly kind: 'spoke';
  readonly virtualNetworkId: string;
  readonly virtualNetworkName: string;
  readonly resourceGroupName: string;
  /** Short name used in peering names (`peer-hub-to-shop`). */
  readonly workload: string;
}

export interface HubSpokePeeringProps {
  /** The hub: `HubVirtualNetwork` or `HubVirtualNetwork.fromExisting` (nothing else type-checks or passes the run-time check). */
  readonly hub: IHubNetwork;
  readonly spoke: SpokeNetworkRef;
  /**
   * Send the spoke's on-premises traffic through the hub's VPN/ExpressRoute gateway. Only valid when the hub has a
   * deployed gateway; the hub side then allows gateway transit.
   * @default false
   */
  readonly useRemoteGateways?: boolean;
}

/**
 * The two peerings between the hub and one spoke. Forwarded traffic is allowed in both directions because spoke
 * traffic reaches other networks only through the hub firewall, which forwards it. Both halves live in the spoke's
 * stack so a workload team deploys its spoke without touching the hub's state.
 *
 * @resource azurerm_virtual_network_peering
 */
export class HubSpokePeering extends Construct {
  public readonly hubToSpoke: VirtualNetworkPeering;
  public readonly spokeToHub: VirtualNetworkPeering;

  constructor(scope: Construct, id: string, props: HubSpokePeeringProps) {
    super(scope, id);
    const { hub, spoke } = props;
    // The hub type is nominal; the run-time check also stops casts and plain JavaScript callers (hence the widened kind).
    if (!HubNetworkBase.isHubNetwork(hub) || (spoke.kind as string) !== 'spoke') {
      throw new Error(
        `HubSpokePeering '${id}': peerings connect the hub and a spoke only (got ${describe(hub)} and ${spoke.kind}); spokes reach each other through the hub firewall. ` +
          'Pass the HubVirtualNetwork, or HubVirtualNetwork.fromExisting(...) for a hub this app does not manage',
      );
    }
    const useRemoteGateways = props.useRemoteGateways ?? false;

    this.hubToSpoke = new VirtualNetworkPeering(this, 'HubToSpoke', {
      provider: hub.provider,
      name: `peer-hub-to-${spoke.workload}`,
      resourceGroupName: hub.resourceGroupName,
      virtualNetworkName: hub.virtualNetworkName,
      remoteVirtualNetworkId: spoke.virtualNetworkId,
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: true,
      allowGatewayTransit: useRemoteGateways,
      useRemoteGateways: false,
    });
    this.spokeToHub = new VirtualNetworkPeering(this, 'SpokeToHub', {
      name: `peer-${spoke.workload}-to-hub`,
      resourceGroupName: spoke.resourceGroupName,
      virtualNetworkName: spoke.virtualNetworkName,
      remoteVirtualNetworkId: hub.virtualNetworkId,
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: true,
      allowGatewayTransit: false,
      useRemoteGateways,
      // The spoke side must wait for the hub side when it uses the hub's gateway.
      dependsOn: useRemoteGateways ? [this.hubToSpoke] : undefined,
    });
  }
}

function describe(hub: unknown): string {
  if (HubNetworkBase.isHubNetwork(hub)) return 'hub';
  const kind = typeof hub === 'object' && hub !== null ? (hub as { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' ? `a look-alike of kind '${kind}', not a hub network` : 'a value that is not a hub network';
}
