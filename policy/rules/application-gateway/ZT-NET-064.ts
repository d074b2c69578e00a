/** Application Gateway listeners negotiate TLS 1.2 or later. */
import { defineRule, each, fail, pass, readPath } from '../../engine';
import { APPLICATION_GATEWAY } from '../../lib/application-gateway';
import { jsonText } from '../../../lib/json-text';

/** Predefined policies whose minimum is TLS 1.2 (AppGwSslPolicy20150501 and 20170401 allow 1.0/1.1). */
const TLS12_PREDEFINED = new Set(['AppGwSslPolicy20170401S', 'AppGwSslPolicy20220101', 'AppGwSslPolicy20220101S']);

export default defineRule({
  id: 'ZT-NET-064',
  severity: 'high',
  pillar: 'networks',
  title: 'Application Gateway listeners require TLS 1.2 or later',
  rationale: 'The gateway default policy still accepts TLS 1.0 and 1.1.',
  fix: 'Set ssl_policy to Predefined AppGwSslPolicy20220101 (or CustomV2 with min_protocol_version TLSv1_2).',
  appliesTo: [APPLICATION_GATEWAY],
  references: { checkov: ['CKV_AZURE_218'], custom: 'Application Gateway TLS policy overview: 20220101 policies are TLS 1.2+; the default 20150501 allows TLS 1.0' },
  evaluate: (ctx) =>
    each(ctx, [APPLICATION_GATEWAY], (gateway) => {
      const policy = readPath(gateway.attributes, 'ssl_policy') as Record<string, unknown> | undefined;
      if (!policy) return fail('no ssl_policy: the gateway default (AppGwSslPolicy20150501) allows TLS 1.0 and 1.1');
      if (policy.policy_type === 'Predefined') {
        return TLS12_PREDEFINED.has(String(policy.policy_name)) ? pass(`predefined ${String(policy.policy_name)}`) : fail(`predefined ${String(policy.policy_name)} allows TLS below 1.2`);
      }
      const minimum = jsonText(policy.min_protocol_version ?? '');
      return ['TLSv1_2', 'TLSv1_3'].includes(minimum) ? pass(`${String(policy.policy_type)} with min_protocol_version ${minimum}`) : fail(`min_protocol_version is ${minimum || 'not set'}; expected TLSv1_2 or TLSv1_3`);
    }),
});
