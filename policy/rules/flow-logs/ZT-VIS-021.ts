/** Flow logs are kept at least 90 days. */
import { defineRule, each, fail, pass, unknown } from '../../engine';

export default defineRule({
  id: 'ZT-VIS-021',
  severity: 'medium',
  pillar: 'visibility',
  title: 'Flow logs are kept 90 days or more',
  rationale: 'Lateral movement is often discovered weeks later.',
  fix: 'Set retention_policy { enabled = true, days >= 90 }.',
  appliesTo: ['azurerm_network_watcher_flow_log'],
  references: { checkov: ['CKV_AZURE_12'], trivy: ['AVD-AZU-0049'] },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_network_watcher_flow_log'], (log) => {
      const enabled = ctx.value(log, 'retention_policy.enabled');
      const days = ctx.value(log, 'retention_policy.days');
      if (!enabled.known) return unknown(enabled.reason);
      if (!days.known) return unknown(days.reason);
      if (enabled.value !== true) return fail('retention_policy is not enabled');
      const n = Number(days.value);
      return n === 0 || n >= 90 ? pass(`retention ${n === 0 ? 'unlimited' : `${n} days`}`) : fail(`retention_policy.days is ${n}; expected >= 90 (or 0, unlimited)`);
    }),
});
