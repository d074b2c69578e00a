/** App Service apps use VNet integration, so their outbound traffic takes the spoke's routes through the firewall. */
import { defineCheck, each, fail, pass, unknown } from '../../engine';
import { APP_SERVICE_TYPES } from '../../lib/app-service';

export default defineCheck({
  id: 'ZT-APP-006',
  appliesTo: APP_SERVICE_TYPES,
  references: { custom: 'Landing zone egress model: App Service outbound through the spoke (regional VNet integration); no public check' },
  evaluate: (ctx) =>
    each(ctx, APP_SERVICE_TYPES, (app) => {
      if (app.attributes.virtual_network_subnet_id === undefined) return fail('virtual_network_subnet_id is not set');
      const target = ctx.target(app.address.stack, app.attributes.virtual_network_subnet_id);
      return target.kind === 'unresolved' ? unknown(target.reason) : pass('VNet integration configured');
    }),
});
