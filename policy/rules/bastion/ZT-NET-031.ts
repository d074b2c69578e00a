/** Bastion shareable links are off (no unauthenticated session URLs). */
import { defineCheck, each, expectAttribute } from '../../engine';

export default defineCheck({
  id: 'ZT-NET-031',
  appliesTo: ['azurerm_bastion_host'],
  references: { custom: 'Azure Bastion hardening (Microsoft cloud security benchmark PA-1 / NS-1); no public Terraform check' },
  evaluate: (ctx) => each(ctx, ['azurerm_bastion_host'], (bastion) => expectAttribute(ctx, bastion, 'shareable_link_enabled', false, { default: false })),
});
