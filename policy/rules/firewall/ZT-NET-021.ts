/** Azure Firewall is managed by a firewall policy (no classic rules, settings in one place). */
import { defineRule, each, fail, pass, unknown } from '../../engine';

export default defineRule({
  id: 'ZT-NET-021',
  severity: 'high',
  pillar: 'networks',
  title: 'Azure Firewall is managed by a firewall policy',
  rationale: 'Classic rules and settings on the firewall drift from the reviewed policy.',
  fix: 'Set firewall_policy_id (AzureFirewall does, with FirewallPolicy).',
  appliesTo: ['azurerm_firewall'],
  references: { custom: 'Steampipe terraform-azure-compliance "firewall_has_firewall_policy_set"; no Checkov/Trivy check' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_firewall'], (firewall) => {
      if (firewall.attributes.firewall_policy_id === undefined) return fail('firewall_policy_id is not set');
      const target = ctx.target(firewall.address.stack, firewall.attributes.firewall_policy_id);
      if (target.kind === 'unresolved') return unknown(target.reason);
      return pass(target.kind === 'resource' ? `uses ${target.resource.address.name}` : `uses ${String(target.value)}`);
    }),
});
