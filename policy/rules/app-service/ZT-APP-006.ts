/** App Service apps use VNet integration, so their outbound traffic takes the spoke's routes through the firewall. */
import { defineRule, each, fail, pass, unknown } from '../../engine';
import { APP_SERVICE_TYPES } from '../../lib/app-service';

export default defineRule({
  id: 'ZT-APP-006',
  severity: 'medium',
  pillar: 'applications',
  title: 'App Service apps use VNet integration',
  rationale: 'Without VNet integration, outbound calls leave from shared App Service addresses, bypassing the firewall.',
  fix: 'Set virtual_network_subnet_id to the spoke appServiceIntegration subnet (appServiceIntegrationEnabled: true).',
  appliesTo: APP_SERVICE_TYPES,
  references: { custom: 'Landing zone egress model: App Service outbound through the spoke (regional VNet integration); no public check' },
  evaluate: (ctx) =>
    each(ctx, APP_SERVICE_TYPES, (app) => {
      if (app.attributes.virtual_network_subnet_id === undefined) return fail('virtual_network_subnet_id is not set');
      const target = ctx.target(app.address.stack, app.attributes.virtual_network_subnet_id);
      return target.kind === 'unresolved' ? unknown(target.reason) : pass('VNet integration configured');
    }),
});
