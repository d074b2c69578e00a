/** Bastion native-client tunnelling is off unless justified (it bypasses the browser session controls). */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-NET-033',
  severity: 'low',
  pillar: 'networks',
  title: 'Bastion native-client tunnelling is off',
  rationale: 'Native client tunnelling forwards arbitrary ports and bypasses the browser session controls.',
  fix: 'Set tunneling_enabled = false, or suppress with the reason an administrator needs it.',
  appliesTo: ['azurerm_bastion_host'],
  references: { custom: 'Azure Bastion hardening (Microsoft cloud security benchmark PA-1 / NS-1); no public Terraform check' },
  evaluate: (ctx) => each(ctx, ['azurerm_bastion_host'], (bastion) => expectAttribute(ctx, bastion, 'tunneling_enabled', false, { default: false })),
});
