/** Bastion native-client tunnelling is off unless justified (it bypasses the browser session controls). */
import { defineCheck, each, expectAttribute } from '../../engine';

export default defineCheck({
  id: 'ZT-NET-033',
  appliesTo: ['azurerm_bastion_host'],
  references: { custom: 'Azure Bastion hardening (Microsoft cloud security benchmark PA-1 / NS-1); no public Terraform check' },
  evaluate: (ctx) => each(ctx, ['azurerm_bastion_host'], (bastion) => expectAttribute(ctx, bastion, 'tunneling_enabled', false, { default: false })),
});
