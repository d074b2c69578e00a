import { Construct } from 'constructs';
import { AzurermFirewall, PublicIp } from '../../providers/azurerm';
import { IResourceGroupRef, Tags } from '../interfaces';
import { FirewallTier } from './firewall-policy';
import { defineStandardPublicIp } from './public-ip';

/** A firewall policy a firewall can attach: `FirewallPolicy` satisfies it. */
export interface IFirewallPolicyRef {
  readonly firewallPolicyId: string;
  readonly tier: FirewallTier;
}

export interface AzureFirewallProps {
  readonly resourceGroup: IResourceGroupRef;
  /** Firewall name, e.g. `afw-hub-prod-weu`. */
  readonly name: string;
  /** The policy that holds every setting and rule; the firewall takes its tier from it. */
  readonly policy: IFirewallPolicyRef;
  /** ID of the hub's `AzureFirewallSubnet`. */
  readonly subnetId: string;
  /**
   * ID of the hub's `AzureFirewallManagementSubnet`. Setting it enables forced tunnelling: management traffic
   * keeps its own public IP so the data path's 0.0.0.0/0 can point on-premises.
   * @default - no management IP configuration (no forced tunnelling)
   */
  readonly managementSubnetId?: string;
  /**
   * Availability zones for the firewall and its public IPs.
   * @default - none (use availabilityZonesOf(location) for zone redundancy where the region has zones)
   */
  readonly zones?: readonly string[];
  /**
   * @default - 'pip-<name>'
   */
  readonly publicIpName?: string;
  /**
   * @default - 'pip-<name>-mgmt'
   */
  readonly managementPublicIpName?: string;
  /**
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
}

/**
 * Azure Firewall (`AZFW_VNet`) attached to a firewall policy, with Standard static public IPs. Threat
 * intelligence, IDPS and DNS proxy live in the policy, never on the firewall itself.
 *
 * @resource azurerm_firewall, azurerm_public_ip
 */
export class AzureFirewall extends Construct {
  public readonly firewallId: string;
  public readonly firewallName: string;
  /** The firewall's private IP: the next hop for every spoke route. */
  public readonly privateIpAddress: string;
  public readonly publicIp: PublicIp;
  public readonly managementPublicIp?: PublicIp;

  constructor(scope: Construct, id: string, props: AzureFirewallProps) {
    super(scope, id);
    const location = props.location ?? props.resourceGroup.location;
    const zones = props.zones ? [...props.zones] : undefined;
    this.publicIp = defineStandardPublicIp(this, 'PublicIp', {
      resourceGroup: props.resourceGroup,
      name: props.publicIpName ?? `pip-${props.name}`,
      location,
      zones,
    });
    if (props.managementSubnetId) {
      this.managementPublicIp = defineStandardPublicIp(this, 'ManagementPublicIp', {
        resourceGroup: props.resourceGroup,
        name: props.managementPublicIpName ?? `pip-${props.name}-mgmt`,
        location,
        zones,
      });
    }

    const firewall = new AzurermFirewall(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location,
      skuName: 'AZFW_VNet',
      skuTier: props.policy.tier,
      firewallPolicyId: props.policy.firewallPolicyId,
      zones: zones && zones.length > 0 ? zones : undefined,
      ipConfiguration: [{ name: 'data', subnetId: props.subnetId, publicIpAddressId: this.publicIp.id }],
      managementIpConfiguration:
        props.managementSubnetId && this.managementPublicIp
          ? { name: 'management', subnetId: props.managementSubnetId, publicIpAddressId: this.managementPublicIp.id }
          : undefined,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.firewallId = firewall.id;
    this.firewallName = firewall.name;
    this.privateIpAddress = firewall.ipConfiguration.get(0).privateIpAddress;
  }
}
