/** Azure SQL servers allow Microsoft Entra authentication only (no SQL logins). */
import { defineCheck, each, expectAttribute } from '../../engine';

export default defineCheck({
  id: 'ZT-DATA-021',
  appliesTo: ['azurerm_mssql_server'],
  references: {},
  azurePolicy: [{ definitionId: 'abda6d70-9778-44e7-84a8-06713e6db027', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, ['azurerm_mssql_server'], (resource) => expectAttribute(ctx, resource, 'azuread_administrator.azuread_authentication_only', true, { default: false })),
});
