/** Firewall policy IDPS runs in Deny mode. */
import { defineCheck, each, expectAttribute } from '../../engine';

export default defineCheck({
  id: 'ZT-NET-023',
  appliesTo: ['azurerm_firewall_policy'],
  references: { checkov: ['CKV_AZURE_220'] },
  evaluate: (ctx) => each(ctx, ['azurerm_firewall_policy'], (policy) => expectAttribute(ctx, policy, 'intrusion_detection.mode', 'Deny', { default: 'Off' })),
});
