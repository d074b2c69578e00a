/** Custom role definitions grant no wildcard (`*`) actions. */
import { defineCheck, each, fail, pass, readAll } from '../../engine';

export default defineCheck({
  id: 'ZT-ID-022',
  appliesTo: ['azurerm_role_definition'],
  references: { checkov: ['CKV_AZURE_39'] },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_role_definition'], (role) => {
      const actions = readAll(role.attributes, 'permissions.actions');
      return actions.includes('*') ? fail('permissions.actions contains "*"') : pass(`${actions.length} explicit action(s)`);
    }),
});
