import { Construct, IConstruct } from 'constructs';
import { parseCidr } from '../../lib/cidr';
import { parseResourceId } from '../../lib/resource-id';
import { AzurermFirewall, PublicIp } from '../../providers/azurerm';
import { Token } from '../../providers/cdktf';
import { DiagnosticsInput, IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { sendDiagnostics } from '../diagnostic-settings';
import { defineResourceLock } from '../resource-lock';
import { FirewallTier } from './firewall-policy';
import { defineStandardPublicIp } from './public-ip';

/** A firewall policy a firewall can attach: `FirewallPolicy` satisfies it. */
export interface IFirewallPolicyRef {
  readonly firewallPolicyId: string;
  readonly tier: FirewallTier;
}

/**
 * An Azure Firewall spokes route through, owned (`AzureFirewall`) or imported (`AzureFirewall.fromExisting`): its
 * private IP is the next hop of every spoke route and, with the policy's DNS proxy, the spokes' DNS server.
 */
export interface IFirewall extends IConstruct {
  readonly firewallId: string;
  readonly firewallName: string;
  /** The firewall's private IP. */
  readonly privateIpAddress: string;
}

/** What `AzureFirewall.fromExisting` needs about a firewall this app does not manage. */
export interface ExistingFirewallAttributes {
  /** The firewall's resource ID. */
  readonly firewallId: string;
  /** Its private IP (in the portal: Overview, "Firewall private IP"); not part of the ID. */
  readonly privateIpAddress: string;
}

export interface AzureFirewallProps extends DiagnosticsInput {
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
  /**
   * A management lock on the firewall (environments also lock it through `locks.enabled`).
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

/**
 * Azure Firewall (`AZFW_VNet`) attached to a firewall policy, with Standard static public IPs. Threat
 * intelligence, IDPS and DNS proxy live in the policy, never on the firewall itself.
 *
 * @resource azurerm_firewall, azurerm_public_ip
 */
export class AzureFirewall extends Construct implements IFirewall {
  /**
   * The tenant's existing hub firewall, from its resource ID and private IP (no provider call). Throws when the ID is
   * not a `Microsoft.Network/azureFirewalls` ID or the IP is not an IPv4 address.
   */
  public static fromExisting(scope: Construct, id: string, attributes: ExistingFirewallAttributes): IFirewall {
    const caller = `AzureFirewall.fromExisting('${id}')`;
    const parsed = parseResourceId(attributes.firewallId, 'Microsoft.Network/azureFirewalls', caller);
    const ip = attributes.privateIpAddress;
    if (!Token.isUnresolved(ip) && !(parseCidr(`${ip}/32`).ok && !ip.includes('/'))) throw new Error(`${caller}: privateIpAddress '${ip}' is not an IPv4 address`);
    return new ImportedFirewall(scope, id, attributes.firewallId, parsed.name, ip);
  }

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
    defineResourceLock(this, firewall.id, props.name, props.lock);
    sendDiagnostics(this, props.diagnostics);
  }
}

class ImportedFirewall extends Construct implements IFirewall {
  constructor(
    scope: Construct,
    id: string,
    public readonly firewallId: string,
    public readonly firewallName: string,
    public readonly privateIpAddress: string,
  ) {
    super(scope, id);
  }
}
