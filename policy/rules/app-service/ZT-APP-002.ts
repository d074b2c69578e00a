/** App Service apps require TLS 1.2 or later. */
import { defineRule, each, expectWith } from '../../engine';
import { APP_SERVICE_TYPES } from '../../lib/app-service';

export default defineRule({
  id: 'ZT-APP-002',
  severity: 'medium',
  pillar: 'applications',
  title: 'App Service apps require TLS 1.2 or later',
  rationale: 'TLS 1.0/1.1 are deprecated and vulnerable.',
  fix: 'Set site_config.minimum_tls_version = "1.2".',
  appliesTo: APP_SERVICE_TYPES,
  references: { checkov: ['CKV_AZURE_154'] },
  evaluate: (ctx) =>
    each(ctx, APP_SERVICE_TYPES, (app) =>
      expectWith(ctx, app, 'site_config.minimum_tls_version', { default: '1.2' }, (v) => v === '1.2' || v === '1.3', '"1.2" or "1.3"'),
    ),
});
