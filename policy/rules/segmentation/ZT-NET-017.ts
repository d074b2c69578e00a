/** Spoke subnets admit no traffic from the whole Internet: ingress reaches a spoke through the hub firewall (DNAT) or a named source. */
import { defineRule } from '../../engine';
import { ALL_PROTOCOLS, admitsFromAnywhere, guardsSpoke, judgeSecurityRules, parentKey } from '../../lib/network';

export default defineRule({
  id: 'ZT-NET-017',
  severity: 'high',
  pillar: 'networks',
  title: 'Spokes admit nothing from the whole Internet',
  rationale: 'A spoke NSG rule from any source (*, Any, 0.0.0.0/0, Internet) exposes the workload directly, bypassing the firewall, IDPS and TLS inspection.',
  fix: 'Name the sources in spokes[].ingress.sources (e.g. an Application Gateway subnet), or publish through the firewall with spokes[].ingress.publish; if Internet-wide ingress is intended, accept it in policySuppressions with the reason.',
  appliesTo: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  references: { custom: 'Zero Trust: no implicit trust of the Internet; CIS Azure 6.x restricts Internet ingress per port, this covers every port of a spoke' },
  evaluate: (ctx) => {
    return judgeSecurityRules(ctx, (view) => {
      if (!guardsSpoke(ctx, parentKey(view))) return { matches: false, reason: `${view.label} is not on a spoke subnet's NSG` };
      return admitsFromAnywhere(view, 'Inbound', 'any', ALL_PROTOCOLS);
    });
  },
});
