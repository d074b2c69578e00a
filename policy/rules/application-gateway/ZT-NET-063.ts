/** Application Gateway WAF policies inspect request bodies. */
import { defineRule, each, expectAttribute } from '../../engine';
import { WAF_POLICY } from '../../lib/application-gateway';

export default defineRule({
  id: 'ZT-NET-063',
  severity: 'medium',
  pillar: 'networks',
  title: 'WAF policies inspect request bodies',
  rationale: 'Without body inspection, injection payloads in POST bodies are never matched.',
  fix: 'Set policy_settings.request_body_check = true.',
  appliesTo: [WAF_POLICY],
  references: { custom: 'Microsoft WAF policy settings: request body inspection (SQL injection and XSS payloads travel in POST bodies)' },
  evaluate: (ctx) => each(ctx, [WAF_POLICY], (policy) => expectAttribute(ctx, policy, 'policy_settings.request_body_check', true, { default: true })),
});
