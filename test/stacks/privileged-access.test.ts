/**
 * PIM on the synthesized stacks of every embedded environment: Azure role management policies for the four
 * privileged roles on every subscription of the environment at the configured limits, eligible assignments under
 * them, PIM for Groups settings on every privileged access group, and the constructs' refusals.
 */
import { Testing } from 'cdktf';
import { LandingZoneConfig } from '../../config/schema';
import { AzureRolePimPolicy } from '../../constructs/access/azure-role-pim-policy';
import { ActionGroup } from '../../constructs/monitoring/action-group';
import { PrivilegedAccessGroupPolicy } from '../../constructs/identity/privileged-access-group-policy';
import { BUILTIN_ROLES } from '../../lib/builtin-roles';
import { PIM_EXPIRY_DAYS, PIM_MANAGED_AZURE_ROLES, PimExpiry } from '../../lib/pim';
import { environmentSubscriptions } from '../../stacks/management-stack';
import { pimNotificationEmails } from '../../stacks/privileged-access';
import { embeddedConfigs, resourcesOfType, synthEnvironments, TEST_RESOURCE_GROUP, stackNamed } from '../helpers';
import { jsonText } from '../../lib/json-text';

type Resource = Record<string, unknown>;

describe.each(embeddedConfigs().map((c) => [c.environment, c] as const))('%s', (environment, config: LandingZoneConfig) => {
  const stacks = synthEnvironments([config]);
  const management = stackNamed(stacks, `${environment}-management`);
  const azure = config.privilegedAccess.azureRoles;

  (azure.enabled ? test : test.skip)('every subscription has a policy per privileged role: <= PT4H, MFA or context, justification, expiring assignments, notifications', () => {
    const policies = resourcesOfType(management, 'azurerm_role_management_policy');
    const subscriptions = environmentSubscriptions(config);
    expect(policies).toHaveLength(subscriptions.length * PIM_MANAGED_AZURE_ROLES.length);
    for (const subscriptionId of subscriptions) {
      for (const role of PIM_MANAGED_AZURE_ROLES) {
        const policy = policies.find((p) => p.scope === `/subscriptions/${subscriptionId}` && p.role_definition_id === `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BUILTIN_ROLES[role]}`);
        expect(policy).toBeDefined();
        const activation = policy?.activation_rules as Resource;
        expect(activation).toMatchObject({ maximum_duration: azure.maximumActivation, require_justification: true });
        if (azure.authenticationContext) expect(activation.required_conditional_access_authentication_context).toBe(azure.authenticationContext);
        else expect(activation.require_multifactor_authentication).toBe(true);
        const approval = role === 'Owner' && azure.ownerApprovalRequired;
        expect(activation.require_approval).toBe(approval);
        if (approval) expect((activation.approval_stage as { primary_approver: Resource[] }).primary_approver.map((a) => a.object_id)).toEqual([...azure.approverGroupObjectIds].sort());
        expect(policy?.eligible_assignment_rules).toEqual({ expiration_required: true, expire_after: azure.eligibleExpiry });
        expect(policy?.active_assignment_rules).toMatchObject({ expiration_required: true, expire_after: azure.activeExpiry });
        const notifications = policy?.notification_rules as Record<string, { admin_notifications: Resource }>;
        for (const kind of ['eligible_activations', 'eligible_assignments', 'active_assignments']) {
          expect(notifications[kind]!.admin_notifications).toMatchObject({ notification_level: 'All', default_recipients: true });
          expect(notifications[kind]!.admin_notifications.additional_recipients).toEqual(pimNotificationEmails(config).length > 0 ? pimNotificationEmails(config).sort() : undefined);
        }
      }
    }
  });

  test('eligible Azure assignments: one per configured entry, after their policy, expiring within the eligible period', () => {
    const assignments = resourcesOfType(management, 'azurerm_pim_eligible_role_assignment');
    expect(assignments).toHaveLength(azure.enabled ? azure.eligibleAssignments.length : 0);
    for (const wanted of azure.eligibleAssignments) {
      const subscriptionId = wanted.subscriptionId ?? config.subscriptionId;
      const assignment = assignments.find((a) => a.principal_id === wanted.principalObjectId && String(a.role_definition_id).endsWith(BUILTIN_ROLES[wanted.role]));
      expect(assignment).toMatchObject({ scope: `/subscriptions/${subscriptionId}`, justification: wanted.justification, schedule: { expiration: { duration_days: PIM_EXPIRY_DAYS[azure.eligibleExpiry as PimExpiry] } } });
      expect(assignment?.depends_on).toEqual([expect.stringMatching(/^azurerm_role_management_policy\./)]);
    }
  });

  test('no standing Owner or User Access Administrator is assigned by the code', () => {
    const standing = Object.values(stacks).flatMap((stack) =>
      resourcesOfType(stack, 'azurerm_role_assignment').filter(
        (r) => ['Owner', 'User Access Administrator'].includes(String(r.role_definition_name)) || [BUILTIN_ROLES.Owner, BUILTIN_ROLES['User Access Administrator']].some((id) => jsonText(r.role_definition_id ?? '').endsWith(id)),
      ),
    );
    expect(standing).toEqual([]);
  });

  (config.tenantConfig.identity ? test : test.skip)('every privileged access group (admin group with roles) has PIM for Groups settings at the configured limits', () => {
    const identity = stackNamed(stacks, `${config.tenantConfig.tenant}-identity`);
    const activation = config.tenantConfig.identity?.pim.groupActivation;
    const privileged = (config.tenantConfig.identity?.adminGroups ?? []).filter((g) => g.roles.length > 0);
    const policies = resourcesOfType(identity, 'azuread_group_role_management_policy');
    expect(policies).toHaveLength(privileged.length);
    const groups = identity.resource?.azuread_group ?? {};
    for (const group of privileged) {
      const key = Object.keys(groups).find((k) => groups[k]!.display_name === group.name);
      const policy = policies.find((p) => p.group_id === `\${azuread_group.${key}.object_id}`);
      expect(policy).toMatchObject({ role_id: 'member', activation_rules: { maximum_duration: activation?.maximumDuration, require_justification: true }, eligible_assignment_rules: { expiration_required: true } });
      expect((policy?.activation_rules as Resource).require_multifactor_authentication ?? (policy?.activation_rules as Resource).required_conditional_access_authentication_context).toBeTruthy();
    }
  });
});

