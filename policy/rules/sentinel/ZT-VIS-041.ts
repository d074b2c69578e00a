/** High-severity Entra ID Protection and Defender for Endpoint incidents run a response playbook. */
import { ALERT_PRODUCTS } from '../../../lib/playbooks';
import { defineRule, fail, pass, toResult } from '../../engine';
import { environmentSubject } from '../../lib/monitoring';
import { jsonText } from '../../../lib/json-text';

export default defineRule({
  id: 'ZT-VIS-041',
  severity: 'high',
  pillar: 'visibility',
  title: 'Risky sign-ins and devices at risk are contained by playbooks',
  rationale: 'A human triaging the queue takes hours; a playbook revokes sessions or isolates the device within minutes of the incident.',
  fix: 'Keep management.playbooks.enabled (ResponsePlaybooks: automation rules run the risky sign-in and device isolation playbooks).',
  appliesTo: ['azurerm_sentinel_log_analytics_workspace_onboarding'],
  references: { custom: 'Implementation guide, visibility pillar: risky sign-in and device-at-risk playbooks triggered from Sentinel; no public Terraform check' },
  evaluate: (ctx) => {
    if (ctx.resources('azurerm_sentinel_log_analytics_workspace_onboarding').length === 0) return [];
    const playbookRules = ctx.resources('azurerm_sentinel_automation_rule').filter((r) => Array.isArray(r.attributes.action_playbook) && r.attributes.action_playbook.length > 0);
    const covers = (names: readonly string[]) => playbookRules.some((r) => names.some((name) => jsonText(r.attributes.condition_json ?? '').includes(`"${name}"`)));
    const missing = Object.values(ALERT_PRODUCTS).filter((names) => !covers(names)).map((names) => names[0]);
    const judgement = missing.length === 0 ? pass(`${playbookRules.length} automation rule(s) run playbooks`) : fail(`no automation rule runs a playbook on incidents from ${missing.join(', ')}`);
    return [toResult(environmentSubject(ctx), judgement)];
  },
});
