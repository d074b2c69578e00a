/** Defender for Servers is on in every subscription that holds virtual machines. */
import { defineCheck } from '../../engine';
import { judgeDefenderPlan } from '../../lib/defender';

const REQUIRED_FOR: readonly string[] = ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set'];

export default defineCheck({
  id: 'ZT-VIS-035',
  appliesTo: ['azurerm_security_center_subscription_pricing', ...REQUIRED_FOR],
  references: { checkov: ['CKV_AZURE_55'] },
  azurePolicy: [{ definitionId: '4da35fc9-c9e7-4960-aec9-797fe7d9051d', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => judgeDefenderPlan(ctx, 'VirtualMachines', REQUIRED_FOR),
});
