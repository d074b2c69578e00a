/** Every Azure SQL server has a private endpoint. */
import { defineCheck, each } from '../../engine';
import { privateEndpointJudgement } from '../../lib/private-endpoints';

export default defineCheck({
  id: 'ZT-DATA-024',
  appliesTo: ['azurerm_mssql_server'],
  references: {},
  azurePolicy: [{ definitionId: '7698e800-9299-47a6-b3b6-5a0fee576eed', effect: 'Audit' }],
  evaluate: (ctx) => each(ctx, ['azurerm_mssql_server'], (resource) => privateEndpointJudgement(ctx, resource)),
});
