/** Bastion IP-based connection is off (targets only VMs in peered VNets, by resource). */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-NET-032',
  severity: 'medium',
  pillar: 'networks',
  title: 'Bastion IP-based connect is off',
  rationale: 'IP connect reaches any routable address, including on-premises hosts, outside Azure RBAC on the VM.',
  fix: 'Set ip_connect_enabled = false (BastionHost does).',
  appliesTo: ['azurerm_bastion_host'],
  references: { custom: 'Azure Bastion hardening (Microsoft cloud security benchmark PA-1 / NS-1); no public Terraform check' },
  evaluate: (ctx) => each(ctx, ['azurerm_bastion_host'], (bastion) => expectAttribute(ctx, bastion, 'ip_connect_enabled', false, { default: false })),
});
