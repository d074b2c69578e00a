/** Firewall policy DNS proxy is on (spokes resolve through the firewall; FQDN network rules need it). */
import { defineCheck, each, expectAttribute } from '../../engine';

export default defineCheck({
  id: 'ZT-NET-025',
  appliesTo: ['azurerm_firewall_policy'],
  references: { custom: 'Azure Firewall DNS proxy (needed for FQDN filtering in network rules); no public check' },
  evaluate: (ctx) => each(ctx, ['azurerm_firewall_policy'], (policy) => expectAttribute(ctx, policy, 'dns.proxy_enabled', true, { default: false })),
});
