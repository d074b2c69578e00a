/** Flow logs feed Traffic Analytics in the Log Analytics workspace. */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-VIS-022',
  severity: 'low',
  pillar: 'visibility',
  title: 'Flow logs feed Traffic Analytics',
  rationale: 'Traffic Analytics turns flow logs into queryable flows in the workspace.',
  fix: 'Set traffic_analytics { enabled = true, workspace_* = the central workspace }.',
  appliesTo: ['azurerm_network_watcher_flow_log'],
  references: {},
  azurePolicy: [{ definitionId: '2f080164-9f4d-497e-9db6-416dc9f7b48a', effect: 'Audit' }],
  evaluate: (ctx) => each(ctx, ['azurerm_network_watcher_flow_log'], (log) => expectAttribute(ctx, log, 'traffic_analytics.enabled', true, { default: false })),
});
