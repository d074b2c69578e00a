/** SSH (22) is not reachable from the Internet. */
import { defineRule } from '../../engine';
import { admitsFromAnywhere, judgeSecurityRules } from '../../lib/network';


export default defineRule({
  id: 'ZT-NET-002',
  severity: 'critical',
  pillar: 'networks',
  title: 'SSH is not open to the Internet',
  rationale: 'Internet-exposed SSH is brute-forced within minutes; administration goes through Bastion.',
  fix: 'Restrict the rule source to AzureBastionSubnet (the tier rules do) or remove it; use Azure Bastion for SSH.',
  appliesTo: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  references: { checkov: ['CKV_AZURE_10'], trivy: ['AVD-AZU-0050'] },
  azurePolicy: [
    // Denies the NSG rule itself (separate or inline) when it is written, whoever writes it.
    { customDefinition: 'zt-deny-mgmt-ports-from-internet', effect: 'Deny', parameters: () => ({ ports: ['22'] }) },
    // Kept: Defender's assessment of the VMs that are reachable, including through rules that predate the assignment.
    { definitionId: '22730e10-96f6-4aac-ad84-9383d35b5917', effect: 'AuditIfNotExists' },
  ],
  evaluate: (ctx) => judgeSecurityRules(ctx, (view) => admitsFromAnywhere(view, 'Inbound', [22])),
});
