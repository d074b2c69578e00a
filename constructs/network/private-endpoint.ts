import { Construct } from 'constructs';
import { nameRuleProblem } from '../../lib/naming';
import { problemText } from '../../lib/property-problems';
import { defaultSubresourceOf, PRIVATE_LINK_SERVICES, PrivateLinkService, privateDnsZonesFor, privateEndpointPortsFor } from '../../lib/private-link-zones';
import { AzurermPrivateEndpoint } from '../../providers/azurerm';
import { Token } from '../../providers/cdktf';
import { IResourceGroupRef, Tags } from '../interfaces';
import { IPrivateDnsZoneLookup } from './private-dns-zones';

/** A resource that can be reached through a private endpoint, so every `addPrivateEndpoint`-style method looks alike. */
export interface IPrivateLinkTarget {
  /** Its service in `lib/private-link-zones.ts`. */
  readonly privateLinkService: PrivateLinkService;
  /** Its resource ID. */
  readonly privateLinkResourceId: string;
}

/**
 * A subnet that hosts private endpoints and opens its network security (its own NSG and the NSGs of the tiers that
 * call the endpoints) to exactly the ports of the endpoints placed in it: `ThreeTierSpoke.privateEndpointSubnet`.
 */
export interface IPrivateEndpointSubnet {
  readonly subnetId: string;
  /** Called once per endpoint placed in the subnet with the TCP ports its service listens on. */
  allowEndpointPorts(endpointName: string, ports: readonly string[]): void;
}

/** What a caller passes to a target's relationship method (e.g. `vault.addPrivateEndpoint(options)`). */
export interface PrivateEndpointOptions {
  /**
   * The private-endpoint subnet's ID, for a subnet whose NSG is managed elsewhere (e.g. the hub's).
   * @default - `subnet.subnetId`; one of the two is required
   */
  readonly subnetId?: string;
  /**
   * The private-endpoint subnet as a handle that opens the endpoint's ports (a spoke's `privateEndpointSubnet`).
   * Prefer it over `subnetId`: an endpoint nothing may reach is a silent outage.
   * @default - none: the subnet's NSG rules are not touched
   */
  readonly subnet?: IPrivateEndpointSubnet;
  /** The central private DNS zones (`PrivateDnsZones`). */
  readonly dnsZones: IPrivateDnsZoneLookup;
  /**
   * Sub-resource (group ID) to connect to.
   * @default - the service's only sub-resource (required for services with several, e.g. storage)
   */
  readonly subresource?: string;
  /**
   * Private endpoint name.
   * @default - the target's default, e.g. `pe-<target name>`
   */
  readonly name?: string;
}

export interface PrivateEndpointProps {
  readonly resourceGroup: IResourceGroupRef;
  /** Private endpoint name, e.g. `pe-kv-shop-prod-weu`. */
  readonly name: string;
  /**
   * The subnet the endpoint's NIC is placed in.
   * @default - `subnet.subnetId`; one of the two is required
   */
  readonly subnetId?: string;
  /**
   * The subnet as a handle that opens the endpoint's ports (`privateEndpointPortsFor`).
   * @default - none: the subnet's NSG rules are not touched
   */
  readonly subnet?: IPrivateEndpointSubnet;
  /** Resource ID of the target, of the service's resource type. */
  readonly targetResourceId: string;
  readonly service: PrivateLinkService;
  /** Sub-resource (group ID) of the service, e.g. `vault`, `blob`, `sqlServer`. */
  readonly subresource: string;
  /** Where the zones of that sub-resource are found. */
  readonly dnsZones: IPrivateDnsZoneLookup;
  /**
   * TCP ports the target listens on behind the endpoint.
   * @default - `privateEndpointPortsFor(service, subresource)`
   */
  readonly ports?: readonly string[];
  /**
   * Name of the endpoint's network interface.
   * @default `${name}-nic`
   */
  readonly networkInterfaceName?: string;
  /**
   * Must be the region of the subnet's VNet.
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
}

/** What `PrivateEndpoint.forTarget` takes from the target's side: where it lives and its default endpoint name. */
export interface PrivateEndpointDefaults {
  readonly resourceGroup: IResourceGroupRef;
  /** Used when the options have no name, e.g. `pe-kv-shop-prod-weu`. */
  readonly name: string;
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
 * A private endpoint to one sub-resource of a Private Link target, approved automatically (no manual connection),
 * whose DNS zone group registers its A records in every central zone of that sub-resource.
 *
 * @resource azurerm_private_endpoint
 */
export class PrivateEndpoint extends Construct {
  /**
   * A private endpoint for a target's relationship method: the options' subresource (or the service's only one) and
   * name (or the target's default).
   */
  public static forTarget(scope: Construct, id: string, target: IPrivateLinkTarget, options: PrivateEndpointOptions, defaults: PrivateEndpointDefaults): PrivateEndpoint {
    const name = options.name ?? defaults.name;
    let subresource = options.subresource;
    try {
      subresource ??= defaultSubresourceOf(target.privateLinkService);
    } catch (error) {
      throw new Error(`PrivateEndpoint '${name}': ${(error as Error).message}`);
    }
    return new PrivateEndpoint(scope, id, {
      resourceGroup: defaults.resourceGroup,
      location: defaults.location,
      tags: defaults.tags,
      name,
      subnetId: options.subnetId,
      subnet: options.subnet,
      targetResourceId: target.privateLinkResourceId,
      service: target.privateLinkService,
      subresource,
      dnsZones: options.dnsZones,
    });
  }

