/** Every VNet has an enabled VNet flow log (Network Watcher), the record of who talked to whom. */
import { defineRule, each, fail, pass, unknown } from '../../engine';

export default defineRule({
  id: 'ZT-VIS-020',
  severity: 'medium',
  pillar: 'visibility',
  title: 'Every VNet has a flow log',
  rationale: 'VNet flow logs are the record of who talked to whom, including traffic the firewall never sees (within a VNet).',
  fix: 'Add azurerm_network_watcher_flow_log with target_resource_id = the VNet (VirtualNetworkFlowLog does).',
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
