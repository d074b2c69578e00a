/** Every environment has a Log Analytics workspace: the destination of every log the other visibility rules require. */
import { defineRule, fail, pass, toResult } from '../../engine';
import { environmentSubject, subscriptions } from '../../lib/monitoring';

export default defineRule({
  id: 'ZT-VIS-001',
  severity: 'medium',
  pillar: 'visibility',
  title: 'The environment has a Log Analytics workspace',
  rationale: 'Every log the visibility rules require needs a central destination.',
  fix: 'Deploy the environment\'s management stack (stacks/management-stack.ts), which creates the central workspace.',
  appliesTo: ['azurerm_log_analytics_workspace'],
  references: { custom: 'Cloud Adoption Framework management baseline (central workspace per environment); no per-resource check' },
  evaluate: (ctx) => {
    // Tenant-wide stacks (<tenant>-identity) deploy into no subscription: there is no environment workspace to expect.
    if (subscriptions(ctx).length === 0) return [];
    const workspaces = ctx.resources('azurerm_log_analytics_workspace');
    const judgement = workspaces.length > 0 ? pass(`workspace ${workspaces.map((w) => w.address.name).join(', ')}`) : fail(`environment ${ctx.environment} has no azurerm_log_analytics_workspace`);
    return [toResult(environmentSubject(ctx), judgement)];
  },
});
