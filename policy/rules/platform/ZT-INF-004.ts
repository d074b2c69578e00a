/** The azurerm provider uses Entra ID, not account keys, for storage data-plane calls. */
import { defineRule, fail, pass } from '../../engine';
import { eachProvider } from '../../lib/providers';

export default defineRule({
  id: 'ZT-INF-004',
  severity: 'medium',
  pillar: 'infrastructure',
  title: 'The provider uses Entra ID for storage',
  rationale: 'Key-based storage calls need shared keys enabled (ZT-DATA-011).',
  fix: 'Set storage_use_azuread = true on the provider (LandingZoneStack does).',
  appliesTo: [],
  references: { custom: 'azurerm provider storage_use_azuread; pairs with ZT-DATA-011 (shared keys off)' },
  evaluate: (ctx) => eachProvider(ctx, ({ config }) => (config.storage_use_azuread === true ? pass('storage_use_azuread = true') : fail('storage_use_azuread is not true'))),
});
