/** Storage accounts disable public network access. */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-010',
  severity: 'high',
  pillar: 'data',
  title: 'Storage accounts have no public network access',
  rationale: 'A public storage endpoint exposes data to the Internet, protected only by identity or keys.',
  fix: 'Set public_network_access_enabled = false and add a private endpoint.',
  appliesTo: ['azurerm_storage_account'],
  references: { checkov: ['CKV_AZURE_59'] },
  azurePolicy: [{ definitionId: 'b2982f36-99f2-4db5-8eff-283140c09693', effect: 'Audit', notDenyBecause: "the flow-log storage account keeps its public endpoint for Network Watcher (a suppression); an exemption cannot exist before the account it exempts, so Deny would block the landing zone's own deployment" }],
  evaluate: (ctx) => each(ctx, ['azurerm_storage_account'], (resource) => expectAttribute(ctx, resource, 'public_network_access_enabled', false, { default: true })),
});
