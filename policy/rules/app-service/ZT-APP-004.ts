/** App Service apps disable public network access (reached through private endpoints or the ingress). */
import { defineRule, each, expectAttribute } from '../../engine';
import { APP_SERVICE_TYPES } from '../../lib/app-service';

export default defineRule({
  id: 'ZT-APP-004',
  severity: 'high',
  pillar: 'applications',
  title: 'App Service apps have no public network access',
  rationale: 'Apps are published through the ingress path (firewall or Application Gateway) or private endpoints, not directly.',
  fix: 'Set public_network_access_enabled = false and add a private endpoint (sub-resource sites).',
  appliesTo: APP_SERVICE_TYPES,
  references: { checkov: ['CKV_AZURE_222'] },
  azurePolicy: [{ definitionId: '1b5ef780-c53c-4a64-87f3-bb9c8c8094ba', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, APP_SERVICE_TYPES, (resource) => expectAttribute(ctx, resource, 'public_network_access_enabled', false, { default: true })),
});
