/** Log Analytics workspaces keep data at least 90 days (investigations look back further than the 30-day default). */
import { defineRule, each, expectWith } from '../../engine';

export default defineRule({
  id: 'ZT-VIS-003',
  severity: 'medium',
  pillar: 'visibility',
  title: 'Log Analytics keeps 90 days or more',
  rationale: 'Investigations routinely look back further than the 30-day default.',
  fix: 'Set retention_in_days >= 90.',
  appliesTo: ['azurerm_log_analytics_workspace'],
  references: { custom: 'Microsoft cloud security benchmark LT-6 (configure log storage retention); no public Terraform check' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_log_analytics_workspace'], (workspace) =>
      expectWith(ctx, workspace, 'retention_in_days', { default: 30 }, (v) => typeof v === 'number' && v >= 90, '>= 90'),
    ),
});
