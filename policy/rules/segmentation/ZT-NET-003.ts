/** RDP (3389) is not reachable from the Internet. */
import { defineRule } from '../../engine';
import { admitsFromAnywhere, judgeSecurityRules } from '../../lib/network';


export default defineRule({
  id: 'ZT-NET-003',
  severity: 'critical',
  pillar: 'networks',
  title: 'RDP is not open to the Internet',
  rationale: 'Internet-exposed RDP is the most attacked entry point on Azure; administration goes through Bastion.',
  fix: 'Restrict the rule source to AzureBastionSubnet or remove it; use Azure Bastion for RDP.',
  appliesTo: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  references: { checkov: ['CKV_AZURE_9'], trivy: ['AVD-AZU-0048'] },
  azurePolicy: [
    // Denies the NSG rule itself (separate or inline) when it is written, whoever writes it.
    { customDefinition: 'zt-deny-mgmt-ports-from-internet', effect: 'Deny', parameters: () => ({ ports: ['3389'] }) },
    // Kept: Defender's assessment of the VMs that are reachable, including through rules that predate the assignment.
    { definitionId: '22730e10-96f6-4aac-ad84-9383d35b5917', effect: 'AuditIfNotExists' },
  ],
  evaluate: (ctx) => judgeSecurityRules(ctx, (view) => admitsFromAnywhere(view, 'Inbound', [3389])),
});
