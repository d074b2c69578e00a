/**
 * "Allow any" in every spelling Azure accepts: the pack (ZT-NET-027 firewall rules, ZT-NET-006/017 NSG rules) and the
 * verifier's rule reader treat `*`, `Any`, `0-65535`, `1-65535`, `0.0.0.0/0` and `Internet` alike.
 */
import { addressValue, isAnyAddress, isAnyInternetAddress, isAnyPort, isAnyProtocol, parsePortRange } from '../../lib/rule-fields';
import { evaluateStacks } from '../../policy/evaluate';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import { ref } from '../verifier/fixtures';
import { HUB, addSpokeRule, landingZone } from './fixtures/helpers';

const NOW = new Date('2026-01-15T12:00:00Z');
const rule = (id: string) => ZERO_TRUST_PACK.find((r) => r.id === id) as (typeof ZERO_TRUST_PACK)[number];

function outcomes(id: string, build: (zone: ReturnType<typeof landingZone>) => void): string[] {
  const zone = landingZone();
  build(zone);
  return evaluateStacks(zone.s.json(), [rule(id)], { now: NOW }).flatMap((r) => r.rows.map((row) => row.outcome));
}

describe('the spellings of "any"', () => {
  test.each(['*', 'Any', 'any', '0.0.0.0/0', '::/0'])('%s is every address', (text) => {
    expect(isAnyAddress(text)).toBe(true);
    expect(addressValue(text)).toEqual({ kind: 'any' });
  });
  test.each(['Internet', 'internet'])('%s is the whole Internet to a rule that must not admit it', (text) => expect(isAnyInternetAddress(text)).toBe(true));
  test.each(['10.0.0.0/8', '0.0.0.0/1', '0.0.0.0', 'AzureMonitor', 'VirtualNetwork'])('%s is not any', (text) => {
    expect(isAnyInternetAddress(text)).toBe(false);
  });
  test.each(['*', 'Any', '0-65535', '1-65535'])('port %s is every port', (text) => {
    expect(isAnyPort(text)).toBe(true);
    expect(parsePortRange(text)).toEqual({ from: 0, to: 65535 });
  });
  test.each(['443', '1-65534', '2-65535', '0-443'])('port %s is not every port', (text) => expect(isAnyPort(text)).toBe(false));
  test.each(['*', 'Any'])('protocol %s is every protocol', (text) => expect(isAnyProtocol(text)).toBe(true));
});

describe('ZT-NET-027: no allow-any firewall rule, however it is spelled', () => {
  const wide = (destination: string, port: string) => (zone: ReturnType<typeof landingZone>) =>
    zone.s.add(HUB, 'azurerm_firewall_policy_rule_collection_group', 'Wide', {
      name: 'wide', firewall_policy_id: ref(zone.policy, 'id'), priority: 300,
      network_rule_collection: [{ action: 'Allow', name: 'all', priority: 100, rule: [{ name: 'any', destination_addresses: [destination], destination_ports: [port], protocols: ['Any'], source_addresses: ['10.11.0.0/24'] }] }],
    });

  test.each([
    ['0.0.0.0/0', '1-65535'],
    ['0.0.0.0/0', '0-65535'],
    ['*', '*'],
    ['Internet', '1-65535'],
    ['Any', 'Any'],
  ])('destination %s on ports %s fails', (destination, port) => {
    expect(outcomes('ZT-NET-027', wide(destination, port))).toContain('non-compliant');
  });

  test('a named destination on every port passes', () => {
    expect(outcomes('ZT-NET-027', wide('203.0.113.0/24', '1-65535'))).not.toContain('non-compliant');
  });
});

describe('ZT-NET-017: a spoke admits nothing from the whole Internet', () => {
  const inbound = (source: string, port = '443') => ({ access: 'Allow', direction: 'Inbound', protocol: 'Tcp', source_address_prefix: source, destination_port_range: port });

  test.each(['0.0.0.0/0', '*', 'Internet', 'Any'])('web 443 from %s fails', (source) => {
    expect(outcomes('ZT-NET-017', (zone) => addSpokeRule(zone, 'Web', inbound(source)))).toContain('non-compliant');
  });

  test.each(['10.0.0.0/26', 'VirtualNetwork', '0.0.0.0'])('a named source (%s) passes', (source) => {
    expect(outcomes('ZT-NET-017', (zone) => addSpokeRule(zone, 'Web', inbound(source)))).not.toContain('non-compliant');
  });
});
