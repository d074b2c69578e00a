/** Defender for Storage is on in every subscription that holds a storage account. */
import { defineCheck } from '../../engine';
import { judgeDefenderPlan } from '../../lib/defender';

const REQUIRED_FOR: readonly string[] = ['azurerm_storage_account'];

export default defineCheck({
  id: 'ZT-VIS-032',
  appliesTo: ['azurerm_security_center_subscription_pricing', ...REQUIRED_FOR],
  references: { checkov: ['CKV_AZURE_84'] },
  azurePolicy: [{ definitionId: '640d2586-54d2-465f-877f-9ffc1d2109f4', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => judgeDefenderPlan(ctx, 'StorageAccounts', REQUIRED_FOR),
});
