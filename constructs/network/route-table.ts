import { Construct } from 'constructs';
import { nameRuleProblem } from '../../lib/naming';
import { problemText } from '../../lib/property-problems';
import { parseCidr } from '../../lib/cidr';
import { AzurermRouteTable, Route, SubnetRouteTableAssociation } from '../../providers/azurerm';
import { Token } from '../../providers/cdktf';
import { terraformAddress } from './terraform-address';
import { IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { defineResourceLock } from '../resource-lock';

export type NextHopType = 'VirtualAppliance' | 'VirtualNetworkGateway' | 'VnetLocal' | 'Internet' | 'None';

/** One user-defined route. */
export interface UserDefinedRoute {
  /** Route name, unique in the table. */
  readonly name: string;
  /** Destination prefix (canonical CIDR) or a service tag. */
  readonly addressPrefix: string;
  readonly nextHopType: NextHopType;
  /** Required for, and only allowed with, `VirtualAppliance`. */
  readonly nextHopIpAddress?: string;
}

export interface RouteTableProps {
  readonly resourceGroup: IResourceGroupRef;
  /** Route table name, e.g. `rt-shop-prod-weu`. */
  readonly name: string;
  /**
   * Whether routes learned by BGP (from a VPN/ExpressRoute gateway) are added to the subnets. Off for spokes, so a
   * route from on-premises can never bypass the firewall.
   * @default false
   */
  readonly bgpRoutePropagationEnabled?: boolean;
  /**
   * Routes to start with; more can be added with `addRoute`.
   * @default - none
   */
  readonly routes?: readonly UserDefinedRoute[];
  /**
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the route table.
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

/**
 * A route table whose routes are separate `azurerm_route` resources (each one its own reviewable diff), associated
 * with subnets through `associateWithSubnet`.
 *
 * @resource azurerm_route_table, azurerm_route, azurerm_subnet_route_table_association
 */
export class RouteTable extends Construct {
  public readonly routeTableId: string;
  public readonly routeTableName: string;
  private readonly resourceGroupName: string;
  private readonly routes: UserDefinedRoute[] = [];
  private readonly associations: SubnetRouteTableAssociation[] = [];
  private readonly routeResources: Route[] = [];
  private readonly routesScope: Construct;

  constructor(scope: Construct, id: string, props: RouteTableProps) {
    super(scope, id);
    const table = new AzurermRouteTable(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      bgpRoutePropagationEnabled: props.bgpRoutePropagationEnabled ?? false,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.routeTableId = table.id;
    this.routeTableName = table.name;
    this.resourceGroupName = props.resourceGroup.name;
    this.routesScope = new Construct(this, 'Routes');
    for (const route of props.routes ?? []) this.addRoute(route);
    defineResourceLock(this, table.id, props.name, props.lock, 'routes added as spokes change');
  }

  /** The routes defined so far, in the order added. */
  public get userDefinedRoutes(): readonly UserDefinedRoute[] {
    return [...this.routes];
  }

  /** Adds a route; throws when its name or prefix is taken, or its next hop is inconsistent. */
  public addRoute(route: UserDefinedRoute): Route {
    const problems: string[] = [];
    const name = nameRuleProblem('route', route.name, 'route');
    if (name) problems.push(`name ${problemText(name)}`);
    if (this.routes.some((r) => r.name === route.name)) problems.push(`name '${route.name}' is already used`);
    const samePrefix = this.routes.find((r) => r.addressPrefix === route.addressPrefix);
    if (samePrefix) problems.push(`prefix ${route.addressPrefix} already has route '${samePrefix.name}'`);
    if (/^\d/.test(route.addressPrefix)) {
      const parsed = parseCidr(route.addressPrefix);
      if (!parsed.ok) problems.push(parsed.reason);
    }
    if (route.nextHopType === 'VirtualAppliance' && !route.nextHopIpAddress) {
      problems.push('nextHopType VirtualAppliance needs nextHopIpAddress (e.g. the firewall private IP)');
    }
    if (route.nextHopType !== 'VirtualAppliance' && route.nextHopIpAddress) {
      problems.push(`nextHopIpAddress is only allowed with VirtualAppliance (nextHopType is ${route.nextHopType}); remove it`);
    }
    if (problems.length > 0) throw new Error(`RouteTable route '${route.name}': ${problems.join('; ')}`);

    this.routes.push(route);
    const resource = new Route(this.routesScope, route.name, {
      name: route.name,
      resourceGroupName: this.resourceGroupName,
      routeTableName: this.routeTableName,
      addressPrefix: route.addressPrefix,
      nextHopType: route.nextHopType,
      nextHopInIpAddress: route.nextHopIpAddress,
    });
    this.routeResources.push(resource);
    // Associations made earlier wait for this route too.
    for (const association of this.associations) association.dependsOn = [...(association.dependsOn ?? []), terraformAddress(resource)];
    return resource;
  }

  /**
   * Attaches the table to a subnet once every route (also those added later) exists, so the subnet never runs with a partial
   * table (for instance a default route without the spoke routes).
   */
  public associateWithSubnet(id: string, subnetId: string): SubnetRouteTableAssociation {
    if (!Token.isUnresolved(subnetId) && !subnetId.includes('/subnets/')) {
      throw new Error(`RouteTable.associateWithSubnet: '${subnetId}' is not a subnet ID; pass subnet.id`);
    }
    const association = new SubnetRouteTableAssociation(this, id, {
      subnetId,
      routeTableId: this.routeTableId,
      dependsOn: [...this.routeResources],
    });
    this.associations.push(association);
    return association;
  }
}
