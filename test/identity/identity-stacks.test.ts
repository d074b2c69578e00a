/** Which stacks the What-If and the lockout guard read: a tenant's identity, not an environment's playbook grants. */
import { hasIdentityResources } from '../../verifier/identity/model';
import { embeddedConfigs, synthEnvironments } from '../helpers';

test('an app role grant alone (a playbook identity\'s permission) is not an identity stack; directory objects are', () => {
  expect(hasIdentityResources({ resource: { azuread_app_role_assignment: { grant: {} } } })).toBe(false);
  expect(hasIdentityResources({ resource: { azuread_group: { g: {} } } })).toBe(true);
  expect(hasIdentityResources({ resource: { azuread_conditional_access_policy: { p: {} } } })).toBe(true);
});

test('in the embedded output exactly the tenant identity stacks count', () => {
  const stacks = synthEnvironments(embeddedConfigs());
  const tenants = [...new Set(embeddedConfigs().map((c) => c.tenantConfig.tenant))];
  const identity = Object.keys(stacks).filter((name) => hasIdentityResources(stacks[name] as Parameters<typeof hasIdentityResources>[0]));
  expect(identity.sort()).toEqual(tenants.filter((t) => embeddedConfigs().some((c) => c.tenantConfig.tenant === t && c.tenantConfig.identity)).map((t) => `${t}-identity`).sort());
});
