/** Defender for Storage is on in every subscription that holds a storage account. */
import { defineRule } from '../../engine';
import { judgeDefenderPlan } from '../../lib/defender';

const REQUIRED_FOR: readonly string[] = ['azurerm_storage_account'];

export default defineRule({
  id: 'ZT-VIS-032',
  severity: 'medium',
  pillar: 'visibility',
  title: 'Defender for Storage is on',
  rationale: 'It detects malware uploads and data exfiltration patterns.',
  fix: 'Add the StorageAccounts plan (tier Standard) in each subscription with storage.',
  appliesTo: ['azurerm_security_center_subscription_pricing', ...REQUIRED_FOR],
  references: { checkov: ['CKV_AZURE_84'] },
  azurePolicy: [{ definitionId: '640d2586-54d2-465f-877f-9ffc1d2109f4', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => judgeDefenderPlan(ctx, 'StorageAccounts', REQUIRED_FOR),
});
