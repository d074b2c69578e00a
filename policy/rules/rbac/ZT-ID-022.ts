/** Custom role definitions grant no wildcard (`*`) actions. */
import { defineRule, each, fail, pass, readAll } from '../../engine';

export default defineRule({
  id: 'ZT-ID-022',
  severity: 'medium',
  pillar: 'identity',
  title: 'Custom roles grant no wildcard actions',
  rationale: 'A custom role with * is Owner by another name.',
  fix: 'List the actions the role needs.',
  appliesTo: ['azurerm_role_definition'],
  references: { checkov: ['CKV_AZURE_39'] },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_role_definition'], (role) => {
      const actions = readAll(role.attributes, 'permissions.actions');
      return actions.includes('*') ? fail('permissions.actions contains "*"') : pass(`${actions.length} explicit action(s)`);
    }),
});
