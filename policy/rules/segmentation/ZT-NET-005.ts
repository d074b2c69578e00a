/** No UDP port is reachable from the Internet. */
import { defineRule } from '../../engine';
import { admitsFromAnywhere, judgeSecurityRules } from '../../lib/network';

export default defineRule({
  id: 'ZT-NET-005',
  severity: 'high',
  pillar: 'networks',
  title: 'No UDP port is open to the Internet',
  rationale: 'Open UDP services are used for reflection/amplification attacks and are rarely needed from the Internet.',
  fix: 'Remove the Internet source from the UDP rule or limit it to known prefixes.',
  appliesTo: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  references: { checkov: ['CKV_AZURE_77'] },
  evaluate: (ctx) => judgeSecurityRules(ctx, (view) => admitsFromAnywhere(view, 'Inbound', 'any', ['Udp'])),
});
