/**
 * One of the project's custom Azure Policy definitions (`lib/guardrails/custom-definitions.ts`), defined at a
 * management group (the hierarchy's root) so initiatives and assignments anywhere below can use it. Initiatives
 * reference it by `definitionId`, a Terraform reference, so the definition exists before they are created.
 */
import { Construct } from 'constructs';
import type { CustomPolicyDefinition } from '../../lib/guardrails/custom-definitions';
import { PolicyDefinition } from '../../providers/azurerm';
import { IManagementGroupRef } from './management-group-hierarchy';

export interface CustomPolicyDefinitionProps {
  readonly definition: CustomPolicyDefinition;
  /** Where it is defined: the hierarchy's root, so it can be assigned anywhere below. */
  readonly managementGroup: IManagementGroupRef;
}

export class CustomPolicyDefinitionResource extends Construct {
  public readonly resource: PolicyDefinition;
  /** The definition's resource ID (a token), for policy set members and assignments. */
  public readonly definitionId: string;

  constructor(scope: Construct, id: string, props: CustomPolicyDefinitionProps) {
    super(scope, id);
    const { definition } = props;
    this.resource = new PolicyDefinition(this, 'Definition', {
      name: definition.name,
      displayName: definition.displayName,
      description: `${definition.description} (Generated from lib/guardrails/custom-definitions.ts; do not edit in the portal.)`,
      policyType: 'Custom',
      mode: definition.mode,
      managementGroupId: props.managementGroup.managementGroupId,
      metadata: JSON.stringify({ category: definition.metadata.category, version: definition.metadata.version, source: 'Zero Trust landing zone' }),
      parameters: JSON.stringify(definition.parameters),
      policyRule: JSON.stringify(definition.policyRule),
    });
    this.definitionId = this.resource.id;
  }
}
