import { Construct } from 'constructs';
import { Cidr, parseCidr } from '../../lib/cidr';
import { HUB_SUBNET_NAMES, HubSubnetName, hubPrivateEndpointSubnetProblems, hubSubnetProblems } from '../../lib/hub-subnets';
import { problemText } from '../../lib/property-problems';
import { parseResourceId } from '../../lib/resource-id';
import { Subnet, VirtualNetwork } from '../../providers/azurerm';
import { TerraformProvider, Token } from '../../providers/cdktf';
import { DiagnosticsInput, IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { sendDiagnostics } from '../diagnostic-settings';
import { defineResourceLock } from '../resource-lock';
import { IDdosProtectionPlan } from './ddos-protection-plan';

/** Every hub network this program built or imported; `HubNetworkBase.isHubNetwork` asks here, so no look-alike passes. */
const HUB_NETWORKS = new WeakSet<object>();

/**
 * The hub VNet as the target of a spoke's peering (`SpokeVirtualNetwork.peerWithHub`). Only `HubVirtualNetwork` and
 * `HubVirtualNetwork.fromExisting` produce one: the private brand makes the type nominal (an object literal, or a
 * spoke, does not type-check as a hub) and `isHubNetwork` checks at run time that the value was made by them.
 */
export abstract class HubNetworkBase extends Construct {
  /** Whether `x` is a hub network built or imported by `HubVirtualNetwork` (not a look-alike object). */
  public static isHubNetwork(x: unknown): x is IHubNetwork {
    return typeof x === 'object' && x !== null && HUB_NETWORKS.has(x) && (x as HubNetworkBase).hubNetworkBrand;
  }

  public abstract readonly virtualNetworkId: string;
  public abstract readonly virtualNetworkName: string;
  public abstract readonly resourceGroupName: string;
  /**
   * Provider for the hub's subscription, used for the hub half of a peering from a spoke in another subscription.
   * @default - the stack's default azurerm provider
   */
  public abstract readonly provider?: TerraformProvider;
  private readonly hubNetworkBrand = true;

  protected constructor(scope: Construct, id: string) {
    super(scope, id);
    HUB_NETWORKS.add(this);
  }
}

/** A hub network, owned (`HubVirtualNetwork`) or imported (`HubVirtualNetwork.fromExisting`). */
export type IHubNetwork = HubNetworkBase;

/** What `HubVirtualNetwork.fromExisting` needs about a hub VNet this app does not manage. */
export interface ExistingHubNetworkAttributes {
  /** The VNet's resource ID (may be a cross-stack token when name and resource group are given). */
  readonly virtualNetworkId: string;
  /**
   * @default - read from `virtualNetworkId`
   */
  readonly virtualNetworkName?: string;
  /**
   * @default - read from `virtualNetworkId`
   */
  readonly resourceGroupName?: string;
  /**
   * Provider for the hub's subscription, when spokes peering with it live in another subscription.
   * @default - the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
}

export interface HubVirtualNetworkProps extends DiagnosticsInput {
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
   * DDoS Network Protection plan to link to the VNet, by ID.
   * @default - `ddosProtectionPlan`, or no plan linked (infrastructure-level protection only)
   */
  readonly ddosProtectionPlanId?: string;
  /**
   * DDoS Network Protection plan to link to the VNet, owned or imported (`DdosProtectionPlan.fromPlanId`); give this
   * or `ddosProtectionPlanId`, not both.
   * @default - `ddosProtectionPlanId`
   */
  readonly ddosProtectionPlan?: IDdosProtectionPlan;
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
  /**
   * A management lock on the VNet.
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

/**
 * The hub virtual network with Azure's fixed-name subnets (firewall, firewall management, Bastion, gateway).
 * Every subnet has default outbound access disabled: nothing reaches the Internet except through the firewall.
 *
 * @resource azurerm_virtual_network, azurerm_subnet
 */
export class HubVirtualNetwork extends HubNetworkBase {
  /**
   * A hub VNet the tenant already has (e.g. a connectivity subscription managed elsewhere), as a peering target for
   * spokes. No provider call: name and resource group are read from the ID. Throws when the ID is malformed, or a
   * token without name and resource group.
   */
  public static fromExisting(scope: Construct, id: string, attributes: ExistingHubNetworkAttributes): IHubNetwork {
    let { virtualNetworkName, resourceGroupName } = attributes;
    if (virtualNetworkName === undefined || resourceGroupName === undefined) {
      if (Token.isUnresolved(attributes.virtualNetworkId)) {
        throw new Error(`HubVirtualNetwork.fromExisting('${id}'): virtualNetworkId is a token, so pass virtualNetworkName and resourceGroupName too`);
      }
      const parsed = parseResourceId(attributes.virtualNetworkId, 'Microsoft.Network/virtualNetworks', `HubVirtualNetwork.fromExisting('${id}')`);
      virtualNetworkName ??= parsed.name;
      resourceGroupName ??= parsed.resourceGroupName;
    }
    return new ImportedHubNetwork(scope, id, attributes.virtualNetworkId, virtualNetworkName, resourceGroupName, attributes.provider);
  }

  public readonly virtualNetworkId: string;
  public readonly virtualNetworkName: string;
  public readonly resourceGroupName: string;
  public readonly provider?: TerraformProvider;
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
    if (props.ddosProtectionPlanId !== undefined && props.ddosProtectionPlan !== undefined) problems.push('ddosProtectionPlanId and ddosProtectionPlan are both given; pass one');
    if (problems.length > 0) throw new Error(`HubVirtualNetwork '${props.name}': ${problems.join('; ')}`);
    const ddosProtectionPlanId = props.ddosProtectionPlanId ?? props.ddosProtectionPlan?.ddosProtectionPlanId;

    const vnet = new VirtualNetwork(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      addressSpace: [...props.addressSpace],
      ddosProtectionPlan: ddosProtectionPlanId ? { id: ddosProtectionPlanId, enable: true } : undefined,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.virtualNetworkId = vnet.id;
    this.virtualNetworkName = vnet.name;
    this.resourceGroupName = props.resourceGroup.name;
    this.addressSpace = [...props.addressSpace];
    defineResourceLock(this, vnet.id, props.name, props.lock, 'peering, subnet and private endpoint changes');

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
    sendDiagnostics(this, props.diagnostics);
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

class ImportedHubNetwork extends HubNetworkBase {
  constructor(
    scope: Construct,
    id: string,
    public readonly virtualNetworkId: string,
    public readonly virtualNetworkName: string,
    public readonly resourceGroupName: string,
    public readonly provider?: TerraformProvider,
  ) {
    super(scope, id);
  }
}

function parseOrThrow(text: string, what: string): Cidr {
  if (Token.isUnresolved(text)) throw new Error(`HubVirtualNetwork: ${what} must be a literal CIDR, got a token`);
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`HubVirtualNetwork: ${what}: ${parsed.reason}`);
  return parsed.cidr;
}
