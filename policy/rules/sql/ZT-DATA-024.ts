/** Every Azure SQL server has a private endpoint. */
import { defineRule, each } from '../../engine';
import { privateEndpointJudgement } from '../../lib/private-endpoints';

export default defineRule({
  id: 'ZT-DATA-024',
  severity: 'high',
  pillar: 'data',
  title: 'Every Azure SQL server has a private endpoint',
  rationale: 'With public access off, clients need a private endpoint.',
  fix: 'Add a private endpoint (sub-resource sqlServer) in the spoke private-endpoint subnet.',
  appliesTo: ['azurerm_mssql_server'],
  references: {},
  azurePolicy: [{ definitionId: '7698e800-9299-47a6-b3b6-5a0fee576eed', effect: 'Audit' }],
  evaluate: (ctx) => each(ctx, ['azurerm_mssql_server'], (resource) => privateEndpointJudgement(ctx, resource)),
});
