/** Application Gateways reach every backend over HTTPS (end-to-end TLS). */
import { blocks, defineRule, each, fail, pass } from '../../engine';
import { APPLICATION_GATEWAY } from '../../lib/application-gateway';

export default defineRule({
  id: 'ZT-NET-065',
  severity: 'high',
  pillar: 'networks',
  title: 'Application Gateways use HTTPS to their backends',
  rationale: 'TLS that ends at the gateway leaves traffic to the app readable inside the network (no end-to-end encryption).',
  fix: 'Set every backend_http_settings protocol to Https (port 443) with a health probe over HTTPS.',
  appliesTo: [APPLICATION_GATEWAY],
  references: { custom: 'Application Gateway end-to-end TLS; Zero Trust "encrypt all traffic", also inside the virtual network' },
  evaluate: (ctx) =>
    each(ctx, [APPLICATION_GATEWAY], (gateway) => {
      const settings = blocks(gateway.attributes.backend_http_settings);
      if (settings.length === 0) return fail('no backend_http_settings');
      const plain = settings.filter((s) => s.protocol !== 'Https');
      const [first] = plain;
      return first ? fail(`backend settings ${plain.map((s) => String(s.name)).join(', ')} use ${String(first.protocol)}`) : pass(`${settings.length} backend setting(s), all Https`);
    }),
});
