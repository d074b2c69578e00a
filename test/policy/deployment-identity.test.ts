/**
 * ZT-ID-025 accepts one standing Owner: the deployment identity. The tenant's identity stack is judged with the
 * tenant's stacks, so each environment stack records the deployer itself (`"//".deploymentIdentity`); this proves the
 * rule sees it in a real synthesized environment, and that nobody else gets the same pass.
 */
import { BUILTIN_ROLES } from '../../lib/builtin-roles';
import { deploymentIdentityOf } from '../../lib/stack-metadata';
import { evaluateStacks } from '../../policy/evaluate';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import type { TerraformJson } from '../../verifier/load';
import { embeddedConfigs, synthEnvironments } from '../helpers';

const RULE = ZERO_TRUST_PACK.filter((rule) => rule.id === 'ZT-ID-025');

describe.each(embeddedConfigs().map((c) => [c.environment, c] as const))('%s', (environment, config) => {
  const deployer = config.tenantConfig.identity?.deploymentIdentity.objectId;
  const environmentStacks = () => {
    const all = JSON.parse(JSON.stringify(synthEnvironments([config]))) as Record<string, TerraformJson>;
    return Object.fromEntries(Object.entries(all).filter(([name]) => name.startsWith(`${environment}-`)));
  };

  test('every stack of the environment records the tenant file\'s deployment identity', () => {
    expect(deployer).toMatch(/^[0-9a-f-]{36}$/);
    const stacks = environmentStacks();
    expect(Object.keys(stacks).length).toBeGreaterThan(0);
    for (const json of Object.values(stacks)) expect(deploymentIdentityOf(json)).toBe(deployer);
  });

  test.each([
    ['the deployment identity', () => deployer as string, 'compliant'],
    ['anyone else', () => '00000000-0000-0000-0000-00000000beef', 'non-compliant'],
  ])('a standing subscription Owner for %s: %s', (_who, principal, outcome) => {
    const stacks = environmentStacks();
    const management = stacks[`${environment}-management`] as TerraformJson & { resource: Record<string, Record<string, unknown>> };
    management.resource.azurerm_role_assignment = {
      ...(management.resource.azurerm_role_assignment ?? {}),
      StandingOwner: {
        scope: `/subscriptions/${config.subscriptionId}`,
        role_definition_id: `/subscriptions/${config.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BUILTIN_ROLES.Owner}`,
        principal_id: principal(),
      },
    };
    const rows = evaluateStacks(stacks, RULE).flatMap((r) => r.rows.filter((row) => row.resource === 'azurerm_role_assignment.StandingOwner'));
    expect(rows.map((row) => row.outcome)).toEqual([outcome]);
  });
});
