/** The azurerm provider refuses to delete resource groups that still contain resources (no collateral deletion). */
import { defineCheck, fail, pass, readPath } from '../../engine';
import { eachProvider } from '../../lib/providers';

export default defineCheck({
  id: 'ZT-INF-003',
  appliesTo: ['azurerm_resource_group'],
  references: { custom: 'azurerm provider features block (resource_group.prevent_deletion_if_contains_resources); no public check' },
  evaluate: (ctx) =>
    eachProvider(ctx, ({ config }) => {
      const prevent = readPath(config, 'features.resource_group.prevent_deletion_if_contains_resources');
      return prevent === false ? fail('features.resource_group.prevent_deletion_if_contains_resources is false') : pass(prevent === undefined ? 'provider default (true)' : 'true');
    }),
});
