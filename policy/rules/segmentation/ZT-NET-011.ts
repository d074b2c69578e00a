/** Spoke route tables do not learn gateway (BGP) routes, which could bypass the firewall. */
import { defineRule, each, expectWith, skip } from '../../engine';
import { spokeRouteTableKeys } from '../../lib/network';

export default defineRule({
  id: 'ZT-NET-011',
  severity: 'medium',
  pillar: 'networks',
  title: 'Spoke route tables ignore gateway (BGP) routes',
  rationale: 'Routes learned from on-premises can be more specific than 0.0.0.0/0 and bypass the firewall.',
  fix: 'Set bgp_route_propagation_enabled = false on the spoke route table (RouteTable does by default).',
  appliesTo: ['azurerm_route_table'],
  references: { custom: 'Hub-and-spoke forced egress (Cloud Adoption Framework); no scanner distinguishes spoke route tables' },
  evaluate: (ctx) => {
    const spokeTables = spokeRouteTableKeys(ctx);
    return each(ctx, ['azurerm_route_table'], (table) => {
      if (!spokeTables.has(table.key)) return skip('not associated with a spoke subnet (the hub gateway table needs BGP routes)');
      const legacy = table.attributes.disable_bgp_route_propagation;
      if (table.attributes.bgp_route_propagation_enabled === undefined && legacy !== undefined) {
        return expectWith(ctx, table, 'disable_bgp_route_propagation', {}, (v) => v === true, 'true');
      }
      return expectWith(ctx, table, 'bgp_route_propagation_enabled', { default: true }, (v) => v === false, 'false');
    });
  },
});
