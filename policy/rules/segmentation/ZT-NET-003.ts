/** RDP (3389) is not reachable from the Internet. */
import { defineCheck } from '../../engine';
import { admitsFromAnywhere, judgeSecurityRules } from '../../lib/network';


export default defineCheck({
  id: 'ZT-NET-003',
  appliesTo: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  references: { checkov: ['CKV_AZURE_9'], trivy: ['AVD-AZU-0048'] },
  azurePolicy: [{ definitionId: '22730e10-96f6-4aac-ad84-9383d35b5917', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => judgeSecurityRules(ctx, (view) => admitsFromAnywhere(ctx, view, 'Inbound', [3389])),
});
