import { Construct } from 'constructs';
import { Cidr, parseCidr } from '../../lib/cidr';
import { HUB_SUBNET_NAMES, HubSubnetName, hubPrivateEndpointSubnetProblems, hubSubnetProblems } from '../../lib/hub-subnets';
import { problemText } from '../../lib/property-problems';
import { Subnet, VirtualNetwork } from '../../providers/azurerm';
import { Token } from '../../providers/cdktf';
import { IResourceGroupRef, Tags } from '../interfaces';

export interface HubVirtualNetworkProps {
  /** Resource group the VNet and its subnets live in. */
  readonly resourceGroup: IResourceGroupRef;
  /** VNet name, e.g. `vnet-hub-prod-weu`. */
  readonly name: string;
  /** Address space, canonical IPv4 prefixes. */
  readonly addressSpace: readonly string[];
  /**
   * Prefixes of the fixed-name hub subnets to create. AzureFirewallSubnet is required; the others are created when
   * given. Every prefix must lie inside `addressSpace` and meet Azure's minimum size.
   */
  readonly subnets: Readonly<Partial<Record<HubSubnetName, string>>>;
  /**
   * A subnet for platform private endpoints (e.g. the platform Key Vault), with network policies on so its NSG
   * applies to the endpoints.
   * @default - none
   */
  readonly privateEndpointSubnet?: { readonly name: string; readonly addressPrefix: string };
  /**
   * DDoS Network Protection plan to link to the VNet.
   * @default - no plan linked (infrastructure-level protection only)
   */
  readonly ddosProtectionPlanId?: string;
  /**
   * Location of the VNet.
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * Tags for the VNet (subnets carry none in Azure).
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
}

/**
 * The hub virtual network with Azure's fixed-name subnets (firewall, firewall management, Bastion, gateway).
 * Every subnet has default outbound access disabled: nothing reaches the Internet except through the firewall.
 *
 * @resource azurerm_virtual_network, azurerm_subnet
 */
export class HubVirtualNetwork extends Construct {
  public readonly virtualNetworkId: string;
  public readonly virtualNetworkName: string;
  public readonly addressSpace: readonly string[];
  private readonly subnetsByName = new Map<HubSubnetName, Subnet>();
  private readonly privateEndpoints?: Subnet;

  constructor(scope: Construct, id: string, props: HubVirtualNetworkProps) {
    super(scope, id);
    const spaces = props.addressSpace.map((text) => parseOrThrow(text, 'addressSpace'));
    if (spaces.length === 0) throw new Error(`HubVirtualNetwork '${props.name}': addressSpace is empty; pass at least one prefix`);
    if (!props.subnets.AzureFirewallSubnet) {
      throw new Error(`HubVirtualNetwork '${props.name}': subnets.AzureFirewallSubnet is required; pass a /26 or larger prefix`);
    }
    const problems = HUB_SUBNET_NAMES.flatMap((name) => {
      const text = props.subnets[name];
      return text ? hubSubnetProblems(name, parseOrThrow(text, `subnets.${name}`), spaces).map((p) => `subnets.${name}: ${p}`) : [];
    });
    if (props.privateEndpointSubnet) {
      const prefix = parseOrThrow(props.privateEndpointSubnet.addressPrefix, 'privateEndpointSubnet');
      problems.push(...hubPrivateEndpointSubnetProblems(prefix, spaces).map((p) => `${p.path} ${problemText(p)}`));
    }
    if (problems.length > 0) throw new Error(`HubVirtualNetwork '${props.name}': ${problems.join('; ')}`);

    const vnet = new VirtualNetwork(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      addressSpace: [...props.addressSpace],
      ddosProtectionPlan: props.ddosProtectionPlanId ? { id: props.ddosProtectionPlanId, enable: true } : undefined,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.virtualNetworkId = vnet.id;
    this.virtualNetworkName = vnet.name;
    this.addressSpace = [...props.addressSpace];

    for (const name of HUB_SUBNET_NAMES) {
      const prefix = props.subnets[name];
      if (!prefix) continue;
      this.subnetsByName.set(
        name,
        new Subnet(this, name, {
          name,
          resourceGroupName: props.resourceGroup.name,
          virtualNetworkName: vnet.name,
          addressPrefixes: [prefix],
          defaultOutboundAccessEnabled: false,
        }),
      );
    }
    if (props.privateEndpointSubnet) {
      this.privateEndpoints = new Subnet(this, 'PrivateEndpoints', {
        name: props.privateEndpointSubnet.name,
        resourceGroupName: props.resourceGroup.name,
        virtualNetworkName: vnet.name,
        addressPrefixes: [props.privateEndpointSubnet.addressPrefix],
        defaultOutboundAccessEnabled: false,
        privateEndpointNetworkPolicies: 'Enabled',
      });
    }
  }

  /** The platform private-endpoint subnet; throws when the hub was built without it. */
  public get privateEndpointSubnet(): Subnet {
    if (!this.privateEndpoints) throw new Error('The hub has no private-endpoint subnet; pass HubVirtualNetworkProps.privateEndpointSubnet');
    return this.privateEndpoints;
  }

  /** The subnet resource with a fixed Azure name; throws when the hub was built without it. */
  public subnet(name: HubSubnetName): Subnet {
    const subnet = this.subnetsByName.get(name);
    if (!subnet) throw new Error(`The hub has no ${name}; add its prefix to HubVirtualNetworkProps.subnets`);
    return subnet;
  }

  /** Whether the hub has the subnet. */
  public hasSubnet(name: HubSubnetName): boolean {
    return this.subnetsByName.has(name);
  }
}

function parseOrThrow(text: string, what: string): Cidr {
  if (Token.isUnresolved(text)) throw new Error(`HubVirtualNetwork: ${what} must be a literal CIDR, got a token`);
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`HubVirtualNetwork: ${what}: ${parsed.reason}`);
  return parsed.cidr;
}
