/**
 * IPv4 parsing and formatting for flow matching (lib/ip.ts): results are kept by text and by value, so a repeated or
 * interleaved call must answer exactly as the first did, invalid text included, past the cache's bound too.
 */
import { formatIpv4, parseIpv4, parsePrefix } from '../../lib/ip';

const SAMPLES: readonly [string, bigint | undefined][] = [
  ['10.1.0.10', 167837706n],
  ['0.0.0.0', 0n],
  ['255.255.255.255', 4294967295n],
  ['256.1.1.1', undefined],
  ['10.1.0', undefined],
  ['10.1.0.10/24', undefined],
  ['', undefined],
  ['Internet', undefined],
];

test('an address parses to the same integer every time, and invalid text stays invalid', () => {
  for (let round = 0; round < 3; round++) {
    expect(SAMPLES.map(([text]) => parseIpv4(text))).toEqual(SAMPLES.map(([, ip]) => ip));
  }
});

test('formatting gives the dotted form back every time, and prefixes read through the same parse', () => {
  for (let round = 0; round < 3; round++) {
    expect([167837706n, 0n, 4294967295n].map(formatIpv4)).toEqual(['10.1.0.10', '0.0.0.0', '255.255.255.255']);
    expect(parsePrefix('10.1.0.77/24')).toEqual({ text: '10.1.0.0/24', prefixLength: 24, first: 167837696n, last: 167837951n });
    expect(parsePrefix('10.1.0.300/24')).toBeUndefined();
  }
});

test('answers stay right after many distinct addresses (the kept results are bounded)', () => {
  const many = Array.from({ length: 12_000 }, (_, i) => BigInt(i) * 65_537n);
  expect(many.filter((ip) => parseIpv4(formatIpv4(ip)) !== ip)).toEqual([]);
  expect(SAMPLES.map(([text]) => parseIpv4(text))).toEqual(SAMPLES.map(([, ip]) => ip));
});
