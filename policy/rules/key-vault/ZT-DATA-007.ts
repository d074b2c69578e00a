/** Key Vault secrets have an expiration date, so a leaked secret stops working and rotation is forced. */
import { defineRule, each, fail, pass, unknown } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-007',
  severity: 'low',
  pillar: 'data',
  title: 'Key Vault secrets have an expiration date',
  rationale: 'A secret without an expiry works forever once leaked, and nothing forces its rotation.',
  fix: 'Set expiration_date on the azurerm_key_vault_secret and rotate before it.',
  appliesTo: ['azurerm_key_vault_secret'],
  references: { checkov: ['CKV_AZURE_41'] },
  azurePolicy: [
    {
      definitionId: '98728c90-32c7-4049-8429-847dc0f4fe37',
      effect: 'Audit',
      notDenyBecause: 'low severity: the pack only warns, so the runtime guardrail reports and does not block (a data-plane Deny also stops secrets written by other tools)',
    },
  ],
  evaluate: (ctx) =>
    each(ctx, ['azurerm_key_vault_secret'], (secret) => {
      const expiration = ctx.value(secret, 'expiration_date');
      if (!expiration.known) return unknown(expiration.reason);
      return typeof expiration.value === 'string' && expiration.value !== '' ? pass(`expires ${expiration.value}`) : fail('no expiration_date');
    }),
});
