/** Firewall policy IDPS runs in Deny mode. */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-NET-023',
  severity: 'high',
  pillar: 'networks',
  title: 'Firewall IDPS blocks',
  rationale: 'IDPS in Alert mode only logs known attacks; Deny stops them.',
  fix: 'Set intrusion_detection.mode = "Deny" (FirewallPolicy does).',
  appliesTo: ['azurerm_firewall_policy'],
  references: { checkov: ['CKV_AZURE_220'] },
  evaluate: (ctx) => each(ctx, ['azurerm_firewall_policy'], (policy) => expectAttribute(ctx, policy, 'intrusion_detection.mode', 'Deny', { default: 'Off' })),
});
