/** Storage accounts use infrastructure (double) encryption. */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-014',
  severity: 'low',
  pillar: 'data',
  title: 'Storage accounts use infrastructure encryption',
  rationale: 'A second, independent encryption layer protects against a compromise of one algorithm or key.',
  fix: 'Set infrastructure_encryption_enabled = true (at creation; it cannot be changed later).',
  appliesTo: ['azurerm_storage_account'],
  references: {},
  azurePolicy: [{ definitionId: '4733ea7b-a883-42fe-8cac-97454c2a9e4a', effect: 'Audit', notDenyBecause: 'low severity: the pack only warns, so the runtime guardrail reports and does not block' }],
  evaluate: (ctx) => each(ctx, ['azurerm_storage_account'], (resource) => expectAttribute(ctx, resource, 'infrastructure_encryption_enabled', true, { default: false })),
});
