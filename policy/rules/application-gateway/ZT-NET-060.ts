/** Application Gateways run the WAF_v2 SKU with an enabled WAF policy attached. */
import { defineRule, each, fail, pass } from '../../engine';
import { APPLICATION_GATEWAY, attachedWafPolicy } from '../../lib/application-gateway';

export default defineRule({
  id: 'ZT-NET-060',
  severity: 'high',
  pillar: 'networks',
  title: 'Application Gateways are WAF_v2 with a WAF policy',
  rationale: 'A gateway without an enabled WAF passes SQL injection, XSS and bot traffic straight to the app.',
  fix: 'Use sku WAF_v2 and attach an enabled azurerm_web_application_firewall_policy (ApplicationGateway does both).',
  appliesTo: [APPLICATION_GATEWAY],
  references: { checkov: ['CKV_AZURE_120'] },
  azurePolicy: [{ definitionId: '564feb30-bf6a-4854-b4bb-0d2d2d1e6c66', effect: 'Deny' }],
  evaluate: (ctx) =>
    each(ctx, [APPLICATION_GATEWAY], (gateway) => {
      const tier = ctx.value(gateway, 'sku.tier');
      if (tier.known && tier.value !== 'WAF_v2') return fail(`sku.tier is ${JSON.stringify(tier.value)}; expected "WAF_v2"`);
      const attached = attachedWafPolicy(ctx, gateway);
      if ('judgement' in attached) return attached.judgement;
      const enabled = ctx.value(attached.policy, 'policy_settings.enabled');
      if (enabled.known && enabled.value === false) return fail(`${attached.policy.address.name} has policy_settings.enabled = false`);
      return pass(`WAF_v2 with ${attached.policy.address.name} attached`);
    }),
});
