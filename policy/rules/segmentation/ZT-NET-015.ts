/** Subnets that hold private endpoints enforce network policies (NSG and route table) on them. */
import { defineCheck, each, expectWith, skip } from '../../engine';

export default defineCheck({
  id: 'ZT-NET-015',
  appliesTo: ['azurerm_subnet'],
  references: { custom: 'Private endpoint network policies (Microsoft Learn "Manage network policies for private endpoints"); no public check' },
  evaluate: (ctx) => {
    const endpoints = ctx.referrers('azurerm_private_endpoint', 'subnet_id');
    return each(ctx, ['azurerm_subnet'], (subnet) => {
      const hosts = (endpoints.byTarget.get(subnet.key) ?? []).length > 0;
      const legacy = subnet.attributes.private_endpoint_network_policies_enabled;
      if (!hosts && subnet.attributes.private_endpoint_network_policies === undefined && legacy === undefined) return skip('holds no private endpoint');
      if (subnet.attributes.private_endpoint_network_policies === undefined && legacy !== undefined) {
        return expectWith(ctx, subnet, 'private_endpoint_network_policies_enabled', {}, (v) => v === true, 'true');
      }
      return expectWith(ctx, subnet, 'private_endpoint_network_policies', { default: 'Disabled' }, (v) => v === 'Enabled', '"Enabled"');
    });
  },
});
