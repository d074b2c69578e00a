/** Every NSG ends with an explicit deny-all inbound rule (Azure's AllowVnetInBound is too wide with a 0.0.0.0/0 route). */
import { isAnyAddress, isAnyPort, isAnyProtocol } from '../../../lib/rule-fields';
import { defineRule, each, fail, pass, unknown } from '../../engine';
import { listOf, securityRules } from '../../lib/network';

export default defineRule({
  id: 'ZT-NET-008',
  severity: 'high',
  pillar: 'networks',
  title: 'Every NSG has an explicit deny-all inbound rule',
  rationale: 'With a 0.0.0.0/0 user route Azure widens the VirtualNetwork tag to every address, so the default AllowVnetInBound admits anything; an explicit deny-all closes that.',
  fix: 'Add a DenyAllInbound rule (priority 4096, *, *, *), as tierSecurityRules and the Bastion NSG do.',
  appliesTo: ['azurerm_network_security_group'],
  references: { custom: 'Zero Trust hardening of this landing zone; no public scanner checks for an explicit deny-all rule' },
  evaluate: (ctx) => {
    const views = securityRules(ctx);
    return each(ctx, ['azurerm_network_security_group'], (nsg) => {
      const denyAll = views.find((view) => {
        if (view.nsg?.key !== nsg.key) return false;
        const field = (name: string) => ctx.literal(nsg.address.stack, view.rule[name]);
        const [access, direction, protocol] = [field('access'), field('direction'), field('protocol')];
        const sources = listOf(ctx, view, 'source_address_prefix', 'source_address_prefixes');
        const ports = listOf(ctx, view, 'destination_port_range', 'destination_port_ranges');
        return (
          access.known && access.value === 'Deny' && direction.known && direction.value === 'Inbound' &&
          protocol.known && isAnyProtocol(String(protocol.value)) && (sources.items ?? []).some(isAnyAddress) && (ports.items ?? []).some(isAnyPort)
        );
      });
      if (denyAll) return pass(`${denyAll.name} denies all inbound`);
      const unattached = views.find((view) => !view.nsg && view.owner.address.stack === nsg.address.stack);
      if (unattached) return unknown(`no deny-all rule found, and the NSG of rule ${unattached.name} cannot be resolved`);
      return fail('no inbound Deny rule for * source, * port, * protocol');
    });
  },
});
