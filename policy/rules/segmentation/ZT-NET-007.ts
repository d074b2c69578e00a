/** No outbound rule allows every port to any destination or the Internet (egress goes through the firewall). */
import { defineRule } from '../../engine';
import { ALL_PROTOCOLS, admitsFromAnywhere, judgeSecurityRules } from '../../lib/network';

export default defineRule({
  id: 'ZT-NET-007',
  severity: 'high',
  pillar: 'networks',
  title: 'No outbound allow-any rule',
  rationale: 'Egress is allow-listed by the hub firewall; an NSG allow-any to the Internet lets traffic bypass the review of that allow-list.',
  fix: 'Remove the rule; add the destination to spokes[].egress (firewall rules) instead.',
  appliesTo: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  references: { trivy: ['AVD-AZU-0051'] },
  evaluate: (ctx) => judgeSecurityRules(ctx, (view) => admitsFromAnywhere(view, 'Outbound', 'all', ALL_PROTOCOLS)),
});
