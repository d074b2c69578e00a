/** No inbound rule allows every port from the Internet. */
import { defineCheck } from '../../engine';
import { ALL_PROTOCOLS, admitsFromAnywhere, judgeSecurityRules } from '../../lib/network';

export default defineCheck({
  id: 'ZT-NET-006',
  appliesTo: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  references: { trivy: ['AVD-AZU-0047'] },
  evaluate: (ctx) => judgeSecurityRules(ctx, (view) => admitsFromAnywhere(ctx, view, 'Inbound', 'all', ALL_PROTOCOLS)),
});
