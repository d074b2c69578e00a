/**
 * One per-pillar initiative of the pack's guardrails: a custom policy set definition of built-in members (effects and
 * parameters baked in from the rule files), defined at the hierarchy's root and assigned at its scope's management
 * group, with one non-compliance message per member pointing at the rule's documentation. Remediating members
 * (DeployIfNotExists, Modify) give the assignment a system-assigned identity holding exactly the roles their
 * definitions declare, at the assignment's scope.
 */
import { Construct } from 'constructs';
import { PolicySuppressions } from '../../lib/suppressions';
import type { GuardrailRule } from '../../lib/guardrails/guardrail';
import { builtInDefinitionId } from '../../lib/guardrails/builtin-definitions';
import { GuardrailInitiative, GuardrailMember, nonComplianceMessage } from '../../lib/guardrails/plan';
import { AzurermRoleAssignment, ManagementGroupPolicyAssignment, ManagementGroupPolicySetDefinition } from '../../providers/azurerm';
import { IManagementGroupRef } from './management-group-hierarchy';

export interface GuardrailInitiativeProps {
  readonly initiative: GuardrailInitiative;
  /** The rules its members mirror (for the messages). */
  readonly rules: readonly GuardrailRule[];
  /**
   * IDs of the custom definitions members use, by name (`CustomPolicyDefinitionResource.definitionId`).
   * @default - none: every member must be a built-in
   */
  readonly customDefinitionIds?: ReadonlyMap<string, string>;
  /** Where the set definition lives: the hierarchy's root, so it can be assigned anywhere below. */
  readonly definitionScope: IManagementGroupRef;
  /** Where it is assigned. */
  readonly assignmentScope: IManagementGroupRef;
  /** Region of the assignment identity (required by Azure when the assignment has one). */
  readonly location: string;
  /** Published docs/policy-rules.md; messages link `<url>#<rule-id>`. */
  readonly ruleDocsUrl: string;
  /**
   * false assigns with enforcement DoNotEnforce: everything is evaluated and reported, nothing denied or remediated.
   * @default true
   */
  readonly enforce?: boolean;
}

/** The definition ID a member references: a built-in's, or the custom definition the stack defines. */
export function memberDefinitionId(member: GuardrailMember, customDefinitionIds: ReadonlyMap<string, string> = new Map()): string {
  if (!member.custom) return builtInDefinitionId(member.definitionId);
  const id = customDefinitionIds.get(member.custom.name);
  if (id === undefined) throw new Error(`custom policy definition ${member.custom.name} is used by ${member.referenceId} but not defined in this stack`);
  return id;
}

/** Azure limits a non-compliance message to 1024 characters. */
const MAX_MESSAGE = 1024;

export class GuardrailInitiativeAssignment extends Construct {
  public readonly setDefinition: ManagementGroupPolicySetDefinition;
  public readonly assignment: ManagementGroupPolicyAssignment;
  /** Role assignments of the remediation identity, by role definition GUID. */
  public readonly remediationRoles: ReadonlyMap<string, AzurermRoleAssignment>;

  constructor(scope: Construct, id: string, props: GuardrailInitiativeProps) {
    super(scope, id);
    const { initiative } = props;
    const ruleIds = [...new Set(initiative.members.flatMap((m) => m.ruleIds))];

    this.setDefinition = new ManagementGroupPolicySetDefinition(this, 'Definition', {
      name: initiative.name,
      displayName: initiative.displayName,
      description: `Runtime twins of the Zero Trust policy pack rules ${ruleIds.join(', ')} (generated from policy/rules; do not edit in the portal).`,
      policyType: 'Custom',
      managementGroupId: props.definitionScope.managementGroupId,
      metadata: JSON.stringify({ category: 'Zero Trust landing zone', source: 'policy pack', pillar: initiative.pillar }),
      policyDefinitionReference: initiative.members.map((member) => ({
        referenceId: member.referenceId,
        policyDefinitionId: memberDefinitionId(member, props.customDefinitionIds),
        parameterValues: Object.keys(member.parameterValues).length > 0 ? JSON.stringify(member.parameterValues) : undefined,
      })),
    });

    const remediates = initiative.roleDefinitionIds.length > 0;
    this.assignment = new ManagementGroupPolicyAssignment(this, 'Assignment', {
      name: initiative.name,
      displayName: initiative.displayName,
      description: `Zero Trust guardrails (${initiative.pillar}); exemptions mirror the policy pack's suppressions.`,
      managementGroupId: props.assignmentScope.managementGroupId,
      policyDefinitionId: this.setDefinition.id,
      enforce: props.enforce ?? true,
      identity: remediates ? { type: 'SystemAssigned' } : undefined,
      location: remediates ? props.location : undefined,
      nonComplianceMessage: initiative.members.map((member) => ({
        policyDefinitionReferenceId: member.referenceId,
        content: nonComplianceMessage(member, props.rules, props.ruleDocsUrl).slice(0, MAX_MESSAGE),
      })),
    });

    this.remediationRoles = new Map(
      initiative.roleDefinitionIds.map((role) => {
        const grant = new AzurermRoleAssignment(this, `Remediation-${role}`, {
          scope: props.assignmentScope.managementGroupId,
          roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${role}`,
          principalId: this.assignment.identity.principalId,
          principalType: 'ServicePrincipal',
          description: `Remediation identity of ${initiative.name}: the role its DeployIfNotExists/Modify members declare`,
        });
        // Azure Policy remediation runs as this identity with exactly the roles the definitions declare (Contributor for
        // the tag-inheriting Modify built-in): a platform identity, not a workload's, so the exception is recorded here.
        PolicySuppressions.of(grant).add({
          ruleId: 'ZT-ID-020',
          reason: `Azure Policy remediation identity of ${initiative.name}: holds only the role its DeployIfNotExists/Modify member definitions declare, at the assignment's scope`,
        });
        return [role, grant];
      }),
    );
  }
}
