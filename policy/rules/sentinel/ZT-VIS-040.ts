/** A Log Analytics workspace of the environment is onboarded to Microsoft Sentinel (detection and response). */
import { defineRule, fail, pass, toResult, unknown } from '../../engine';
import { environmentSubject, subscriptions } from '../../lib/monitoring';

export default defineRule({
  id: 'ZT-VIS-040',
  severity: 'medium',
  pillar: 'visibility',
  title: 'The workspace is onboarded to Microsoft Sentinel',
  rationale: 'Logs without detection rules and incidents are only evidence after the fact.',
  fix: 'Add azurerm_sentinel_log_analytics_workspace_onboarding for the central workspace (the Sentinel construct does).',
  appliesTo: ['azurerm_sentinel_log_analytics_workspace_onboarding'],
  references: { custom: 'Cloud Adoption Framework security baseline (SIEM on the central workspace); no public Terraform check' },
  evaluate: (ctx) => {
    // Tenant-wide stacks (<tenant>-identity) deploy into no subscription: there is no environment workspace to expect.
    if (subscriptions(ctx).length === 0) return [];
    const onboardings = ctx.referrers('azurerm_sentinel_log_analytics_workspace_onboarding', 'workspace_id');
    const onboarded = ctx.resources('azurerm_log_analytics_workspace').filter((w) => (onboardings.byTarget.get(w.key) ?? []).length > 0);
    const judgement =
      onboarded.length > 0
        ? pass(`${onboarded.map((w) => w.address.name).join(', ')} onboarded`)
        : onboardings.unresolved[0]
          ? unknown(onboardings.unresolved[0].reason)
          : fail('no azurerm_sentinel_log_analytics_workspace_onboarding for a workspace of this environment');
    return [toResult(environmentSubject(ctx), judgement)];
  },
});
