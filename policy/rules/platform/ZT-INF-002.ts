/** The azurerm provider never purges soft-deleted Key Vaults on destroy (a destroy stays recoverable). */
import { defineRule, fail, pass, readPath } from '../../engine';
import { eachProvider } from '../../lib/providers';

export default defineRule({
  id: 'ZT-INF-002',
  severity: 'medium',
  pillar: 'infrastructure',
  title: 'Destroy never purges Key Vaults',
  rationale: 'With the provider default, terraform destroy purges soft-deleted vaults and their keys.',
  fix: 'Set features.key_vault.purge_soft_delete_on_destroy = false (LandingZoneStack does).',
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
