/** Firewall policy threat intelligence runs in Deny mode. */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-NET-024',
  severity: 'high',
  pillar: 'networks',
  title: 'Firewall threat intelligence blocks',
  rationale: 'Traffic to and from known malicious addresses and domains is only logged in Alert mode.',
  fix: 'Set threat_intelligence_mode = "Deny" (FirewallPolicy does).',
  appliesTo: ['azurerm_firewall_policy'],
  // CKV_AZURE_216 reads threat_intel_mode on azurerm_firewall; with a policy attached the policy's setting wins.
  references: { checkov: ['CKV_AZURE_216'] },
  evaluate: (ctx) => each(ctx, ['azurerm_firewall_policy'], (policy) => expectAttribute(ctx, policy, 'threat_intelligence_mode', 'Deny', { default: 'Alert' })),
});
