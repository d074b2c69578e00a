/** Every NSG ends with an explicit deny-all inbound rule (Azure's AllowVnetInBound is too wide with a 0.0.0.0/0 route). */
import { isAnyAddress, isAnyPort, isAnyProtocol } from '../../../lib/rule-fields';
import { defineRule, each, fail, pass, unknown } from '../../engine';
import { fieldValue, literalsOf, securityRulesOf, unattachedSecurityRules } from '../../lib/network';

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
    return each(ctx, ['azurerm_network_security_group'], (nsg) => {
      const denyAll = securityRulesOf(ctx, nsg.key).find((view) => {
        const [access, direction, protocol] = [fieldValue(view.access), fieldValue(view.direction), fieldValue(view.protocol)];
        const sources = literalsOf(view.sourcePrefixes);
        const ports = literalsOf(view.destinationPortRanges);
        return (
          access.known && access.value === 'Deny' && direction.known && direction.value === 'Inbound' &&
          protocol.known && isAnyProtocol(String(protocol.value)) && (sources.items ?? []).some(isAnyAddress) && (ports.items ?? []).some(isAnyPort)
        );
      });
      if (denyAll) return pass(`${denyAll.label} denies all inbound`);
      const [unattached] = unattachedSecurityRules(ctx, nsg.address.stack);
      if (unattached) return unknown(`no deny-all rule found, and the NSG of rule ${unattached.label} cannot be resolved`);
      return fail('no inbound Deny rule for * source, * port, * protocol');
    });
  },
});
