/**
 * `<tenant>-governance`: the tenant-wide guardrails, deployed before any environment of the tenant. The management
 * group hierarchy (created or referenced), each environment subscription placed in it, the pack's guardrails as
 * per-pillar initiatives assigned at the right management group, and the per-environment remediation assignments
 * (parameters that differ per environment, such as its workspace). Exemptions and locks live with the resources
 * they concern, in the environment stacks (`stacks/environment-governance.ts`).
 */
import { Construct } from 'constructs';
import { TenantGovernance, environmentAssignmentName } from '../config/governance-plan';
import { LandingZoneConfig } from '../config/schema';
import { CustomPolicyDefinitionResource } from '../constructs/governance/custom-policy-definition';
import { GuardrailInitiativeAssignment, memberDefinitionId } from '../constructs/governance/guardrail-initiative';
import { ManagementGroupHierarchy } from '../constructs/governance/management-group-hierarchy';
import type { GuardrailRule } from '../lib/guardrails/guardrail';
import { GuardrailMember, nonComplianceMessage, planEnvironmentGuardrails, planInitiatives } from '../lib/guardrails/plan';
import { sortedEntries } from '../lib/collections';
import { ALLOWED_LOCATIONS_KEY, TENANT_WIDE_KEY } from '../lib/stack-metadata';
import { AzurermRoleAssignment, SubscriptionPolicyAssignment } from '../providers/azurerm';
import { BaseStack } from './base-stack';
import { configureBackend, landingZoneAzurermProvider } from './landing-zone-stack';
import { workspaceResourceId } from './management-stack';

export interface GovernanceStackProps {
  readonly governance: TenantGovernance;
  /** The tenant's environments (their subscriptions are placed and governed). */
  readonly environments: readonly LandingZoneConfig[];
  /** The pack whose guardrails are assigned (passed in: stacks do not load the pack; test/policy/guardrails.test.ts checks it is assignable). */
  readonly rules: readonly GuardrailRule[];
}

/** `<tenant>-governance`. */
export function governanceStackName(tenantName: string): string {
  return `${tenantName}-governance`;
}

export class GovernanceStack extends BaseStack {
  public readonly hierarchy: ManagementGroupHierarchy;
  public readonly initiatives: ReadonlyMap<string, GuardrailInitiativeAssignment>;
  /** The project's custom policy definitions the guardrails use, by name, each defined once at the hierarchy's root. */
  public readonly customDefinitions: ReadonlyMap<string, CustomPolicyDefinitionResource>;
  private readonly customDefinitionIds: ReadonlyMap<string, string>;

  /** @param id the stack name; production uses `governanceStackName(tenant)` (`contoso-governance`). */
  constructor(scope: Construct, id: string, props: GovernanceStackProps) {
    super(scope, id);
    const { governance, environments } = props;
    const rules = props.rules;
    const [first] = environments;
    if (!first) throw new Error(`${id}: a governance stack needs at least one environment of tenant ${governance.tenantId}`);

    // Management-group operations are tenant-scoped, but the provider needs a subscription: the first environment's.
    landingZoneAzurermProvider(this, 'azurerm', governance.tenantId, first.subscriptionId);
    // The tenant's backend, like <tenant>-identity; production-grade when any of its environments is.
    configureBackend(this, first.tenantConfig.backend, { tenantId: governance.tenantId, production: environments.some((e) => e.production) });

    // Recorded for the pack: tenant-wide (no subscription of its own), and the regions its identities may use.
    this.addOverride(`//.${TENANT_WIDE_KEY}`, true);
    this.addOverride(`//.${ALLOWED_LOCATIONS_KEY}`, [...governance.context.allowedLocations]);

    this.hierarchy = new ManagementGroupHierarchy(this, 'ManagementGroups', { managementGroups: governance.managementGroups });
    for (const placement of governance.placements) this.hierarchy.placeSubscription(placement.subscriptionId, placement.archetype);

    const root = this.hierarchy.group('root');
    const initiatives = planInitiatives(governance.context, rules);
    const environmentGuardrails = environments.map((environment) => ({
      environment,
      members: planEnvironmentGuardrails({ ...governance.context, workspaceId: workspaceResourceId(environment) }, rules).map((g) => g.member),
    }));
    // Each custom definition a guardrail uses, once (per-environment guardrails use the root's definition too).
    const customs = Object.fromEntries(
      [...initiatives.flatMap((i) => i.members), ...environmentGuardrails.flatMap((e) => e.members)].flatMap((member) => (member.custom ? [[member.custom.name, member.custom]] : [])),
    );
    this.customDefinitions = new Map(
      sortedEntries(customs).map(([name, definition]) => [name, new CustomPolicyDefinitionResource(this, `custom-${name}`, { definition, managementGroup: root })]),
    );
    this.customDefinitionIds = new Map([...this.customDefinitions].map(([name, resource]) => [name, resource.definitionId]));
    this.initiatives = new Map(
      initiatives.map((initiative) => [
        initiative.name,
        new GuardrailInitiativeAssignment(this, initiative.name, {
          initiative,
          rules,
          customDefinitionIds: this.customDefinitionIds,
          definitionScope: root,
          assignmentScope: this.hierarchy.group(initiative.scope),
          location: governance.location,
          ruleDocsUrl: governance.config.ruleDocsUrl,
          enforce: governance.config.enforce,
        }),
      ]),
    );

    for (const { environment, members } of environmentGuardrails) this.assignEnvironmentGuardrails(environment, members, governance, rules);
  }

  /** Remediation whose parameters are the environment's own (its workspace), at each of its subscriptions. */
  private assignEnvironmentGuardrails(environment: LandingZoneConfig, members: readonly GuardrailMember[], governance: TenantGovernance, rules: readonly GuardrailRule[]): void {
    const workspaceId = workspaceResourceId(environment);
    const subscriptions = [...new Set([environment.subscriptionId, ...environment.spokes.map((s) => s.subscriptionId ?? environment.subscriptionId)])].sort();
    for (const member of members) {
      for (const subscriptionId of subscriptions) {
        const assignmentName = environmentAssignmentName(environment.environment, member.referenceId);
        const id = `${assignmentName}-${subscriptionId}`;
        const assignment = new SubscriptionPolicyAssignment(this, id, {
          name: assignmentName,
          displayName: `Zero Trust remediation (${environment.environment}): ${member.definition.displayName}`.slice(0, 128),
          subscriptionId: `/subscriptions/${subscriptionId}`,
          policyDefinitionId: memberDefinitionId(member, this.customDefinitionIds),
          parameters: JSON.stringify(member.parameterValues),
          enforce: governance.config.enforce,
          identity: { type: 'SystemAssigned' },
          location: governance.location,
          nonComplianceMessage: [{ content: nonComplianceMessage(member, rules, governance.config.ruleDocsUrl).slice(0, 1024) }],
        });
        // The declared roles where remediation writes: the subscription, and the workspace when it lives in another
        // subscription (a spoke of its own links its diagnostic settings to the environment's workspace).
        const scopes = subscriptionId === environment.subscriptionId ? [`/subscriptions/${subscriptionId}`] : [`/subscriptions/${subscriptionId}`, workspaceId];
        for (const role of member.definition.roleDefinitionIds) {
          scopes.forEach((scope, i) =>
            new AzurermRoleAssignment(this, `${id}-${role}${i === 0 ? '' : '-workspace'}`, {
              scope,
              roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${role}`,
              principalId: assignment.identity.principalId,
              principalType: 'ServicePrincipal',
              description: `Remediation identity of ${assignmentName}: a role its definition declares`,
            }),
          );
        }
      }
    }
  }
}
