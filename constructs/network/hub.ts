import { Construct } from 'constructs';
import { TerraformProvider } from '../../providers/cdktf';
import { AzureFirewall, IFirewall } from './azure-firewall';
import { HubVirtualNetwork, IHubNetwork } from './hub-virtual-network';
import { IPrivateDnsZones, PrivateDnsZones } from './private-dns-zones';

/**
 * What a spoke attaches to: the hub VNet it peers with, the firewall its routes point at, and the central private
 * DNS zones its private endpoints register in. Built from the environment's own hub constructs, or from a tenant's
 * existing hub with `Hub.fromExisting`.
 */
export interface IHub {
  readonly network: IHubNetwork;
  readonly firewall: IFirewall;
  readonly privateDnsZones: IPrivateDnsZones;
}

/** What `Hub.fromExisting` needs about a hub this app does not manage (all from the portal or `az` output). */
export interface ExistingHubAttributes {
  /** Resource ID of the hub VNet. */
  readonly virtualNetworkId: string;
  /** Resource ID of the hub's Azure Firewall. */
  readonly firewallId: string;
  /** The firewall's private IP (not part of its ID). */
  readonly firewallPrivateIpAddress: string;
  /** Resource IDs of the central `privatelink.*` zones. */
  readonly privateDnsZoneIds: readonly string[];
  /**
   * Provider for the hub's subscription, when the spokes live in another one.
   * @default - the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
}

/** The hub of a landing zone as one handle (see `IHub`). */
export class Hub extends Construct implements IHub {
  /**
   * A tenant's existing hub, from resource IDs only (no provider call, so synth stays offline): children `Network`,
   * `Firewall` and `PrivateDns` of a construct `id`. Each part throws its own clear error on a malformed ID.
   */
  public static fromExisting(scope: Construct, id: string, attributes: ExistingHubAttributes): IHub {
    return new Hub(scope, id, attributes);
  }

  public readonly network: IHubNetwork;
  public readonly firewall: IFirewall;
  public readonly privateDnsZones: IPrivateDnsZones;

  private constructor(scope: Construct, id: string, attributes: ExistingHubAttributes) {
    super(scope, id);
    this.network = HubVirtualNetwork.fromExisting(this, 'Network', { virtualNetworkId: attributes.virtualNetworkId, provider: attributes.provider });
    this.firewall = AzureFirewall.fromExisting(this, 'Firewall', { firewallId: attributes.firewallId, privateIpAddress: attributes.firewallPrivateIpAddress });
    this.privateDnsZones = PrivateDnsZones.fromZoneIds(this, 'PrivateDns', attributes.privateDnsZoneIds);
  }
}
