/** Loading synthesized output, cross-stack reference resolution, and unresolved references -> unknown. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { groupByEnvironment, loadSynthesizedStacks, verifyFlow } from '../../verifier';
import { References } from '../../verifier/references';
import { APP1, HUB, landingZone, nsgRule, route } from './fixtures';

describe('loading', () => {
  it('reads every stack sorted and groups them by environment', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-'));
    for (const stack of ['prod-connectivity', 'dev-lz-app1', 'dev-connectivity']) {
      fs.mkdirSync(path.join(dir, 'stacks', stack), { recursive: true });
      fs.writeFileSync(path.join(dir, 'stacks', stack, 'cdk.tf.json'), JSON.stringify({ resource: {} }));
    }
    const stacks = loadSynthesizedStacks(dir);
    expect(Object.keys(stacks)).toEqual(['dev-connectivity', 'dev-lz-app1', 'prod-connectivity']);
    const groups = groupByEnvironment(stacks);
    expect(Object.keys(groups)).toEqual(['dev', 'prod']);
    expect(Object.keys(groups.dev ?? {})).toEqual(['dev-connectivity', 'dev-lz-app1']);
  });

  it('says to run synth when the output is missing', () => {
    expect(() => loadSynthesizedStacks('/nonexistent/cdktf.out')).toThrow('run npm run synth first');
  });
});

describe('references', () => {
  it('resolves a cross-stack reference through the remote state data source and the producer output', () => {
    const lz = landingZone();
    const refs = new References(lz.s.json());
    expect(lz.firewallIpFromApp1).toBe(
      '${data.terraform_remote_state.cross-stack-reference-input-dev-connectivity.outputs.cross-stack-output-azurerm_firewallFirewallip_configuration0private_ip_address}',
    );
    expect(refs.resolve(APP1, lz.firewallIpFromApp1)).toEqual({
      kind: 'attribute',
      resource: { stack: HUB, type: 'azurerm_firewall', name: 'Firewall' },
      path: ['ip_configuration', '0', 'private_ip_address'],
    });
    const hubName = lz.s.attributes('azurerm_virtual_network_peering.HubToApp1').virtual_network_name;
    expect(refs.resolve(APP1, hubName)).toEqual({ kind: 'literal', value: 'vnet-hub', stack: HUB, from: { stack: HUB, type: 'azurerm_virtual_network', name: 'HubNetwork' } });
    expect(refs.resolve(HUB, '${azurerm_firewall.Firewall.ip_configuration.0.subnet_id}')).toMatchObject({ kind: 'attribute', resource: { type: 'azurerm_subnet', name: 'AzureFirewallSubnet' } });
  });

  it('reports what it cannot resolve', () => {
    const refs = new References(landingZone().s.json());
    expect(refs.resolve(APP1, '${var.firewall_ip}')).toMatchObject({ kind: 'unresolved', expression: '${var.firewall_ip}' });
    expect(refs.resolve(APP1, '${cidrsubnet(azurerm_virtual_network.Spoke.address_space[0], 8, 1)}')).toMatchObject({ kind: 'unresolved' });
    expect(refs.resolve(APP1, '${data.terraform_remote_state.cross-stack-reference-input-dev-identity.outputs.x}')).toMatchObject({ kind: 'unresolved' });
  });

  it('makes a verdict unknown, never allowed, when a next hop cannot be resolved', () => {
    const lz = landingZone();
    route(lz.s, APP1, lz.rtApp1, 'via-variable', '10.2.0.0/24', 'VirtualAppliance', '${var.nva_ip}');
    const verdict = verifyFlow(lz.s.model(), { source: { subnet: 'snet-web-app1' }, destination: { subnet: 'snet-app2' }, port: 443, protocol: 'Tcp' });
    expect(verdict.outcome).toBe('unknown');
    expect(verdict.decidedBy).toMatchObject({ kind: 'unresolved', resource: 'azurerm_route.rt_app1_via-variable', attribute: 'next_hop_in_ip_address', expression: '${var.nva_ip}' });
  });

  it('makes a verdict unknown when an NSG rule reached before any match has a computed address', () => {
    const lz = landingZone();
    nsgRule(lz.s, APP1, lz.nsgData, 'AllowFromPip', { priority: 100, source_address_prefix: '${azurerm_public_ip.Pip.ip_address}', destination_port_range: '443' });
    const model = lz.s.model();
    const webToData = { source: { subnet: 'snet-web-app1' }, destination: { subnet: 'snet-data-app1' }, protocol: 'Tcp' as const };
    const verdict = verifyFlow(model, { ...webToData, port: 443 });
    expect(verdict.outcome).toBe('unknown');
    expect(verdict.decidedBy).toMatchObject({ kind: 'unresolved', attribute: 'source_address_prefix', expression: '${azurerm_public_ip.Pip.ip_address}' });
    expect(verdict.explanation).toMatch(/^unknown: cannot resolve source_address_prefix of azurerm_network_security_rule\.nsg_data_app1_AllowFromPip/);
    // A port the rule cannot match is decided by the next rules, unknown address or not.
    expect(verifyFlow(model, { ...webToData, port: 22 }).outcome).toBe('allowed');
  });

  it('makes flows around a subnet unknown when its NSG association cannot be resolved', () => {
    const lz = landingZone();
    lz.s.attributes('azurerm_subnet_network_security_group_association.nsg_data_app1_assoc').network_security_group_id = '${var.nsg_id}';
    const verdict = verifyFlow(lz.s.model(), { source: { subnet: 'snet-web-app1' }, destination: { subnet: 'snet-data-app1' }, port: 443, protocol: 'Tcp' });
    expect(verdict.outcome).toBe('unknown');
    expect(verdict.decidedBy).toMatchObject({ kind: 'unresolved', attribute: 'network_security_group_id', expression: '${var.nsg_id}' });
  });

  it('lists candidates for an unknown or ambiguous subnet', () => {
    const lz = landingZone();
    const model = lz.s.model();
    expect(() => verifyFlow(model, { source: { subnet: 'snet-nope' }, destination: { subnet: 'snet-app2' }, port: 1, protocol: 'Tcp' })).toThrow(
      "unknown subnet 'snet-nope'; known subnets: vnet-app1/snet-data-app1, vnet-app1/snet-web-app1, vnet-app2/snet-app2, vnet-hub/AzureFirewallSubnet",
    );
  });
});
