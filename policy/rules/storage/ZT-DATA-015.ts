/** Storage accounts forbid anonymous (public) blob access. */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-015',
  severity: 'high',
  pillar: 'data',
  title: 'Storage accounts forbid anonymous blob access',
  rationale: 'Anonymous containers publish data to anyone with the URL.',
  fix: 'Set allow_nested_items_to_be_public = false (allow_blob_public_access in azurerm 2.x).',
  appliesTo: ['azurerm_storage_account'],
  references: { checkov: ['CKV_AZURE_190'] },
  azurePolicy: [{ definitionId: '4fa4b6c0-31ca-4c0d-b10d-24b96f62a751', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, ['azurerm_storage_account'], (resource) => expectAttribute(ctx, resource, 'allow_nested_items_to_be_public', false, { default: true, legacy: 'allow_blob_public_access' })),
});
