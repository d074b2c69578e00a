/** Bastion shareable links are off (no unauthenticated session URLs). */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-NET-031',
  severity: 'high',
  pillar: 'networks',
  title: 'Bastion shareable links are off',
  rationale: 'A shareable link opens a VM session to anyone holding the URL, without Entra ID sign-in.',
  fix: 'Set shareable_link_enabled = false (BastionHost does).',
  appliesTo: ['azurerm_bastion_host'],
  references: { custom: 'Azure Bastion hardening (Microsoft cloud security benchmark PA-1 / NS-1); no public Terraform check' },
  evaluate: (ctx) => each(ctx, ['azurerm_bastion_host'], (bastion) => expectAttribute(ctx, bastion, 'shareable_link_enabled', false, { default: false })),
});
