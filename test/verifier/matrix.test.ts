/** Reachability matrix: probes, rows/columns, firewall marks and the exact Markdown. */
import { defaultProbes, reachabilityMatrix, renderMatrixMarkdown } from '../../verifier';
import { APP1, LandingZone, landingZone, nsgRule, ruleCollectionGroup } from './fixtures';

/** snet-data-app1 admits only 1433 from snet-web-app1; the firewall lets snet-web-app1 reach snet-app2 on 1433. */
function tinyLandingZone(): LandingZone {
  const lz = landingZone();
  nsgRule(lz.s, APP1, lz.nsgData, 'AllowSql', { priority: 100, source_address_prefix: '10.1.0.0/24', destination_port_range: '1433' });
  nsgRule(lz.s, APP1, lz.nsgData, 'DenyAllInbound', { priority: 4096, access: 'Deny', protocol: '*', destination_port_range: '*' });
  ruleCollectionGroup(lz, 'rcg', 100, {
    network_rule_collection: [
      { name: 'c', priority: 100, action: 'Allow', rule: [{ name: 'r', protocols: ['TCP'], source_addresses: ['10.1.0.0/24'], destination_addresses: ['10.2.0.0/24'], destination_ports: ['1433'] }] },
    ],
  });
  return lz;
}

describe('reachability matrix', () => {
  it('renders the exact Markdown, deterministically', () => {
    const expected = [
      '## Reachability matrix: dev',
      '',
      'Probes: 22, 1433, 3389. Cells list the allowed probes; `(dnat)` = published on the firewall\'s public IP (DNAT), `(fw)` = through the firewall, `(?)` = unknown (unresolved reference), `–` = nothing allowed. Internet = 203.0.113.10.',
      '',
      '| from \\ to | snet-app2 | snet-data-app1 | snet-web-app1 |',
      '| --- | --- | --- | --- |',
      '| Internet | 22, 1433, 3389 | – | 22, 1433, 3389 |',
      '| AzureFirewallSubnet | 22, 1433, 3389 | – | 22, 1433, 3389 |',
      '| snet-app2 | 22, 1433, 3389 | – | – |',
      '| snet-data-app1 | – | – | 22, 1433, 3389 |',
      '| snet-web-app1 | 1433 (fw) | 1433 | 22, 1433, 3389 |',
      '',
    ].join('\n');
    const model = tinyLandingZone().s.model();
    expect(renderMatrixMarkdown(reachabilityMatrix(model), 'dev')).toBe(expected);
    expect(renderMatrixMarkdown(reachabilityMatrix(tinyLandingZone().s.model()), 'dev')).toBe(expected);
  });

  it('probes the first port of every Allow rule range plus 22 and 3389, Udp marked', () => {
    const lz = landingZone();
    nsgRule(lz.s, APP1, lz.nsgWeb, 'AllowRange', { priority: 100, destination_port_ranges: ['8000-8100', '443'] });
    nsgRule(lz.s, APP1, lz.nsgWeb, 'AllowDns', { priority: 110, protocol: 'Udp', destination_port_range: '53' });
    nsgRule(lz.s, APP1, lz.nsgWeb, 'DenyTelnet', { priority: 120, access: 'Deny', destination_port_range: '23' });
    expect(defaultProbes(lz.s.model())).toEqual([
      { port: 22, protocol: 'Tcp' },
      { port: 53, protocol: 'Udp' },
      { port: 443, protocol: 'Tcp' },
      { port: 3389, protocol: 'Tcp' },
      { port: 8000, protocol: 'Tcp' },
    ]);
  });

  it('takes only subnets of VNets without an AzureFirewallSubnet as columns', () => {
    const matrix = reachabilityMatrix(landingZone().s.model(), { probes: [{ port: 443, protocol: 'Tcp' }] });
    expect(matrix.destinations).toEqual(['snet-app2', 'snet-data-app1', 'snet-web-app1']);
    expect(matrix.sources[0]).toBe('Internet');
  });
});
