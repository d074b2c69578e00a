/** Application Gateway WAF policies block (Prevention mode), not just log. */
import { defineRule, each, expectAttribute } from '../../engine';
import { WAF_POLICY } from '../../lib/application-gateway';

export default defineRule({
  id: 'ZT-NET-061',
  severity: 'high',
  pillar: 'networks',
  title: 'WAF policies block (Prevention mode)',
  rationale: 'Detection mode only logs attacks; the payload still reaches the app.',
  fix: 'Set policy_settings.mode = "Prevention" (WebApplicationFirewallPolicy does).',
  appliesTo: [WAF_POLICY],
  references: { checkov: ['CKV_AZURE_122'] },
  azurePolicy: [{ definitionId: '12430be1-6cc8-4527-a9a8-e3d38f250096', effect: 'Deny', parameters: () => ({ modeRequirement: 'Prevention' }) }],
  evaluate: (ctx) => each(ctx, [WAF_POLICY], (policy) => expectAttribute(ctx, policy, 'policy_settings.mode', 'Prevention', { default: 'Prevention' })),
});
