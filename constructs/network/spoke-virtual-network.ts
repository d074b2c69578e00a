import { Construct } from 'constructs';
import { Cidr, parseCidr } from '../../lib/cidr';
import { PropertyProblem, throwIfProblems } from '../../lib/property-problems';
import { SpokeTier, spokeSubnetProblems, TierPrefix } from '../../lib/spoke-tiers';
import { Subnet, VirtualNetwork } from '../../providers/azurerm';
import { Token } from '../../providers/cdktf';
import { DiagnosticsInput, IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { sendDiagnostics } from '../diagnostic-settings';
import { defineResourceLock } from '../resource-lock';
import { HubSpokePeering } from './hub-spoke-peering';
import { IHubNetwork } from './hub-virtual-network';

/** One tier subnet of a spoke. */
export interface SpokeSubnet {
  readonly tier: SpokeTier;
  /** Subnet name, e.g. `snet-web-shop-prod-weu`. */
  readonly name: string;
  /** Canonical CIDR inside the spoke's address space. */
  readonly addressPrefix: string;
}

export interface SpokeVirtualNetworkProps extends DiagnosticsInput {
  readonly resourceGroup: IResourceGroupRef;
  /** VNet name, e.g. `vnet-shop-prod-weu`. */
  readonly name: string;
  /** Workload name, used in peering names. */
  readonly workload: string;
  readonly addressSpace: readonly string[];
  /** Tier subnets; `web`, `app`, `data` and `privateEndpoints` are required. */
  readonly subnets: readonly SpokeSubnet[];
  /**
   * DNS servers for the VNet, typically the hub firewall's private IP when its DNS proxy is on.
   * @default - Azure-provided DNS
   */
  readonly dnsServers?: readonly string[];
  /**
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the VNet (Azure applies it to its subnets).
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

const REQUIRED_TIERS: readonly SpokeTier[] = ['web', 'app', 'data', 'privateEndpoints'];

/**
 * A workload spoke VNet with its tier subnets. Every subnet has default outbound access off (egress only through
 * the firewall); the private-endpoint subnet has network policies on so NSGs and routes also apply to private
 * endpoints; the App Service integration subnet is delegated to `Microsoft.Web/serverFarms`.
 *
 * @resource azurerm_virtual_network, azurerm_subnet
 */
export class SpokeVirtualNetwork extends Construct {
  public readonly virtualNetworkId: string;
  public readonly virtualNetworkName: string;
  public readonly addressSpace: readonly string[];
  private readonly resourceGroupName: string;
  private readonly workload: string;
  private readonly subnetsByTier = new Map<SpokeTier, Subnet>();
  private peering?: HubSpokePeering;

  constructor(scope: Construct, id: string, props: SpokeVirtualNetworkProps) {
    super(scope, id);
    throwIfProblems('SpokeVirtualNetwork', props.name, subnetProblems(props));

    const vnet = new VirtualNetwork(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      addressSpace: [...props.addressSpace],
      dnsServers: props.dnsServers ? [...props.dnsServers] : undefined,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.virtualNetworkId = vnet.id;
    this.virtualNetworkName = vnet.name;
    this.addressSpace = [...props.addressSpace];
    this.resourceGroupName = props.resourceGroup.name;
    this.workload = props.workload;
    defineResourceLock(this, vnet.id, props.name, props.lock, 'peering, subnet and private endpoint changes');

    for (const subnet of props.subnets) {
      this.subnetsByTier.set(
        subnet.tier,
        new Subnet(this, subnet.tier, {
          name: subnet.name,
          resourceGroupName: props.resourceGroup.name,
          virtualNetworkName: vnet.name,
          addressPrefixes: [subnet.addressPrefix],
          defaultOutboundAccessEnabled: false,
          privateEndpointNetworkPolicies: subnet.tier === 'privateEndpoints' ? 'Enabled' : undefined,
          delegation:
            subnet.tier === 'appServiceIntegration'
              ? [
                  {
                    name: 'app-service',
                    serviceDelegation: { name: 'Microsoft.Web/serverFarms', actions: ['Microsoft.Network/virtualNetworks/subnets/action'] },
                  },
                ]
              : undefined,
        }),
      );
    }
    sendDiagnostics(this, props.diagnostics);
  }

  /** The tiers this spoke has, in the order they were given. */
  public get tiers(): SpokeTier[] {
    return [...this.subnetsByTier.keys()];
  }

  /** The subnet of a tier; throws when the spoke was built without it. */
  public subnet(tier: SpokeTier): Subnet {
    const subnet = this.subnetsByTier.get(tier);
    if (!subnet) throw new Error(`Spoke '${this.workload}' has no ${tier} subnet; add it to SpokeVirtualNetworkProps.subnets`);
    return subnet;
  }

  /**
   * Peers this spoke with the hub (both directions). A spoke has exactly one peering: the hub. `hub` must be a
   * `HubVirtualNetwork` or `HubVirtualNetwork.fromExisting(...)`; another spoke, or an object shaped like a hub, is
   * refused by the type and at run time.
   */
  public peerWithHub(hub: IHubNetwork, options: { readonly useRemoteGateways?: boolean } = {}): HubSpokePeering {
    if (this.peering) throw new Error(`Spoke '${this.workload}' is already peered with the hub; a spoke peers with the hub only, once`);
    this.peering = new HubSpokePeering(this, 'HubPeering', {
      hub,
      spoke: {
        kind: 'spoke',
        virtualNetworkId: this.virtualNetworkId,
        virtualNetworkName: this.virtualNetworkName,
        resourceGroupName: this.resourceGroupName,
        workload: this.workload,
      },
      useRemoteGateways: options.useRemoteGateways,
    });
    return this.peering;
  }
}

/** Literal prefixes, every required tier once, then Azure's tier rules (lib/spoke-tiers.ts). */
function subnetProblems(props: SpokeVirtualNetworkProps): PropertyProblem[] {
  const problems: PropertyProblem[] = [];
  const spaces = props.addressSpace.flatMap((text) => literalCidr(text, 'addressSpace', problems));
  if (props.addressSpace.length === 0) problems.push({ path: 'addressSpace', message: 'is empty', fix: 'pass at least one prefix' });
  for (const tier of REQUIRED_TIERS) {
    if (!props.subnets.some((s) => s.tier === tier)) problems.push({ path: 'subnets', message: `has no ${tier} tier`, fix: 'every spoke needs web, app, data and privateEndpoints' });
  }
  const tiers: TierPrefix[] = [];
  for (const subnet of props.subnets) {
    if (tiers.some((s) => s.tier === subnet.tier)) problems.push({ path: 'subnets', message: `has ${subnet.tier} twice`, fix: 'pass each tier once' });
    for (const prefix of literalCidr(subnet.addressPrefix, `subnets.${subnet.tier}`, problems)) tiers.push({ tier: subnet.tier, prefix });
  }
  return [...problems, ...spokeSubnetProblems(spaces, tiers)];
}

function literalCidr(text: string, path: string, problems: PropertyProblem[]): Cidr[] {
  if (Token.isUnresolved(text)) {
    problems.push({ path, message: 'is a token', fix: 'pass a literal CIDR' });
    return [];
  }
  const parsed = parseCidr(text);
  if (!parsed.ok) {
    problems.push({ path, message: `is not valid: ${parsed.reason}`, fix: 'pass a canonical IPv4 CIDR' });
    return [];
  }
  return [parsed.cidr];
}
