/** Subnets have no default outbound access (no implicit public egress IP). */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-NET-014',
  severity: 'medium',
  pillar: 'networks',
  title: 'Subnets have no default outbound access',
  rationale: 'Default outbound access gives VMs an implicit, unmanaged public egress IP (retired by Azure for new VNets).',
  fix: 'Set default_outbound_access_enabled = false (HubVirtualNetwork and SpokeVirtualNetwork do).',
  appliesTo: ['azurerm_subnet'],
  references: {},
  azurePolicy: [{ definitionId: '7bca8353-aa3b-429b-904a-9229c4385837', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, ['azurerm_subnet'], (subnet) => expectAttribute(ctx, subnet, 'default_outbound_access_enabled', false, { default: true })),
});