describe('constructs refuse what PIM or the baseline would reject', () => {
  const base = { subscriptionId: '00000000-0000-0000-0000-000000000001', role: 'Owner' as const, eligibleExpiry: 'P180D' as const, activeExpiry: 'P15D' as const, notificationEmails: [] };

  test('fails: an Azure role activation longer than PT4H, a bad approver or principal', () => {
    expect(() => Testing.synthScope((s) => new AzureRolePimPolicy(s, 'p', { ...base, maximumActivation: 'PT8H' }))).toThrow(/maximum duration 'PT8H' must be an ISO 8601 duration of at most PT4H/);
    expect(() => Testing.synthScope((s) => new AzureRolePimPolicy(s, 'p', { ...base, maximumActivation: 'PT4H', approverGroupObjectIds: ['admins'] }))).toThrow(/approver 'admins' is not an object ID/);
    expect(() => Testing.synthScope((s) => new AzureRolePimPolicy(s, 'p', { ...base, maximumActivation: 'PT4H' }).addEligibleAssignment('e', 'alice', 'x'))).toThrow(/'alice' is not an object ID/);
  });

  test('an authentication context replaces MFA; approvers turn approval on', () => {
    const json = JSON.parse(
      Testing.synthScope((s) => new AzureRolePimPolicy(s, 'p', { ...base, maximumActivation: 'PT2H', authenticationContext: 'c1', approverGroupObjectIds: ['00000000-0000-0000-0000-00000000b001'] })),
    ) as { resource: { azurerm_role_management_policy: Record<string, { activation_rules: Resource }> } };
    const activation = Object.values(json.resource.azurerm_role_management_policy)[0]!.activation_rules;
    expect(activation).toMatchObject({ required_conditional_access_authentication_context: 'c1', require_approval: true });
    expect(activation).not.toHaveProperty('require_multifactor_authentication');
  });

  test('fails: a group activation longer than PT4H', () => {
    expect(() =>
      Testing.synthScope((s) => new PrivilegedAccessGroupPolicy(s, 'g', { groupObjectId: '00000000-0000-0000-0000-00000000c001', maximumDuration: 'PT5H', eligibleExpiry: 'P365D', notificationEmails: [] })),
    ).toThrow(/maximum duration 'PT5H' must be an ISO 8601 duration of at most PT4H/);
  });

  test('fails: an action group with a literal webhook URL or no receivers', () => {
    const props = { resourceGroup: TEST_RESOURCE_GROUP, name: 'ag-secops', shortName: 'secops' };
    expect(() => Testing.synthScope((s) => new ActionGroup(s, 'a', { ...props, webhookUrl: 'https://hooks.example.com/abc?sig=secret' }))).toThrow(/webhookUrl is a literal; pass a sensitive Terraform variable/);
    expect(() => Testing.synthScope((s) => new ActionGroup(s, 'a', props))).toThrow(/has no receivers/);
    expect(() => Testing.synthScope((s) => new ActionGroup(s, 'a', { ...props, shortName: 'security-operations', emails: ['soc@example.com'] }))).toThrow(/shortName 'security-operations' must be 1-12 characters/);
  });
});