  public readonly privateEndpointId: string;
  public readonly privateEndpointName: string;
  /** IDs of the zones in the DNS zone group, in the table's order for the sub-resource. */
  public readonly dnsZoneIds: readonly string[];
  /** TCP ports the endpoint listens on (opened in its subnet when it was given as `subnet`). */
  public readonly ports: readonly string[];

  constructor(scope: Construct, id: string, props: PrivateEndpointProps) {
    super(scope, id);
    const networkInterfaceName = props.networkInterfaceName ?? `${props.name}-nic`;
    const problems: string[] = [];
    const subnetId = props.subnetId ?? props.subnet?.subnetId;
    if (subnetId === undefined) problems.push('no subnet; pass subnet (a spoke\'s privateEndpointSubnet) or subnetId');
    else if (props.subnetId !== undefined && props.subnet !== undefined && props.subnetId !== props.subnet.subnetId) problems.push('subnetId and subnet name different subnets; pass one of them');
    nameProblem('privateEndpoint', 'name', props.name, problems);
    nameProblem('networkInterface', 'networkInterfaceName', networkInterfaceName, problems);
    if (subnetId !== undefined && !Token.isUnresolved(subnetId) && !/\/subnets\/[^/]+$/i.test(subnetId)) {
      problems.push(`subnetId '${subnetId}' is not a subnet ID; pass the private-endpoint subnet's id`);
    }
    targetProblem(props, problems);
    let dnsZoneIds: string[] = [];
    try {
      dnsZoneIds = privateDnsZonesFor(props.service, props.subresource).map((zone) => props.dnsZones.zoneId(zone));
    } catch (error) {
      problems.push((error as Error).message);
    }
    if (problems.length > 0) throw new Error(`PrivateEndpoint '${props.name}': ${problems.join('; ')}`);

    const endpoint = new AzurermPrivateEndpoint(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      subnetId: subnetId as string,
      customNetworkInterfaceName: networkInterfaceName,
      privateServiceConnection: {
        name: `${props.name}-${props.subresource}`,
        isManualConnection: false,
        privateConnectionResourceId: props.targetResourceId,
        subresourceNames: [props.subresource],
      },
      privateDnsZoneGroup: { name: 'default', privateDnsZoneIds: dnsZoneIds },
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.privateEndpointId = endpoint.id;
    this.privateEndpointName = endpoint.name;
    this.dnsZoneIds = dnsZoneIds;
    this.ports = props.ports ?? privateEndpointPortsFor(props.service, props.subresource);
    props.subnet?.allowEndpointPorts(props.name, this.ports);
  }
}

/** Azure's name rule (lib/naming.ts) for a literal name; a token is checked by Terraform. */
function nameProblem(kind: 'privateEndpoint' | 'networkInterface', path: string, name: string, problems: string[]): void {
  if (Token.isUnresolved(name)) return;
  const problem = nameRuleProblem(kind, name, kind === 'privateEndpoint' ? 'private endpoint' : 'network interface', path);
  if (problem) problems.push(`${problem.path} ${problemText(problem)}`);
}

function targetProblem(props: PrivateEndpointProps, problems: string[]): void {
  if (Token.isUnresolved(props.targetResourceId) || !Object.prototype.hasOwnProperty.call(PRIVATE_LINK_SERVICES, props.service)) return;
  const { resourceType } = PRIVATE_LINK_SERVICES[props.service];
  const targetType = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/([^/]+\/[^/]+)\/[^/]+$/i.exec(props.targetResourceId)?.[1];
  if (targetType === undefined) {
    problems.push(`targetResourceId '${props.targetResourceId}' is not a resource ID; pass the ${resourceType} resource's id`);
  } else if (targetType.toLowerCase() !== resourceType.toLowerCase()) {
    problems.push(`targetResourceId is a ${targetType}, but service ${props.service} connects to a ${resourceType}; pass that resource's id or the right service`);
  }
}
