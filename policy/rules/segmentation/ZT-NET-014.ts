/** Subnets have no default outbound access (no implicit public egress IP). */
import { defineCheck, each, expectAttribute } from '../../engine';

export default defineCheck({
  id: 'ZT-NET-014',
  appliesTo: ['azurerm_subnet'],
  references: {},
  azurePolicy: [{ definitionId: '7bca8353-aa3b-429b-904a-9229c4385837', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, ['azurerm_subnet'], (subnet) => expectAttribute(ctx, subnet, 'default_outbound_access_enabled', false, { default: true })),
});
