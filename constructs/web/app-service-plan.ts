import { Construct } from 'constructs';
import { nameRuleProblem } from '../../lib/naming';
import { problemText } from '../../lib/property-problems';
import { ServicePlan } from '../../providers/azurerm';
import { DiagnosticsInput, IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { sendDiagnostics } from '../diagnostic-settings';
import { defineResourceLock } from '../resource-lock';

export interface AppServicePlanProps extends DiagnosticsInput {
  readonly resourceGroup: IResourceGroupRef;
  /** Plan name, e.g. `asp-shop-prod-weu`; 1-60 letters, digits and hyphens. */
  readonly name: string;
  /**
   * SKU. Premium v3 (`P0v3`-`P3mv3`) is the smallest that has private endpoints, VNet integration and zone
   * redundancy together.
   * @default 'P1v3'
   */
  readonly skuName?: string;
  /**
   * Spread instances over the region's availability zones (Premium v2/v3 and Isolated v2; the region must have zones).
   * @default false
   */
  readonly zoneRedundant?: boolean;
  /**
   * Instances.
   * @default - 3 when zone redundant (one per zone), else 1
   */
  readonly workerCount?: number;
  /**
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the plan.
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

/**
 * A Linux App Service plan for `LinuxWebApp`s: Premium v3 by default, optionally zone redundant with an instance per
 * zone.
 *
 * @resource azurerm_service_plan
 */
export class AppServicePlan extends Construct {
  public readonly servicePlanId: string;
  public readonly planName: string;
  public readonly resource: ServicePlan;
  /** @internal the resource group apps on this plan default to */
  public readonly resourceGroup: IResourceGroupRef;

  constructor(scope: Construct, id: string, props: AppServicePlanProps) {
    super(scope, id);
    const skuName = props.skuName ?? 'P1v3';
    const zoneRedundant = props.zoneRedundant ?? false;
    const workerCount = props.workerCount ?? (zoneRedundant ? 3 : 1);
    const problems: string[] = [];
    const name = nameRuleProblem('appServicePlan', props.name, 'App Service plan');
    if (name) problems.push(`name ${problemText(name)}`);
    if (!/^(P\d+m?v[23]|I\d+m?v2)$/.test(skuName)) problems.push(`skuName '${skuName}' has no private endpoints with VNet integration and zone redundancy; use Premium v3 (e.g. P1v3) or Isolated v2`);
    if (!Number.isInteger(workerCount) || workerCount < 1) problems.push(`workerCount ${workerCount} must be a positive integer`);
    if (zoneRedundant && workerCount < 2) problems.push(`zoneRedundant needs at least 2 instances (one per zone); workerCount is ${workerCount}`);
    if (problems.length > 0) throw new Error(`AppServicePlan '${props.name}': ${problems.join('; ')}`);

    this.resource = new ServicePlan(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      osType: 'Linux',
      skuName,
      workerCount,
      zoneBalancingEnabled: zoneRedundant,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.servicePlanId = this.resource.id;
    this.planName = props.name;
    this.resourceGroup = props.resourceGroup;
    defineResourceLock(this, this.resource.id, props.name, props.lock);
    sendDiagnostics(this, props.diagnostics);
  }
}
