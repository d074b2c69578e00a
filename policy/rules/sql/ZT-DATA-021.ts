/** Azure SQL servers allow Microsoft Entra authentication only (no SQL logins). */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-021',
  severity: 'high',
  pillar: 'data',
  title: 'Azure SQL servers allow Entra ID authentication only',
  rationale: 'SQL logins are passwords outside Entra ID: no MFA, no Conditional Access, no PIM.',
  fix: 'Set azuread_administrator.azuread_authentication_only = true.',
  appliesTo: ['azurerm_mssql_server'],
  references: {},
  azurePolicy: [{ definitionId: 'abda6d70-9778-44e7-84a8-06713e6db027', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, ['azurerm_mssql_server'], (resource) => expectAttribute(ctx, resource, 'azuread_administrator.azuread_authentication_only', true, { default: false })),
});
