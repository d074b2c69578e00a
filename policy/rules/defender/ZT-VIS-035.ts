/** Defender for Servers is on in every subscription that holds virtual machines. */
import { defineRule } from '../../engine';
import { judgeDefenderPlan } from '../../lib/defender';

const REQUIRED_FOR: readonly string[] = ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set'];

export default defineRule({
  id: 'ZT-VIS-035',
  severity: 'medium',
  pillar: 'visibility',
  title: 'Defender for Servers is on',
  rationale: 'It provides endpoint detection and vulnerability assessment for VMs.',
  fix: 'Add the VirtualMachines plan (tier Standard) in each subscription with VMs.',
  appliesTo: ['azurerm_security_center_subscription_pricing', ...REQUIRED_FOR],
  references: { checkov: ['CKV_AZURE_55'] },
  azurePolicy: [{ definitionId: '4da35fc9-c9e7-4960-aec9-797fe7d9051d', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => judgeDefenderPlan(ctx, 'VirtualMachines', REQUIRED_FOR),
});
