/** Defender for Key Vault is on in every subscription that holds a vault. */
import { defineRule } from '../../engine';
import { judgeDefenderPlan } from '../../lib/defender';

const REQUIRED_FOR: readonly string[] = ['azurerm_key_vault'];

export default defineRule({
  id: 'ZT-VIS-031',
  severity: 'medium',
  pillar: 'visibility',
  title: 'Defender for Key Vault is on',
  rationale: 'It detects unusual secret access and access from suspicious addresses.',
  fix: 'Add the KeyVaults plan (tier Standard) in each subscription with vaults.',
  appliesTo: ['azurerm_security_center_subscription_pricing', ...REQUIRED_FOR],
  references: { checkov: ['CKV_AZURE_87'], trivy: ['AVD-AZU-0045'] },
  azurePolicy: [{ definitionId: '0e6763cc-5078-4e64-889d-ff4d9a839047', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => judgeDefenderPlan(ctx, 'KeyVaults', REQUIRED_FOR),
});
