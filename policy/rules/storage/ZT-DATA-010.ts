/** Storage accounts disable public network access. */
import { defineCheck, each, expectAttribute } from '../../engine';

export default defineCheck({
  id: 'ZT-DATA-010',
  appliesTo: ['azurerm_storage_account'],
  references: { checkov: ['CKV_AZURE_59'], azurePolicy: ['b2982f36-99f2-4db5-8eff-283140c09693'] },
  evaluate: (ctx) => each(ctx, ['azurerm_storage_account'], (resource) => expectAttribute(ctx, resource, 'public_network_access_enabled', false, { default: true })),
});
