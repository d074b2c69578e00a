/** Routing, peering and firewall: effective routes, LPM, None, peering in both directions, firewall rules. */
import { verifyFlow } from '../../verifier';
import { APP1, APP2, LandingZone, landingZone, nsgRule, peering, ref, route, ruleCollectionGroup } from './fixtures';

const flow = (source: string, destination: string, port: number) =>
  ({ source: { subnet: source }, destination: { subnet: destination }, port, protocol: 'Tcp' as const });

/** app1 web -> app2 8080 allowed by a network rule; SSH to any spoke denied by a higher-priority collection. */
function withFirewallRules(): LandingZone {
  const lz = landingZone();
  ruleCollectionGroup(lz, 'rcg-spokes', 200, {
    network_rule_collection: [
      {
        name: 'allow-east-west',
        priority: 200,
        action: 'Allow',
        rule: [{ name: 'web-to-app2', protocols: ['TCP'], source_addresses: ['10.1.0.0/24'], destination_addresses: ['10.2.0.0/24'], destination_ports: ['8000-8100'] }],
      },
      {
        name: 'deny-ssh',
        priority: 100,
        action: 'Deny',
        rule: [{ name: 'no-ssh', protocols: ['Any'], source_addresses: ['*'], destination_addresses: ['10.0.0.0/8'], destination_ports: ['22'] }],
      },
    ],
    application_rule_collection: [
      { name: 'web-egress', priority: 300, action: 'Allow', rule: [{ name: 'microsoft', source_addresses: ['*'], destination_fqdns: ['*.microsoft.com'], protocols: [{ type: 'Https', port: 443 }] }] },
    ],
  });
  return lz;
}

