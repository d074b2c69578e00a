/** An azurerm state backend authenticates with Entra ID, never with storage access keys or SAS tokens. */
import { CheckResult, defineRule, fail, pass, toResult } from '../../engine';

export default defineRule({
  id: 'ZT-INF-005',
  severity: 'high',
  pillar: 'infrastructure',
  title: 'Remote state uses Entra ID authentication',
  rationale: 'State holds secrets; access keys bypass RBAC and audit.',
  fix: 'Set use_azuread_auth = true and remove access_key / sas_token (backend: { type: azurerm }).',
  appliesTo: [],
  references: { custom: 'Terraform azurerm backend use_azuread_auth (state holds secrets; keys bypass RBAC and audit)' },
  evaluate: (ctx) => {
    const results: CheckResult[] = [];
    for (const stack of ctx.stackNames) {
      const backend = ((ctx.stack(stack).terraform as Record<string, unknown> | undefined)?.backend as Record<string, Record<string, unknown>> | undefined)?.azurerm;
      if (!backend) continue;
      const subject = { stack, type: 'backend', name: 'azurerm' };
      const keyed = ['access_key', 'sas_token'].filter((k) => backend[k] !== undefined);
      if (keyed.length > 0) results.push(toResult(subject, fail(`uses ${keyed.join(', ')}`)));
      else results.push(toResult(subject, backend.use_azuread_auth === true ? pass('use_azuread_auth = true') : fail('use_azuread_auth is not true')));
    }
    return results;
  },
});
