/** Bastion IP-based connection is off (targets only VMs in peered VNets, by resource). */
import { defineCheck, each, expectAttribute } from '../../engine';

export default defineCheck({
  id: 'ZT-NET-032',
  appliesTo: ['azurerm_bastion_host'],
  references: { custom: 'Azure Bastion hardening (Microsoft cloud security benchmark PA-1 / NS-1); no public Terraform check' },
  evaluate: (ctx) => each(ctx, ['azurerm_bastion_host'], (bastion) => expectAttribute(ctx, bastion, 'ip_connect_enabled', false, { default: false })),
});
