/** NSG semantics: priority order, overlapping rules, ports, address lists, service tags, ASGs, default rules. */
import { verifyFlow } from '../../verifier';
import { APP1, LandingZone, landingZone, nsgRule, ref } from './fixtures';

const webToData = { source: { subnet: 'snet-web-app1' }, destination: { subnet: 'snet-data-app1' }, protocol: 'Tcp' as const };

function verify(lz: LandingZone, query: Partial<Parameters<typeof verifyFlow>[1]> & { port: number }) {
  return verifyFlow(lz.s.model(), { ...webToData, ...query });
}

describe('NSG rule evaluation', () => {
  it('takes the lower priority number first', () => {
    const lz = landingZone();
    nsgRule(lz.s, APP1, lz.nsgData, 'AllowSql', { priority: 100, destination_port_range: '1433', source_address_prefix: '10.1.0.0/24' });
    nsgRule(lz.s, APP1, lz.nsgData, 'DenySql', { priority: 200, access: 'Deny', destination_port_range: '1433' });
    expect(verify(lz, { port: 1433 }).decidedBy).toMatchObject({ kind: 'nsg-rule', nsg: 'nsg-data-app1', rule: 'AllowSql', priority: 100 });

    const swapped = landingZone();
    nsgRule(swapped.s, APP1, swapped.nsgData, 'AllowSql', { priority: 300, destination_port_range: '1433', source_address_prefix: '10.1.0.0/24' });
    nsgRule(swapped.s, APP1, swapped.nsgData, 'DenySql', { priority: 200, access: 'Deny', destination_port_range: '1433' });
    const verdict = verify(swapped, { port: 1433 });
    expect(verdict.outcome).toBe('denied');
    expect(verdict.decidedBy).toEqual({
      kind: 'nsg-rule',
      nsg: 'nsg-data-app1',
      rule: 'DenySql',
      priority: 200,
      direction: 'Inbound',
      access: 'Deny',
      resource: 'azurerm_network_security_rule.nsg_data_app1_DenySql',
      stack: APP1,
    });
    expect(verdict.explanation).toBe('denied by nsg-data-app1 inbound rule DenySql (priority 200)');
  });

  it('lets a broad deny shadow a narrower allow behind it (overlapping rules)', () => {
    const lz = landingZone();
    nsgRule(lz.s, APP1, lz.nsgData, 'DenyFromSpoke', { priority: 100, access: 'Deny', protocol: '*', source_address_prefix: '10.1.0.0/16', destination_port_range: '*' });
    nsgRule(lz.s, APP1, lz.nsgData, 'AllowWebSql', { priority: 200, source_address_prefix: '10.1.0.0/24', destination_port_range: '1433' });
    expect(verify(lz, { port: 1433 }).decidedBy).toMatchObject({ rule: 'DenyFromSpoke', access: 'Deny' });
  });

  it('matches port ranges and port lists, and nothing outside them', () => {
    const lz = landingZone();
    nsgRule(lz.s, APP1, lz.nsgData, 'AllowApp', { priority: 100, destination_port_ranges: ['80', '8000-8100'] });
    nsgRule(lz.s, APP1, lz.nsgData, 'DenyAllInbound', { priority: 4096, access: 'Deny', protocol: '*', destination_port_range: '*' });
    expect(verify(lz, { port: 8080 }).decidedBy).toMatchObject({ rule: 'AllowApp' });
    expect(verify(lz, { port: 80 }).decidedBy).toMatchObject({ rule: 'AllowApp' });
    expect(verify(lz, { port: 8101 }).decidedBy).toMatchObject({ rule: 'DenyAllInbound', priority: 4096 });
  });

  it('matches address lists and single IPs', () => {
    const lz = landingZone();
    nsgRule(lz.s, APP1, lz.nsgData, 'AllowListed', { priority: 100, source_address_prefix: undefined, source_address_prefixes: ['192.168.5.0/24', '10.1.0.4'], destination_port_range: '443' });
    nsgRule(lz.s, APP1, lz.nsgData, 'DenyAllInbound', { priority: 4096, access: 'Deny', protocol: '*', destination_port_range: '*' });
    expect(verify(lz, { port: 443 }).decidedBy).toMatchObject({ rule: 'AllowListed' });
    // 10.1.0.5 is in snet-web-app1 but not in the list.
    expect(verify(lz, { port: 443, source: { ip: '10.1.0.5' } }).decidedBy).toMatchObject({ rule: 'DenyAllInbound' });
  });

  it('ignores a rule that needs a specific source port (flows use an ephemeral one)', () => {
    const lz = landingZone();
    nsgRule(lz.s, APP1, lz.nsgData, 'AllowFromPort', { priority: 100, source_port_range: '5000', destination_port_range: '443' });
    nsgRule(lz.s, APP1, lz.nsgData, 'DenyAllInbound', { priority: 4096, access: 'Deny', protocol: '*', destination_port_range: '*' });
    expect(verify(lz, { port: 443 }).decidedBy).toMatchObject({ rule: 'DenyAllInbound' });
  });

  it('applies the Internet tag to public addresses only', () => {
    const lz = landingZone();
    nsgRule(lz.s, APP1, lz.nsgWeb, 'AllowInternetHttps', { priority: 100, source_address_prefix: 'Internet', destination_port_range: '443' });
    nsgRule(lz.s, APP1, lz.nsgWeb, 'DenyAllInbound', { priority: 4096, access: 'Deny', protocol: '*', destination_port_range: '*' });
    const fromInternet = verifyFlow(lz.s.model(), { source: { ip: '203.0.113.10' }, destination: { subnet: 'snet-web-app1' }, port: 443, protocol: 'Tcp' });
    expect(fromInternet.outcome).toBe('allowed');
    expect(fromInternet.decidedBy).toMatchObject({ rule: 'AllowInternetHttps' });
    expect(fromInternet.explanation).toContain('a public entry point');
    const fromPrivate = verifyFlow(lz.s.model(), { source: { ip: '192.168.1.1' }, destination: { subnet: 'snet-web-app1' }, port: 443, protocol: 'Tcp' });
    expect(fromPrivate.decidedBy).toMatchObject({ rule: 'DenyAllInbound' });
  });

  describe('VirtualNetwork tag widened by a 0.0.0.0/0 UDR', () => {
    const internetToData = { source: { ip: '203.0.113.10' }, destination: { subnet: 'snet-data-app1' }, port: 1433, protocol: 'Tcp' as const };

    it('lets AllowVnetInBound admit an Internet address when there is no explicit deny-all', () => {
      const lz = landingZone();
      const verdict = verifyFlow(lz.s.model(), internetToData);
      expect(verdict.outcome).toBe('allowed');
      expect(verdict.decidedBy).toEqual({ kind: 'default-rule', nsg: 'nsg-data-app1', rule: 'AllowVnetInBound', priority: 65000, direction: 'Inbound', access: 'Allow' });
    });

    it('is overridden by an explicit DenyAllInbound', () => {
      const lz = landingZone();
      nsgRule(lz.s, APP1, lz.nsgData, 'DenyAllInbound', { priority: 4096, access: 'Deny', protocol: '*', destination_port_range: '*' });
      const verdict = verifyFlow(lz.s.model(), internetToData);
      expect(verdict.outcome).toBe('denied');
      expect(verdict.explanation).toBe(
        'denied by nsg-data-app1 inbound rule DenyAllInbound (priority 4096); note: the source is outside every VNet, so routing was not evaluated: a public entry point (public IP, load balancer, DNAT) would also be needed',
      );
    });

    it('does not widen without the UDR: the default DenyAllInBound decides', () => {
      const lz = landingZone();
      const assoc = lz.s.attributes('azurerm_subnet_route_table_association.rt_app1_assoc1');
      assoc.subnet_id = ref('azurerm_subnet.snet_web_app1', 'id'); // route table now only on snet-web-app1
      const verdict = verifyFlow(lz.s.model(), internetToData);
      expect(verdict.decidedBy).toEqual({ kind: 'default-rule', nsg: 'nsg-data-app1', rule: 'DenyAllInBound', priority: 65500, direction: 'Inbound', access: 'Deny' });
    });
  });

  it('admits the Azure load balancer address through AllowAzureLoadBalancerInBound', () => {
    const lz = landingZone();
    const assoc = lz.s.attributes('azurerm_subnet_route_table_association.rt_app1_assoc1');
    assoc.subnet_id = ref('azurerm_subnet.snet_web_app1', 'id');
    const verdict = verifyFlow(lz.s.model(), { source: { ip: '168.63.129.16' }, destination: { subnet: 'snet-data-app1' }, port: 80, protocol: 'Tcp' });
    expect(verdict.decidedBy).toMatchObject({ kind: 'default-rule', rule: 'AllowAzureLoadBalancerInBound', priority: 65001 });
    nsgRule(lz.s, APP1, lz.nsgData, 'AllowProbe', { priority: 100, source_address_prefix: 'AzureLoadBalancer', destination_port_range: '80' });
    expect(verifyFlow(lz.s.model(), { source: { ip: '168.63.129.16' }, destination: { subnet: 'snet-data-app1' }, port: 80, protocol: 'Tcp' }).decidedBy).toMatchObject({ kind: 'nsg-rule', rule: 'AllowProbe' });
  });

  it('matches other service tags only when the endpoint lists them', () => {
    const lz = landingZone();
    nsgRule(lz.s, APP1, lz.nsgWeb, 'AllowStorage', { priority: 100, direction: 'Outbound', destination_address_prefix: 'Storage', destination_port_range: '443' });
    nsgRule(lz.s, APP1, lz.nsgWeb, 'DenyAllOutbound', { priority: 4096, direction: 'Outbound', access: 'Deny', protocol: '*', destination_port_range: '*' });
    const storage = { source: { subnet: 'snet-web-app1' }, port: 443, protocol: 'Tcp' as const };
    expect(verifyFlow(lz.s.model(), { ...storage, destination: { ip: '20.60.1.1' } }).decidedBy).toMatchObject({ rule: 'DenyAllOutbound' });
    const tagged = verifyFlow(lz.s.model(), { ...storage, destination: { ip: '20.60.1.1', serviceTags: ['Storage'] } });
    expect(tagged.hops[0]).toMatchObject({ step: 'source-nsg', result: 'allow', detail: 'nsg-web-app1 outbound rule AllowStorage (priority 100)' });
  });

  it('matches an application security group rule only for endpoints in that ASG', () => {
    const lz = landingZone();
    const asg = lz.s.add(APP1, 'azurerm_application_security_group', 'SqlServers', { name: 'asg-sql-app1' });
    nsgRule(lz.s, APP1, lz.nsgData, 'AllowSqlAsg', {
      priority: 100,
      destination_address_prefix: undefined,
      destination_application_security_group_ids: [ref(asg, 'id')],
      destination_port_range: '1433',
    });
    nsgRule(lz.s, APP1, lz.nsgData, 'DenyAllInbound', { priority: 4096, access: 'Deny', protocol: '*', destination_port_range: '*' });
    const inAsg = verify(lz, { port: 1433, destination: { ip: '10.1.1.10', applicationSecurityGroups: ['asg-sql-app1'] } });
    expect(inAsg.decidedBy).toMatchObject({ kind: 'nsg-rule', rule: 'AllowSqlAsg' });
    const notInAsg = verify(lz, { port: 1433, destination: { ip: '10.1.1.10' } });
    expect(notInAsg.decidedBy).toMatchObject({ rule: 'DenyAllInbound' });
  });

  it('falls back to the default rules when no custom rule matches', () => {
    const lz = landingZone();
    const verdict = verify(lz, { port: 22 });
    expect(verdict.outcome).toBe('allowed');
    expect(verdict.hops.map((h) => `${h.step}:${h.result}`)).toEqual(['source-nsg:allow', 'route:forward', 'destination-nsg:allow']);
    expect(verdict.hops[0]!.detail).toBe('nsg-web-app1 outbound default rule AllowVnetOutBound (priority 65000)');
    expect(verdict.decidedBy).toMatchObject({ kind: 'default-rule', rule: 'AllowVnetInBound' });
  });

  it('evaluates NSGs for flows within one subnet', () => {
    const lz = landingZone();
    nsgRule(lz.s, APP1, lz.nsgWeb, 'DenyIntraSubnet', { priority: 100, access: 'Deny', source_address_prefix: '10.1.0.0/24', destination_port_range: '*' });
    const verdict = verifyFlow(lz.s.model(), { source: { subnet: 'snet-web-app1' }, destination: { ip: '10.1.0.20' }, port: 443, protocol: 'Tcp' });
    expect(verdict.decidedBy).toMatchObject({ rule: 'DenyIntraSubnet', direction: 'Inbound' });
  });

  it('allows everything on a subnet without an NSG, and says so', () => {
    const lz = landingZone();
    const verdict = verifyFlow(lz.s.model(), { source: { ip: '10.0.0.10' }, destination: { subnet: 'snet-app2' }, port: 5000, protocol: 'Udp' });
    expect(verdict.outcome).toBe('allowed');
    expect(verdict.decidedBy).toEqual({ kind: 'no-nsg', subnet: 'snet-app2', direction: 'Inbound' });
    expect(verdict.explanation).toContain('snet-app2 has no NSG (all inbound traffic allowed)');
  });

  it('skips a rule with an unreadable field when another field rules the flow out, and is unknown only when none does', () => {
    const lz = landingZone();
    nsgRule(lz.s, APP1, lz.nsgData, 'DenySshFromVariable', { priority: 100, access: 'Deny', source_address_prefix: '${var.admin_range}', destination_port_range: '22' });
    nsgRule(lz.s, APP1, lz.nsgData, 'AllowSql', { priority: 200, source_address_prefix: '10.1.0.0/24', destination_port_range: '1433' });
    expect(verify(lz, { port: 1433 }).decidedBy).toMatchObject({ kind: 'nsg-rule', rule: 'AllowSql' });
    expect(verify(lz, { port: 1433, protocol: 'Udp' }).decidedBy).toMatchObject({ kind: 'default-rule', rule: 'AllowVnetInBound' });
    const ssh = verify(lz, { port: 22 });
    expect(ssh.outcome).toBe('unknown');
    expect(ssh.decidedBy).toMatchObject({ kind: 'unresolved', attribute: 'source_address_prefix', expression: '${var.admin_range}' });
  });

  it('answers many flows over one model exactly as a fresh model answers each (per-NSG and per-address lookups are kept per model)', () => {
    const lz = landingZone();
    nsgRule(lz.s, APP1, lz.nsgData, 'AllowSql', { priority: 100, destination_port_range: '1433', source_address_prefix: '10.1.0.0/24' });
    nsgRule(lz.s, APP1, lz.nsgWeb, 'DenyHttpsOut', { priority: 100, access: 'Deny', direction: 'Outbound', destination_port_range: '443' });
    nsgRule(lz.s, APP1, lz.nsgWeb, 'AllowHttpsIn', { priority: 110, destination_port_range: '443', source_address_prefix: 'Internet' });
    const endpoints = [{ subnet: 'snet-web-app1' }, { subnet: 'snet-data-app1' }, { subnet: 'snet-app2' }, { ip: '10.1.0.20' }, { ip: '10.1.1.30' }, { ip: '203.0.113.7' }];
    const queries = endpoints.flatMap((source) =>
      endpoints.filter((destination) => destination !== source).flatMap((destination) => [443, 1433, 22].map((port) => ({ source, destination, port, protocol: 'Tcp' as const }))),
    );
    const answer = (model: ReturnType<typeof lz.s.model>, query: (typeof queries)[number]) => verifyFlow(model, query);
    const shared = lz.s.model();
    const once = queries.map((query) => answer(shared, query));
    expect(queries.map((query) => answer(shared, query))).toEqual(once);
    expect(queries.map((query) => answer(lz.s.model(), query))).toEqual(once);
    expect(new Set(once.map((verdict) => verdict.outcome))).toEqual(new Set(['allowed', 'denied']));
  });
});
