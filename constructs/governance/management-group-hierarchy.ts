/**
 * The management-group hierarchy of a tenant, created under the tenant root group in the shape of the Azure Landing
 * Zones archetypes, or referenced when it already exists (data sources: a missing group fails the plan, nothing is
 * created or moved). Subscriptions are placed with `placeSubscription`.
 */
import { Construct } from 'constructs';
import { Archetype, ARCHETYPE_DISPLAY_NAMES } from '../../config/governance-schema';
import { ManagementGroupPlan } from '../../config/governance-plan';
import { AzurermManagementGroup, DataAzurermManagementGroup, ManagementGroupSubscriptionAssociation } from '../../providers/azurerm';

/** A management group as other constructs use it, whether created or referenced. */
export interface IManagementGroupRef {
  readonly archetype: Archetype;
  /** The resource ID, `/providers/Microsoft.Management/managementGroups/<name>`. */
  readonly managementGroupId: string;
}

export interface ManagementGroupHierarchyProps {
  /** The resolved hierarchy (`planTenantGovernance`), parents before children. */
  readonly managementGroups: readonly ManagementGroupPlan[];
}

export class ManagementGroupHierarchy extends Construct {
  private readonly groups = new Map<Archetype, IManagementGroupRef>();

  constructor(scope: Construct, id: string, props: ManagementGroupHierarchyProps) {
    super(scope, id);
    for (const plan of props.managementGroups) {
      if (plan.existing) {
        const existing = new DataAzurermManagementGroup(this, plan.archetype, { name: plan.id });
        this.groups.set(plan.archetype, { archetype: plan.archetype, managementGroupId: existing.id });
        continue;
      }
      const parent = plan.parent ? this.group(plan.parent) : undefined;
      const created = new AzurermManagementGroup(this, plan.archetype, {
        name: plan.id,
        displayName: plan.displayName ?? (plan.archetype === 'root' ? plan.id : ARCHETYPE_DISPLAY_NAMES[plan.archetype]),
        // Without a parent Azure places the group under the tenant root group.
        parentManagementGroupId: parent?.managementGroupId,
      });
      this.groups.set(plan.archetype, { archetype: plan.archetype, managementGroupId: created.id });
    }
  }

  /** The management group of an archetype; throws when the hierarchy has none. */
  public group(archetype: Archetype): IManagementGroupRef {
    const group = this.groups.get(archetype);
    if (!group) throw new Error(`the management group hierarchy has no ${archetype} management group (add it to governance.hierarchy)`);
    return group;
  }

  /** Moves a subscription into the management group of `archetype` (one association per subscription). */
  public placeSubscription(subscriptionId: string, archetype: Archetype): ManagementGroupSubscriptionAssociation {
    return new ManagementGroupSubscriptionAssociation(this, `Placement-${subscriptionId}`, {
      managementGroupId: this.group(archetype).managementGroupId,
      subscriptionId: `/subscriptions/${subscriptionId}`,
    });
  }
}
