/** Firewall policy DNS proxy is on (spokes resolve through the firewall; FQDN network rules need it). */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-NET-025',
  severity: 'medium',
  pillar: 'networks',
  title: 'Firewall DNS proxy is on',
  rationale: 'Spokes resolve through the firewall; FQDN network rules and central private DNS depend on it.',
  fix: 'Set dns.proxy_enabled = true (FirewallPolicy does).',
  appliesTo: ['azurerm_firewall_policy'],
  references: { custom: 'Azure Firewall DNS proxy (needed for FQDN filtering in network rules); no public check' },
  evaluate: (ctx) => each(ctx, ['azurerm_firewall_policy'], (policy) => expectAttribute(ctx, policy, 'dns.proxy_enabled', true, { default: false })),
});
