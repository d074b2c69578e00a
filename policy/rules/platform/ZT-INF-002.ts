/** The azurerm provider never purges soft-deleted Key Vaults on destroy (a destroy stays recoverable). */
import { defineCheck, fail, pass, readPath } from '../../engine';
import { eachProvider } from '../../lib/providers';

export default defineCheck({
  id: 'ZT-INF-002',
  appliesTo: ['azurerm_key_vault'],
  references: { custom: 'azurerm provider features block; the default purges vaults on destroy, defeating soft delete' },
  evaluate: (ctx) =>
    ctx.has('azurerm_key_vault')
      ? eachProvider(ctx, ({ config }) => {
          const purge = readPath(config, 'features.key_vault.purge_soft_delete_on_destroy');
          return purge === false ? pass('purge_soft_delete_on_destroy = false') : fail(`features.key_vault.purge_soft_delete_on_destroy is ${purge === undefined ? 'not set (default true)' : JSON.stringify(purge)}`);
        })
      : [],
});
