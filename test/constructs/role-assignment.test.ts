import { Lazy, Testing } from 'cdktf';
import { IPrincipal, IRoleScope, RoleAssignment, RoleAssignmentProps, roleAssignmentProblem, ScopeLevel, subscriptionScope } from '../../constructs/access/role-assignment';
import { BUILTIN_ROLES, BuiltInRole, PRIVILEGED_ROLES } from '../../lib/builtin-roles';
import { AzurermRoleAssignment } from '../../providers/azurerm';
import { onlyResource, parse, rendered, resourceAddresses, TEST_SUBSCRIPTION_ID, testPrincipal } from '../helpers';

const SUBSCRIPTION = `/subscriptions/${TEST_SUBSCRIPTION_ID}`;
const RESOURCE_GROUP = `${SUBSCRIPTION}/resourceGroups/rg-shop`;
const VAULT = `${RESOURCE_GROUP}/providers/Microsoft.KeyVault/vaults/kv-shop-test-weu`;
const MANAGEMENT_GROUP = '/providers/Microsoft.Management/managementGroups/mg-landing-zones';

const SCOPES: Record<ScopeLevel, IRoleScope> = {
  managementGroup: { scopeId: MANAGEMENT_GROUP, scopeLevel: 'managementGroup' },
  subscription: subscriptionScope(TEST_SUBSCRIPTION_ID),
  resourceGroup: { scopeId: RESOURCE_GROUP, scopeLevel: 'resourceGroup' },
  resource: { scopeId: VAULT, scopeLevel: 'resource' },
};
const WORKLOAD = testPrincipal('ServicePrincipal');
const PROPS: RoleAssignmentProps = { scope: SCOPES.resource, role: 'Key Vault Secrets User', principal: WORKLOAD, description: 'shop reads its secrets' };

function synthAssignment(props: Partial<RoleAssignmentProps> = {}): string {
  return Testing.synthScope((scope) => {
    new RoleAssignment(scope, 'Grant', { ...PROPS, ...props });
  });
}

/** Every privileged role at both broad scopes. */
const PRIVILEGED_BROAD = PRIVILEGED_ROLES.flatMap((role) => (['subscription', 'managementGroup'] as const).map((level) => [role, level] as const));

