/** The hub VNet (the one with public endpoints) is linked to a DDoS Network Protection plan. */
import { defineRule, each, fail, pass, readPath, skip, unknown } from '../../engine';
import { hubVnetKeys } from '../../lib/network';

export default defineRule({
  id: 'ZT-NET-040',
  severity: 'medium',
  pillar: 'networks',
  title: 'The hub VNet has DDoS Network Protection',
  rationale: 'The hub holds the public endpoints (firewall, Bastion); infrastructure-level protection has no tuning, alerting or cost protection.',
  fix: 'Enable hub.ddosProtection (or reference an existing plan); an environment that turns it off suppresses this rule with the reason.',
  appliesTo: ['azurerm_virtual_network'],
  references: {},
  azurePolicy: [{ definitionId: 'a7aca53f-2ed4-4466-a25e-0b45ade68efd', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => {
    const hubs = hubVnetKeys(ctx);
    return each(ctx, ['azurerm_virtual_network'], (vnet) => {
      if (!hubs.has(vnet.key)) return skip('spoke VNet: no public endpoints to protect');
      const enabled = ctx.value(vnet, 'ddos_protection_plan.enable');
      const id = ctx.target(vnet.address.stack, readPath(vnet.attributes, 'ddos_protection_plan.id'));
      if (!enabled.known) return unknown(enabled.reason);
      if (enabled.value !== true) return fail('no ddos_protection_plan with enable = true');
      if (id.kind === 'unresolved') return unknown(`plan id ${id.reason}`);
      return pass(id.kind === 'resource' ? `linked to ${id.resource.address.name}` : `linked to ${String(id.value)}`);
    });
  },
});
