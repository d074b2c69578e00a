/** Database and cache ports (SQL Server, MySQL, PostgreSQL, Oracle, MongoDB, Redis) are not reachable from the Internet. */
import { defineCheck } from '../../engine';
import { admitsFromAnywhere, judgeSecurityRules } from '../../lib/network';

/** SQL Server, MySQL, PostgreSQL, Oracle, MongoDB, Redis. */
const DATA_PORTS = [1433, 3306, 5432, 1521, 27017, 6379];

export default defineCheck({
  id: 'ZT-NET-004',
  appliesTo: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  references: { trivy: ['AVD-AZU-0047'] },
  evaluate: (ctx) => judgeSecurityRules(ctx, (view) => admitsFromAnywhere(ctx, view, 'Inbound', DATA_PORTS)),
});
