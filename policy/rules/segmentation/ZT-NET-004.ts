/** Database and cache ports (SQL Server, MySQL, PostgreSQL, Oracle, MongoDB, Redis) are not reachable from the Internet. */
import { defineRule } from '../../engine';
import { admitsFromAnywhere, judgeSecurityRules } from '../../lib/network';

/** SQL Server, MySQL, PostgreSQL, Oracle, MongoDB, Redis. */
const DATA_PORTS = [1433, 3306, 5432, 1521, 27017, 6379];

export default defineRule({
  id: 'ZT-NET-004',
  severity: 'critical',
  pillar: 'networks',
  title: 'Database and cache ports are not open to the Internet',
  rationale: 'Data stores are reached from the app tier or through private endpoints, never from the Internet.',
  fix: 'Restrict the source to the app tier prefix (spoke ports.data) or use a private endpoint; remove Internet/*/0.0.0.0/0 sources.',
  appliesTo: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  references: { trivy: ['AVD-AZU-0047'] },
  evaluate: (ctx) => judgeSecurityRules(ctx, (view) => admitsFromAnywhere(view, 'Inbound', DATA_PORTS)),
});
