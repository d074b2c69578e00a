import { Construct, IConstruct } from 'constructs';
import { parseResourceId } from '../../lib/resource-id';
import { NetworkDdosProtectionPlan } from '../../providers/azurerm';
import { Token } from '../../providers/cdktf';
import { IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { defineResourceLock } from '../resource-lock';

/** A DDoS Network Protection plan a VNet can link, owned (`DdosProtectionPlan`) or imported (`fromPlanId`). */
export interface IDdosProtectionPlan extends IConstruct {
  readonly ddosProtectionPlanId: string;
}

export interface DdosProtectionPlanProps {
  readonly resourceGroup: IResourceGroupRef;
  /** Plan name, e.g. `ddos-hub-prod-weu`. One plan covers up to 100 public IPs across the tenant's VNets. */
  readonly name: string;
  /**
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the plan (it is billed monthly and shared: deleting it unprotects every linked VNet).
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

/**
 * A DDoS Network Protection plan. Azure bills it per plan, so a tenant usually has one and links every hub to it:
 * import that one with `DdosProtectionPlan.fromPlanId` instead of defining another.
 *
 * @resource azurerm_network_ddos_protection_plan
 */
export class DdosProtectionPlan extends Construct implements IDdosProtectionPlan {
  /** The tenant's existing plan, from its resource ID (no provider call). Throws when the ID is malformed. */
  public static fromPlanId(scope: Construct, id: string, ddosProtectionPlanId: string): IDdosProtectionPlan {
    if (!Token.isUnresolved(ddosProtectionPlanId)) parseResourceId(ddosProtectionPlanId, 'Microsoft.Network/ddosProtectionPlans', `DdosProtectionPlan.fromPlanId('${id}')`);
    return new ImportedDdosProtectionPlan(scope, id, ddosProtectionPlanId);
  }

  public readonly ddosProtectionPlanId: string;

  constructor(scope: Construct, id: string, props: DdosProtectionPlanProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.name) && !/^[A-Za-z0-9]([A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/.test(props.name)) {
      throw new Error(`DdosProtectionPlan '${props.name}': the name must be 1-80 letters, digits, underscores, periods or hyphens, starting with a letter or digit and ending with a letter, digit or underscore`);
    }
    const plan = new NetworkDdosProtectionPlan(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.ddosProtectionPlanId = plan.id;
    defineResourceLock(this, plan.id, props.name, props.lock);
  }
}

class ImportedDdosProtectionPlan extends Construct implements IDdosProtectionPlan {
  constructor(
    scope: Construct,
    id: string,
    public readonly ddosProtectionPlanId: string,
  ) {
    super(scope, id);
  }
}