describe('RoleAssignment', () => {
  test('assigns the built-in role by name to the principal at the scope, with its type and description', () => {
    expect(onlyResource(parse(synthAssignment()), 'azurerm_role_assignment')).toEqual({
      scope: VAULT,
      role_definition_name: 'Key Vault Secrets User',
      principal_id: WORKLOAD.principalId,
      principal_type: 'ServicePrincipal',
      description: 'shop reads its secrets',
    });
  });

  test('leaves the description out when none is given', () => {
    expect(onlyResource(parse(synthAssignment({ description: undefined })), 'azurerm_role_assignment')).not.toHaveProperty('description');
  });

  test('exposes its role, scope and a reference to the assignment', () => {
    const { synth, values } = rendered((scope) => {
      const assignment = new RoleAssignment(scope, 'Grant', PROPS);
      expect(assignment.role).toBe('Key Vault Secrets User');
      expect(assignment.scope).toBe(SCOPES.resource);
      return { id: assignment.roleAssignmentId };
    });
    const [address] = resourceAddresses(synth, 'azurerm_role_assignment');
    expect(values).toEqual({ id: `\${${address}.id}` });
  });

  test('subscriptionScope is the subscription ID at subscription level', () => {
    expect(subscriptionScope(TEST_SUBSCRIPTION_ID)).toEqual({ scopeId: SUBSCRIPTION, scopeLevel: 'subscription' });
  });

  test.each(PRIVILEGED_BROAD)('refuses %s at %s scope for a workload identity (service principal)', (role, level) => {
    const message = `${role} at ${level} scope for a workload identity is not allowed; grant a least-privileged role on the resource it uses (e.g. keyVault.grantSecretsRead)`;
    expect(roleAssignmentProblem({ ...PROPS, role, scope: SCOPES[level] })).toBe(message);
    expect(() => synthAssignment({ role, scope: SCOPES[level] })).toThrow(`RoleAssignment 'Grant': ${message}`);
  });

  test('refuses a privileged role at a broad scope even when the scope is a token', () => {
    const scope: IRoleScope = { scopeId: Lazy.stringValue({ produce: () => SUBSCRIPTION }), scopeLevel: 'subscription' };
    expect(() => synthAssignment({ role: 'Owner', scope })).toThrow(/Owner at subscription scope for a workload identity is not allowed/);
  });

  test.each(PRIVILEGED_ROLES.flatMap((role) => (['resourceGroup', 'resource'] as const).map((level) => [role, level] as const)))(
    'allows %s at %s scope for a workload identity',
    (role, level) => {
      expect(roleAssignmentProblem({ ...PROPS, role, scope: SCOPES[level] })).toBeUndefined();
      expect(synthAssignment({ role, scope: SCOPES[level] })).toHaveResourceWithProperties(AzurermRoleAssignment, { role_definition_name: role, scope: SCOPES[level].scopeId });
    },
  );

  test('allows a non-privileged role at subscription scope for a workload identity', () => {
    expect(synthAssignment({ role: 'Key Vault Reader', scope: SCOPES.subscription })).toHaveResourceWithProperties(AzurermRoleAssignment, {
      role_definition_name: 'Key Vault Reader',
      scope: SUBSCRIPTION,
    });
  });

  test.each<IPrincipal['principalType']>(['Group', 'User'])(
    'allows Owner at subscription scope for a %s: human admins are governed by PIM (eligible, time-bound), not by this construct',
    (principalType) => {
      const principal = testPrincipal(principalType);
      expect(roleAssignmentProblem({ ...PROPS, role: 'Owner', scope: SCOPES.subscription, principal })).toBeUndefined();
      expect(synthAssignment({ role: 'Owner', scope: SCOPES.subscription, principal })).toHaveResourceWithProperties(AzurermRoleAssignment, {
        role_definition_name: 'Owner',
        principal_type: principalType,
      });
    },
  );

  test.each<[ScopeLevel, string]>([
    ['managementGroup', MANAGEMENT_GROUP],
    ['subscription', SUBSCRIPTION],
    ['resourceGroup', RESOURCE_GROUP],
    ['resource', VAULT],
    ['resource', `${VAULT}/secrets/tls-ca`],
    ['resourceGroup', RESOURCE_GROUP.replace('resourceGroups', 'resourcegroups')],
  ])('accepts a literal %s ID %s', (scopeLevel, scopeId) => {
    expect(roleAssignmentProblem({ ...PROPS, scope: { scopeId, scopeLevel } })).toBeUndefined();
  });

  test.each<[ScopeLevel, string]>([
    ['subscription', RESOURCE_GROUP],
    ['subscription', '/subscriptions/not-a-guid'],
    ['resourceGroup', SUBSCRIPTION],
    ['resourceGroup', VAULT],
    ['resource', RESOURCE_GROUP],
    ['resource', 'kv-shop-test-weu'],
    ['managementGroup', SUBSCRIPTION],
  ])('fails on a literal scope declared %s that is %s', (scopeLevel, scopeId) => {
    expect(() => synthAssignment({ scope: { scopeId, scopeLevel } })).toThrow(`RoleAssignment 'Grant': scope '${scopeId}' is not a ${scopeLevel} ID`);
  });

  test('skips the format check for a token scope, and renders the reference', () => {
    const scope: IRoleScope = { scopeId: Lazy.stringValue({ produce: () => 'resolved-later' }), scopeLevel: 'resource' };
    expect(roleAssignmentProblem({ ...PROPS, scope })).toBeUndefined();
    expect(synthAssignment({ scope })).toHaveResourceWithProperties(AzurermRoleAssignment, { scope: 'resolved-later' });
  });

  test('fails on a role it does not know, listing the ones it does', () => {
    expect(() => synthAssignment({ role: 'Reader' as BuiltInRole })).toThrow(
      `RoleAssignment 'Grant': 'Reader' is not a built-in role this landing zone knows; use one of ${Object.keys(BUILTIN_ROLES).join(', ')}`,
    );
    expect(() => synthAssignment({ role: 'owner' as BuiltInRole, scope: SCOPES.subscription })).toThrow(/'owner' is not a built-in role/);
  });

  // Bug: `props.role in BUILTIN_ROLES` also finds Object.prototype members, so these names pass as built-in roles
  // and end up as role_definition_name. Fix: `Object.hasOwn(BUILTIN_ROLES, props.role)`.
  test.each(['constructor', 'toString', '__proto__'])('fails on the Object.prototype member %s as a role', (role) => {
    expect(roleAssignmentProblem({ ...PROPS, role: role as BuiltInRole })).toMatch(`'${role}' is not a built-in role this landing zone knows`);
  });
});