describe('routing', () => {
  it('sends spoke-to-spoke traffic through the firewall (cross-stack next hop) and names the allowing rule', () => {
    const verdict = verifyFlow(withFirewallRules().s.model(), flow('snet-web-app1', 'snet-app2', 8080));
    expect(verdict.outcome).toBe('allowed');
    expect(verdict.viaFirewall).toBe(true);
    expect(verdict.hops.map((h) => h.step)).toEqual(['source-nsg', 'route', 'firewall', 'firewall-route', 'destination-nsg']);
    expect(verdict.hops[2]).toMatchObject({ result: 'allow', detail: 'firewall afw-hub network rule rcg-spokes/allow-east-west/web-to-app2 (Allow)' });
    expect(verdict.decidedBy).toEqual({ kind: 'no-nsg', subnet: 'snet-app2', direction: 'Inbound' });
  });

  it('denies by a firewall Deny collection processed first by priority', () => {
    const verdict = verifyFlow(withFirewallRules().s.model(), flow('snet-web-app1', 'snet-app2', 22));
    expect(verdict.outcome).toBe('denied');
    expect(verdict.decidedBy).toMatchObject({ kind: 'firewall-rule', ruleCollectionGroup: 'rcg-spokes', ruleCollection: 'deny-ssh', rule: 'no-ssh', action: 'Deny', resource: 'azurerm_firewall_policy_rule_collection_group.rcg_spokes' });
  });

  it('denies by the firewall default deny when no rule matches, noting skipped FQDN rules', () => {
    const verdict = verifyFlow(withFirewallRules().s.model(), flow('snet-web-app1', 'snet-app2', 443));
    expect(verdict.decidedBy).toEqual({ kind: 'firewall-default-deny', firewall: 'afw-hub', policy: 'afwp-hub' });
    expect(verdict.explanation).toBe(
      'denied by firewall afw-hub default deny: no rule of policy afwp-hub matches Tcp/443 (1 FQDN-based rule(s) not evaluated: FQDN rules do not match an IP flow)',
    );
  });

  it('matches an application rule with destination addresses, after network rules', () => {
    const lz = withFirewallRules();
    ruleCollectionGroup(lz, 'rcg-apps', 100, {
      application_rule_collection: [{ name: 'app-by-ip', priority: 100, action: 'Allow', rule: [{ name: 'https-app2', source_addresses: ['10.1.0.0/24'], destination_addresses: ['10.2.0.0/24'], protocols: [{ type: 'Https', port: 443 }] }] }],
    });
    expect(verifyFlow(lz.s.model(), flow('snet-web-app1', 'snet-app2', 443)).decidedBy).toMatchObject({ kind: 'no-nsg' });
    expect(verifyFlow(lz.s.model(), flow('snet-web-app1', 'snet-app2', 443)).hops[2]!.detail).toBe('firewall afw-hub application rule rcg-apps/app-by-ip/https-app2 (Allow)');
    // Network rules come before application rules, even from a lower-priority group.
    expect(verifyFlow(lz.s.model(), flow('snet-web-app1', 'snet-app2', 22)).decidedBy).toMatchObject({ rule: 'no-ssh' });
  });

  it('prefers a UDR over a system route of equal prefix', () => {
    const lz = landingZone();
    route(lz.s, APP1, lz.rtApp1, 'blackhole-vnet', '10.1.0.0/22', 'None');
    const verdict = verifyFlow(lz.s.model(), flow('snet-web-app1', 'snet-data-app1', 443));
    expect(verdict.outcome).toBe('denied');
    expect(verdict.decidedBy).toEqual({
      kind: 'route',
      subnet: 'snet-web-app1',
      prefix: '10.1.0.0/22',
      nextHopType: 'None',
      source: 'user',
      route: 'blackhole-vnet',
      resource: 'azurerm_route.rt_app1_blackhole-vnet',
      stack: APP1,
    });
  });

  it('uses the longest prefix match', () => {
    const lz = landingZone();
    route(lz.s, APP1, lz.rtApp1, 'broad-none', '10.1.0.0/16', 'None');
    expect(verifyFlow(lz.s.model(), flow('snet-web-app1', 'snet-data-app1', 443)).outcome).toBe('allowed'); // VnetLocal /22 wins
    route(lz.s, APP1, lz.rtApp1, 'data-none', '10.1.1.0/24', 'None');
    expect(verifyFlow(lz.s.model(), flow('snet-web-app1', 'snet-data-app1', 443)).decidedBy).toMatchObject({ kind: 'route', route: 'data-none', prefix: '10.1.1.0/24' });
  });

  it('drops traffic at a system None route when the spokes are not peered', () => {
    const lz = landingZone();
    // app2 has no route table: 10.1.0.0/22 falls to the system None route for 10.0.0.0/8.
    const verdict = verifyFlow(lz.s.model(), flow('snet-app2', 'snet-web-app1', 443));
    expect(verdict.outcome).toBe('denied');
    expect(verdict.decidedBy).toEqual({ kind: 'peering', from: 'vnet-app2', to: 'vnet-app1', reason: 'vnet-app2 and vnet-app1 are not peered' });
    expect(verdict.explanation).toContain('(system route 10.0.0.0/8 -> None)');
  });

  it('connects VNets only when peered in both directions', () => {
    const lz = landingZone();
    const hubToApp2 = lz.s.attributes('azurerm_virtual_network_peering.HubToApp2');
    const both = verifyFlow(lz.s.model(), { source: { subnet: 'snet-app2' }, destination: { ip: '10.0.0.10' }, port: 443, protocol: 'Tcp' });
    expect(both.outcome).toBe('allowed');
    expect(both.hops[1]!.detail).toBe('snet-app2 routes 10.0.0.10 by system route 10.0.0.0/22 to next hop VNetPeering');

    delete lz.s.stacks[APP2]!.resource.azurerm_virtual_network_peering!.HubToApp2;
    const oneWay = verifyFlow(lz.s.model(), { source: { subnet: 'snet-app2' }, destination: { ip: '10.0.0.10' }, port: 443, protocol: 'Tcp' });
    expect(oneWay.outcome).toBe('denied');
    expect(oneWay.decidedBy).toMatchObject({ kind: 'peering', from: 'vnet-app2', to: 'vnet-hub', reason: 'vnet-app2 and vnet-hub are peered in one direction only (vnet-app2 -> vnet-hub); a peering is needed in both' });

    peering(lz.s, APP2, 'HubToApp2', hubToApp2.virtual_network_name as string, ref(lz.app2Vnet, 'id'), { allow_virtual_network_access: false });
    expect(verifyFlow(lz.s.model(), { source: { subnet: 'snet-app2' }, destination: { ip: '10.0.0.10' }, port: 443, protocol: 'Tcp' }).decidedBy).toMatchObject({
      kind: 'peering',
      reason: 'the peering between vnet-app2 and vnet-hub does not allow virtual network access',
    });
  });

  it('denies firewall-forwarded traffic into a spoke whose peering does not allow forwarded traffic', () => {
    const lz = withFirewallRules();
    lz.s.attributes('azurerm_virtual_network_peering.App2ToHub').allow_forwarded_traffic = false;
    const verdict = verifyFlow(lz.s.model(), flow('snet-web-app1', 'snet-app2', 8080));
    expect(verdict.decidedBy).toMatchObject({ kind: 'peering', from: 'vnet-app2', to: 'vnet-hub' });
  });

  it('treats an Internet next hop as no path to a private destination', () => {
    const lz = landingZone();
    route(lz.s, APP1, lz.rtApp1, 'to-internet', '10.2.0.0/24', 'Internet');
    expect(verifyFlow(lz.s.model(), flow('snet-web-app1', 'snet-app2', 443)).decidedBy).toMatchObject({ kind: 'route', nextHopType: 'Internet', route: 'to-internet' });
  });

  it('answers unknown for an appliance that is not a firewall', () => {
    const lz = landingZone();
    route(lz.s, APP1, lz.rtApp1, 'to-nva', '10.2.0.0/24', 'VirtualAppliance', '10.50.0.4');
    const verdict = verifyFlow(lz.s.model(), flow('snet-web-app1', 'snet-app2', 443));
    expect(verdict.outcome).toBe('unknown');
    expect(verdict.explanation).toContain('appliance 10.50.0.4 is not a firewall of this environment');
  });

  it('recognises a literal next-hop IP inside the firewall subnet as the firewall', () => {
    const lz = withFirewallRules();
    route(lz.s, APP1, lz.rtApp1, 'app2-literal', '10.2.0.0/24', 'VirtualAppliance', '10.0.0.4');
    const verdict = verifyFlow(lz.s.model(), flow('snet-web-app1', 'snet-app2', 8080));
    expect(verdict.viaFirewall).toBe(true);
    expect(verdict.outcome).toBe('allowed');
  });

  it('checks the destination NSG with the original source address after the firewall', () => {
    const lz = withFirewallRules();
    const nsg = lz.s.add(APP2, 'azurerm_network_security_group', 'NsgApp2', { name: 'nsg-app2' });
    lz.s.add(APP2, 'azurerm_subnet_network_security_group_association', 'NsgApp2Assoc', { subnet_id: ref(lz.app2, 'id'), network_security_group_id: ref(nsg, 'id') });
    nsgRule(lz.s, APP2, nsg, 'DenyFromWeb', { priority: 100, access: 'Deny', source_address_prefix: '10.1.0.0/24', destination_port_range: '*' });
    expect(verifyFlow(lz.s.model(), flow('snet-web-app1', 'snet-app2', 8080)).decidedBy).toMatchObject({ kind: 'nsg-rule', nsg: 'nsg-app2', rule: 'DenyFromWeb' });
  });
});
