/** Every VNet has an enabled VNet flow log (Network Watcher), the record of who talked to whom. */
import { defineCheck, each, fail, pass, unknown } from '../../engine';

export default defineCheck({
  id: 'ZT-VIS-020',
  appliesTo: ['azurerm_virtual_network'],
  references: {},
  azurePolicy: [{ definitionId: '4c3c6c5f-0d47-4402-99b8-aa543dd8bcee', effect: 'Audit' }],
  evaluate: (ctx) => {
    const logs = ctx.referrers('azurerm_network_watcher_flow_log', 'target_resource_id');
    return each(ctx, ['azurerm_virtual_network'], (vnet) => {
      const found = (logs.byTarget.get(vnet.key) ?? []).filter((log) => log.attributes.enabled !== false);
      if (found.length > 0) return pass(`flow log ${found.map((log) => log.address.name).join(', ')}`);
      const open = logs.unresolved.find((u) => u.resource.address.stack === vnet.address.stack);
      if (open) return unknown(`no flow log resolves to it; ${open.resource.address.name}: ${open.reason}`);
      return fail('no enabled azurerm_network_watcher_flow_log with target_resource_id = this VNet');
    });
  },
});
