/** The azurerm provider refuses to delete resource groups that still contain resources (no collateral deletion). */
import { defineRule, fail, pass, readPath } from '../../engine';
import { eachProvider } from '../../lib/providers';

export default defineRule({
  id: 'ZT-INF-003',
  severity: 'medium',
  pillar: 'infrastructure',
  title: 'Resource groups with resources are not deleted',
  rationale: 'Deleting a resource group also deletes resources created outside Terraform.',
  fix: 'Keep features.resource_group.prevent_deletion_if_contains_resources = true.',
  appliesTo: ['azurerm_resource_group'],
  references: { custom: 'azurerm provider features block (resource_group.prevent_deletion_if_contains_resources); no public check' },
  evaluate: (ctx) =>
    eachProvider(ctx, ({ config }) => {
      const prevent = readPath(config, 'features.resource_group.prevent_deletion_if_contains_resources');
      return prevent === false ? fail('features.resource_group.prevent_deletion_if_contains_resources is false') : pass(prevent === undefined ? 'provider default (true)' : 'true');
    }),
});
