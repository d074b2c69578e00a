/**
 * The one meaning of NSG and firewall rule fields (lib/rule-fields.ts), pinned: which spellings are "any address",
 * what the Internet and VirtualNetwork tags cover in the verifier, and how a port field is read.
 */
import { parseIpv4 } from '../../lib/ip';
import { addressValue, EVERY_PORT, isAnyAddress, isAnyInternetAddress, parsePortRange, portInSpec, portRangeProblem } from '../../lib/rule-fields';
import { matchAddresses } from '../../verifier/match';
import { cidr } from '../../lib/cidr';

const PUBLIC = '203.0.113.10';
const PRIVATE = '10.1.0.10';
const PLATFORM = '168.63.129.16';
const VNET = [cidr('10.1.0.0/24')];

/** Does an NSG address list with `text` admit `ip`, as the verifier matches it on a subnet of VNET? */
function admits(text: string, ip: string): string {
  return matchAddresses([addressValue(text)], { ip: parseIpv4(ip) as bigint, serviceTags: [], applicationSecurityGroups: [] }, VNET).match;
}

describe('"any address"', () => {
  test.each(['*', 'Any', 'ANY', '0.0.0.0/0', '::/0', ' * '])('%s is every address: the Internet, the VNet and the platform', (text) => {
    expect(addressValue(text)).toEqual({ kind: 'any' });
    expect(isAnyAddress(text)).toBe(true);
    expect(isAnyInternetAddress(text)).toBe(true);
    expect([admits(text, PUBLIC), admits(text, PRIVATE), admits(text, PLATFORM)]).toEqual(['yes', 'yes', 'yes']);
  });

  test('Internet is a tag covering every public address but not the VNet or the platform address', () => {
    expect(addressValue('Internet')).toEqual({ kind: 'tag', tag: 'Internet' });
    expect(isAnyAddress('Internet')).toBe(false);
    expect(isAnyInternetAddress('Internet')).toBe(true);
    expect([admits('Internet', PUBLIC), admits('Internet', PRIVATE), admits('Internet', PLATFORM)]).toEqual(['yes', 'no', 'no']);
  });

  test('VirtualNetwork is a tag covering the VNet where the rule applies, never the Internet', () => {
    expect(addressValue('VirtualNetwork')).toEqual({ kind: 'tag', tag: 'VirtualNetwork' });
    expect(isAnyInternetAddress('VirtualNetwork')).toBe(false);
    expect([admits('VirtualNetwork', PUBLIC), admits('VirtualNetwork', PRIVATE)]).toEqual(['no', 'yes']);
  });

  test('a bare 0.0.0.0 is the unspecified address alone (a /32), not 0.0.0.0/0', () => {
    expect(addressValue('0.0.0.0')).toEqual({ kind: 'range', text: '0.0.0.0', first: 0n, last: 0n });
    expect(isAnyInternetAddress('0.0.0.0')).toBe(false);
    expect(admits('0.0.0.0', PUBLIC)).toBe('no');
  });

  test.each([
    ['10.0.0.0/8', 10n << 24n, (11n << 24n) - 1n],
    ['10.1.0.5', (10n << 24n) + (1n << 16n) + 5n, (10n << 24n) + (1n << 16n) + 5n],
    ['10.1.0.1-10.1.0.9', (10n << 24n) + (1n << 16n) + 1n, (10n << 24n) + (1n << 16n) + 9n],
  ])('%s is an address range', (text, first, last) => {
    expect(addressValue(text)).toEqual({ kind: 'range', text, first, last });
  });

  test('an unreadable address is kept as a tag that matches nothing', () => {
    expect(addressValue('10.0.0.0/33')).toEqual({ kind: 'tag', tag: '10.0.0.0/33' });
    expect(admits('10.0.0.0/33', PRIVATE)).toBe('no');
  });
});

describe('port fields', () => {
  test.each(['*', 'Any', 'any', '0-65535', '1-65535'])('%s is every port', (text) => expect(parsePortRange(text)).toEqual(EVERY_PORT));

  test.each<[string | number, number, number]>([
    ['443', 443, 443],
    [443, 443, 443],
    ['8000-8100', 8000, 8100],
    [' 22 ', 22, 22],
    ['0', 0, 0],
    ['65535', 65535, 65535],
  ])('%s is %i-%i', (text, from, to) => expect(parsePortRange(text)).toEqual({ from, to }));

  test.each(['80,443', '80, 443', 'http', '', '-', '65536', '100-65536', '8100-8000', '-1', '1-', '443/tcp'])('%j is not one port field value', (text) => {
    expect(parsePortRange(text)).toBeUndefined();
  });

  test('a port spec the landing zone writes is checked with the reason', () => {
    expect([443, '443', '8000-8100', '1-65535'].map(portRangeProblem)).toEqual([undefined, undefined, undefined, undefined]);
    expect(portRangeProblem('0')).toBe("'0' is not a port between 1 and 65535");
    expect(portRangeProblem('70000')).toBe("'70000' is not a port between 1 and 65535");
    expect(portRangeProblem('100-100')).toBe("'100-100' is not a range low-high with 1 <= low < high <= 65535");
    expect(portRangeProblem('0-65535')).toBe("'0-65535' is not a range low-high with 1 <= low < high <= 65535");
    expect(portRangeProblem('80,443')).toBe("'80,443' is a list; give each port or range as its own entry");
    expect(portRangeProblem('http')).toBe("'http' is not a port or range such as 443 or 8000-8100");
  });

  test('a port falls in a spec when the spec reads and covers it', () => {
    expect([portInSpec(8050, '8000-8100'), portInSpec(8101, '8000-8100'), portInSpec(443, 443), portInSpec(1, '*'), portInSpec(80, '80,443')]).toEqual([true, false, true, true, false]);
  });
});
