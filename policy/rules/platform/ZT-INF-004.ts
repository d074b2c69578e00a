/** The azurerm provider uses Entra ID, not account keys, for storage data-plane calls. */
import { defineCheck, fail, pass } from '../../engine';
import { eachProvider } from '../../lib/providers';

export default defineCheck({
  id: 'ZT-INF-004',
  appliesTo: [],
  references: { custom: 'azurerm provider storage_use_azuread; pairs with ZT-DATA-011 (shared keys off)' },
  evaluate: (ctx) => eachProvider(ctx, ({ config }) => (config.storage_use_azuread === true ? pass('storage_use_azuread = true') : fail('storage_use_azuread is not true'))),
});
