/** No UDP port is reachable from the Internet. */
import { defineCheck } from '../../engine';
import { admitsFromAnywhere, judgeSecurityRules } from '../../lib/network';

export default defineCheck({
  id: 'ZT-NET-005',
  appliesTo: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  references: { checkov: ['CKV_AZURE_77'] },
  evaluate: (ctx) => judgeSecurityRules(ctx, (view) => admitsFromAnywhere(ctx, view, 'Inbound', 'any', ['Udp'])),
});
