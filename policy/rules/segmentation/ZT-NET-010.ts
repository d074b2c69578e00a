/** Routes to a virtual appliance point at the hub Azure Firewall's private IP, not an arbitrary address. */
import { parsePrefix, parseIpv4, inRange } from '../../../lib/ip';
import { CheckResult, compliant, defineRule, nonCompliant, undecidable } from '../../engine';
import { isLiteral, routes, subnetName } from '../../lib/network';

export default defineRule({
  id: 'ZT-NET-010',
  severity: 'high',
  pillar: 'networks',
  title: 'Appliance routes point at the hub firewall',
  rationale: 'A next hop that is not the firewall\'s private IP sends traffic to an unknown appliance, or nowhere.',
  fix: 'Use the firewall private IP (ConnectivityStack.hub.firewallPrivateIp) as next_hop_in_ip_address.',
  appliesTo: ['azurerm_route', 'azurerm_route_table'],
  references: { custom: 'Hub-and-spoke forced egress (Cloud Adoption Framework); checks the next hop resolves to the firewall, across stacks' },
  evaluate: (ctx) => {
    const firewallPrefixes = ctx.resources('azurerm_subnet')
      .filter((subnet) => subnetName(ctx, subnet) === 'AzureFirewallSubnet')
      .flatMap((subnet) => (Array.isArray(subnet.attributes.address_prefixes) ? subnet.attributes.address_prefixes : []))
      .map((text) => parsePrefix(String(text)))
      .filter((prefix) => prefix !== undefined);
    const results: CheckResult[] = [];
    for (const view of routes(ctx)) {
      if (!isLiteral(view.nextHopType, 'VirtualAppliance')) continue;
      const subject = view.owner;
      const target = ctx.target(subject.stack, view.attributes.next_hop_in_ip_address);
      if (target.kind === 'unresolved') results.push(undecidable(subject, `${view.label}: next hop ${target.reason}`));
      else if (target.kind === 'resource') {
        const ok = target.resource.address.type === 'azurerm_firewall' && target.path.includes('private_ip_address');
        results.push(ok ? compliant(subject, `${view.label}: next hop is ${target.resource.address.name}'s private IP`) : nonCompliant(subject, `${view.label}: next hop is ${target.resource.address.type}.${target.resource.address.name}.${target.path.join('.')}, not a firewall's private IP`));
      } else {
        const ip = parseIpv4(String(target.value));
        const inFirewallSubnet = ip !== undefined && firewallPrefixes.some((prefix) => inRange(ip, prefix));
        results.push(inFirewallSubnet ? compliant(subject, `${view.label}: next hop ${String(target.value)} is in AzureFirewallSubnet`) : nonCompliant(subject, `${view.label}: next hop ${String(target.value)} is not the hub firewall`));
      }
    }
    return results;
  },
});
