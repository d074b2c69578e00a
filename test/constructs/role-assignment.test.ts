import { Lazy, Testing } from 'cdktf';
import { IPrincipal, IRoleScope, RoleAssignment, RoleAssignmentProps, roleAssignmentProblem, ScopeLevel, subscriptionScope } from '../../constructs/access/role-assignment';
import { BUILTIN_ROLES, BuiltInRole, PRIVILEGED_ROLES } from '../../lib/builtin-roles';
import { AzurermRoleAssignment } from '../../providers/azurerm';
import { onlyResource, parse, rendered, resourceAddresses, suppressionsOf, synthWithMetadata, TEST_SUBSCRIPTION_ID, testPrincipal } from '../helpers';

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

  const STORAGE = `${RESOURCE_GROUP}/providers/Microsoft.Storage/storageAccounts/stshoptest`;
  const NARROW = PRIVILEGED_ROLES.flatMap((role) => (['resourceGroup', 'resource'] as const).map((level) => [role, level] as const));

  test.each(NARROW)('refuses %s at %s scope for a workload identity without a recorded reason', (role, level) => {
    expect(roleAssignmentProblem({ ...PROPS, role, scope: SCOPES[level] })).toMatch(`${role} for a workload identity is not allowed at ${level} scope either; use `);
    expect(() => synthAssignment({ role, scope: SCOPES[level] })).toThrow(/pass privilegedRoleReason \(recorded in the output\) if it truly needs the role/);
  });

  test("refuses Contributor on a storage account for a workload identity, naming the storage data-plane roles", () => {
    const scope: IRoleScope = { scopeId: STORAGE, scopeLevel: 'resource' };
    expect(() => synthAssignment({ role: 'Contributor', scope })).toThrow(
      /Contributor for a workload identity is not allowed at resource scope either; use Storage Blob Data Reader or Storage Blob Data Contributor \(storage\.grantBlobRead\/grantBlobWrite\)/,
    );
  });

  test('names the data-plane role from the scope\'s resource type when the scope ID is a token', () => {
    const scope: IRoleScope = { scopeId: Lazy.stringValue({ produce: () => STORAGE }), scopeLevel: 'resource', resourceType: 'Microsoft.Sql/servers' };
    expect(roleAssignmentProblem({ ...PROPS, role: 'Owner', scope })).toMatch(/use no RBAC role: add the identity as a contained database user/);
    expect(roleAssignmentProblem({ ...PROPS, role: 'Owner', scope: { scopeId: RESOURCE_GROUP, scopeLevel: 'resourceGroup' } })).toMatch(/use a least-privileged data-plane role on the resource it uses/);
  });

  test.each(NARROW)('allows %s at %s scope for a workload identity with a reason, recorded in the description and as a ZT-ID-020 suppression', (role, level) => {
    const reason = 'Deploys the workload resources in this group (pipeline identity)';
    expect(roleAssignmentProblem({ ...PROPS, role, scope: SCOPES[level], privilegedRoleReason: reason })).toBeUndefined();
    const synth = synthWithMetadata((scope) => new RoleAssignment(scope, 'Grant', { ...PROPS, role, scope: SCOPES[level], privilegedRoleReason: reason }));
    expect(onlyResource(synth, 'azurerm_role_assignment').description).toBe(`shop reads its secrets. Privileged role accepted: ${reason}`);
    expect(suppressionsOf(synth, 'azurerm_role_assignment')[0]).toMatchObject([{ ruleId: 'ZT-ID-020', reason: `RoleAssignment privilegedRoleReason: ${reason}` }]);
  });

  test('refuses a reason shorter than 10 characters, and any reason at subscription scope', () => {
    expect(roleAssignmentProblem({ ...PROPS, role: 'Owner', scope: SCOPES.resource, privilegedRoleReason: ' needed ' })).toMatch(/privilegedRoleReason 'needed' is too short \(at least 10 characters\)/);
    expect(roleAssignmentProblem({ ...PROPS, role: 'Owner', scope: SCOPES.subscription, privilegedRoleReason: 'a long enough reason' })).toMatch(/Owner at subscription scope for a workload identity is not allowed/);
  });

  test('records nothing for a non-privileged role given a reason', () => {
    const synth = parse(synthAssignment({ privilegedRoleReason: 'not needed for a data-plane role' }));
    expect(onlyResource(synth, 'azurerm_role_assignment').description).toBe('shop reads its secrets');
  });

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

  test('fails on a role it does not know, suggesting a close one and listing only the least-privileged ones', () => {
    const leastPrivileged = Object.keys(BUILTIN_ROLES).filter((role) => !PRIVILEGED_ROLES.includes(role as BuiltInRole));
    expect(() => synthAssignment({ role: 'Reader' as BuiltInRole })).toThrow(
      `RoleAssignment 'Grant': 'Reader' is not a built-in role this landing zone knows. Known least-privileged roles: ${leastPrivileged.join(', ')}`,
    );
    expect(roleAssignmentProblem({ ...PROPS, role: 'Storage Blob Data Reeder' as BuiltInRole })).toMatch(/did you mean 'Storage Blob Data Reader'\?/);
    const listed = (roleAssignmentProblem({ ...PROPS, role: 'Storage Blob Data Reeder' as BuiltInRole }) ?? '').split('roles: ')[1]!.split(', ');
    expect(listed.filter((role) => PRIVILEGED_ROLES.includes(role as BuiltInRole))).toEqual([]);
    expect(() => synthAssignment({ role: 'owner' as BuiltInRole, scope: SCOPES.subscription })).toThrow(/'owner' is not a built-in role/);
  });

  // Bug: `props.role in BUILTIN_ROLES` also finds Object.prototype members, so these names pass as built-in roles
  // and end up as role_definition_name. Fix: `Object.hasOwn(BUILTIN_ROLES, props.role)`.
  test.each(['constructor', 'toString', '__proto__'])('fails on the Object.prototype member %s as a role', (role) => {
    expect(roleAssignmentProblem({ ...PROPS, role: role as BuiltInRole })).toMatch(`'${role}' is not a built-in role this landing zone knows`);
  });
});
