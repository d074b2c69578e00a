/** Defender for Azure SQL is on in every subscription that holds a SQL server. */
import { defineRule } from '../../engine';
import { judgeDefenderPlan } from '../../lib/defender';

const REQUIRED_FOR: readonly string[] = ['azurerm_mssql_server'];

export default defineRule({
  id: 'ZT-VIS-033',
  severity: 'medium',
  pillar: 'visibility',
  title: 'Defender for SQL is on',
  rationale: 'It detects SQL injection and anomalous access.',
  fix: 'Add the SqlServers plan (tier Standard) in each subscription with SQL servers.',
  appliesTo: ['azurerm_security_center_subscription_pricing', ...REQUIRED_FOR],
  references: { checkov: ['CKV_AZURE_69'] },
  azurePolicy: [{ definitionId: '7fe3b40f-802b-4cdd-8bd4-fd799c948cc2', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => judgeDefenderPlan(ctx, 'SqlServers', REQUIRED_FOR),
});
