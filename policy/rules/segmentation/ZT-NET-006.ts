/** No inbound rule allows every port from the Internet. */
import { defineRule } from '../../engine';
import { ALL_PROTOCOLS, admitsFromAnywhere, judgeSecurityRules } from '../../lib/network';

export default defineRule({
  id: 'ZT-NET-006',
  severity: 'critical',
  pillar: 'networks',
  title: 'No rule opens every port to the Internet',
  rationale: 'An allow-all inbound rule from the Internet removes the perimeter entirely.',
  fix: 'Replace the rule with specific ports and sources (publish through the firewall or an Application Gateway).',
  appliesTo: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  references: { trivy: ['AVD-AZU-0047'] },
  evaluate: (ctx) => judgeSecurityRules(ctx, (view) => admitsFromAnywhere(view, 'Inbound', 'all', ALL_PROTOCOLS)),
});
