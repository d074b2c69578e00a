/** No outbound rule allows every port to any destination or the Internet (egress goes through the firewall). */
import { defineCheck } from '../../engine';
import { ALL_PROTOCOLS, admitsFromAnywhere, judgeSecurityRules } from '../../lib/network';

export default defineCheck({
  id: 'ZT-NET-007',
  appliesTo: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  references: { trivy: ['AVD-AZU-0051'] },
  evaluate: (ctx) => judgeSecurityRules(ctx, (view) => admitsFromAnywhere(ctx, view, 'Outbound', 'all', ALL_PROTOCOLS)),
});
