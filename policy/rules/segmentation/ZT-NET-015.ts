/** Subnets that hold private endpoints enforce network policies (NSG and route table) on them. */
import { defineRule, each, expectWith, skip } from '../../engine';

export default defineRule({
  id: 'ZT-NET-015',
  severity: 'medium',
  pillar: 'networks',
  title: 'Private endpoint subnets enforce network policies',
  rationale: 'Without network policies, NSG rules and user routes do not apply to private endpoints, so the data tier is reachable from anywhere in the VNet.',
  fix: 'Set private_endpoint_network_policies = "Enabled" on the subnet.',
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
