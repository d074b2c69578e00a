/** Defender for Key Vault is on in every subscription that holds a vault. */
import { defineCheck } from '../../engine';
import { judgeDefenderPlan } from '../../lib/defender';

const REQUIRED_FOR: readonly string[] = ['azurerm_key_vault'];

export default defineCheck({
  id: 'ZT-VIS-031',
  appliesTo: ['azurerm_security_center_subscription_pricing', ...REQUIRED_FOR],
  references: { checkov: ['CKV_AZURE_87'], trivy: ['AVD-AZU-0045'] },
  azurePolicy: [{ definitionId: '0e6763cc-5078-4e64-889d-ff4d9a839047', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => judgeDefenderPlan(ctx, 'KeyVaults', REQUIRED_FOR),
});
