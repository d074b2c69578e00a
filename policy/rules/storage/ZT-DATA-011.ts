/** Storage accounts disable shared key authorization (Entra ID only). */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-011',
  severity: 'high',
  pillar: 'data',
  title: 'Storage accounts disable shared keys',
  rationale: 'Account keys grant full access, cannot be scoped, and bypass Entra ID, Conditional Access and audit.',
  fix: 'Set shared_access_key_enabled = false; grant Storage Blob Data roles instead.',
  appliesTo: ['azurerm_storage_account'],
  references: { checkov: ['CKV2_AZURE_40'] },
  azurePolicy: [{ definitionId: '8c6a50c6-9ffd-4ae7-986f-5fa6111f9a54', effect: 'Audit', notDenyBecause: "Network Watcher writes flow logs with the account key (a suppression on the flow-log storage account); an exemption cannot exist before the account it exempts, so Deny would block the landing zone's own deployment" }],
  evaluate: (ctx) => each(ctx, ['azurerm_storage_account'], (resource) => expectAttribute(ctx, resource, 'shared_access_key_enabled', false, { default: true })),
});
