import { blockSize, carve, Cidr, cidr, contains, overlaps, parseCidr } from '../../lib/cidr';

describe('parseCidr', () => {
  test.each([
    ['10.0.0.0/16', 16, 0x0a000000n, 0x0a00ffffn],
    ['10.10.0.64/26', 26, 0x0a0a0040n, 0x0a0a007fn],
    ['192.168.1.7/32', 32, 0xc0a80107n, 0xc0a80107n],
    ['0.0.0.0/0', 0, 0n, 0xffffffffn],
  ])('parses %s into its first and last address', (text, prefixLength, first, last) => {
    const result = parseCidr(text);
    expect(result).toEqual({ ok: true, cidr: { text, prefixLength, first, last } });
  });

  test.each(['10.0.0/16', 'ten.0.0.0/16', '10.0.0.0/', '10.0.0.0/33', '300.0.0.0/8', '10.0.0.0 /16', ' 10.0.0.0/16', '', '::1/128'])(
    'fails for %j, which is not an IPv4 CIDR',
    (text) => {
      const result = parseCidr(text);
      expect(result).toEqual({ ok: false, reason: `'${text}' is not an IPv4 CIDR such as 10.0.0.0/16` });
    },
  );

  test('fails for a bare address without a prefix length', () => {
    expect(parseCidr('10.0.0.0')).toEqual({ ok: false, reason: "'10.0.0.0' is not an IPv4 CIDR such as 10.0.0.0/16" });
  });

  test.each([
    ['10.10.0.1/22', '10.10.0.0/22'],
    ['10.10.3.0/22', '10.10.0.0/22'],
    ['192.168.1.130/25', '192.168.1.128/25'],
    ['172.16.5.0/12', '172.16.0.0/12'],
  ])('fails for %s (host bits set) and names the network address %s', (text, network) => {
    const result = parseCidr(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe(`'${text}' has host bits set; the network address of that prefix is ${network}`);
    // The suggested prefix is itself valid.
    expect(parseCidr(network).ok).toBe(true);
  });
});

describe('cidr', () => {
  test('returns the parsed prefix for valid text', () => {
    expect(cidr('10.0.0.0/8')).toMatchObject({ text: '10.0.0.0/8', prefixLength: 8 });
  });

  test('fails by throwing the parse reason for invalid text', () => {
    expect(() => cidr('10.0.0.1/8')).toThrow("'10.0.0.1/8' has host bits set; the network address of that prefix is 10.0.0.0/8");
  });
});

describe('contains and overlaps', () => {
  const hub = cidr('10.10.0.0/22');

  test.each([
    ['10.10.0.0/22', true],
    ['10.10.0.0/26', true],
    ['10.10.3.192/26', true],
    ['10.10.3.255/32', true],
    ['10.10.4.0/26', false],
    ['10.9.255.0/24', false],
    ['10.10.0.0/21', false],
    ['10.0.0.0/8', false],
  ])('10.10.0.0/22 contains %s: %s', (inner, expected) => {
    expect(contains(hub, cidr(inner))).toBe(expected);
  });

  test.each([
    ['10.10.0.0/22', true],
    ['10.10.2.0/24', true],
    ['10.0.0.0/8', true],
    ['10.10.3.255/32', true],
    ['10.10.4.0/22', false],
    ['10.9.252.0/22', false],
    ['172.16.0.0/12', false],
  ])('10.10.0.0/22 overlaps %s: %s (and the relation is symmetric)', (other, expected) => {
    expect(overlaps(hub, cidr(other))).toBe(expected);
    expect(overlaps(cidr(other), hub)).toBe(expected);
  });

  test('adjacent prefixes neither overlap nor contain each other', () => {
    const a = cidr('10.0.0.0/25');
    const b = cidr('10.0.0.128/25');
    expect(overlaps(a, b)).toBe(false);
    expect(contains(a, b)).toBe(false);
    expect(contains(b, a)).toBe(false);
  });

  test('blockSize counts addresses of a prefix length', () => {
    expect(blockSize(32)).toBe(1n);
    expect(blockSize(26)).toBe(64n);
    expect(blockSize(0)).toBe(4294967296n);
  });
});

describe('carve', () => {
  const texts = (prefixes: readonly (Cidr | undefined)[]): (string | undefined)[] => prefixes.map((p) => p?.text);

  test('carves the lowest aligned prefix of an empty space', () => {
    expect(carve([cidr('10.10.0.0/22')], 26, [])?.text).toBe('10.10.0.0/26');
    expect(carve([cidr('10.10.0.0/22')], 22, [])?.text).toBe('10.10.0.0/22');
  });

  test('carves consecutive /26s when each result is added to the taken list', () => {
    const space = [cidr('10.10.0.0/24')];
    const taken: Cidr[] = [];
    const carved: (Cidr | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      const next = carve(space, 26, taken);
      carved.push(next);
      if (next) taken.push(next);
    }
    expect(texts(carved)).toEqual(['10.10.0.0/26', '10.10.0.64/26', '10.10.0.128/26', '10.10.0.192/26']);
  });

  test('skips taken ranges and stays aligned to the requested size', () => {
    // A /27 taken at .32 blocks the whole first /26; the next aligned /26 starts at .64.
    expect(carve([cidr('10.10.0.0/24')], 26, [cidr('10.10.0.32/27')])?.text).toBe('10.10.0.64/26');
    // A /32 taken in the middle of the first /27 only pushes a /27 to .32.
    expect(carve([cidr('10.10.0.0/24')], 27, [cidr('10.10.0.5/32')])?.text).toBe('10.10.0.32/27');
    // A large taken block is skipped in one step.
    expect(carve([cidr('10.10.0.0/22')], 26, [cidr('10.10.0.0/23')])?.text).toBe('10.10.2.0/26');
  });

  test('fills a hole between taken ranges', () => {
    const taken = [cidr('10.10.0.0/26'), cidr('10.10.0.128/25')];
    expect(carve([cidr('10.10.0.0/24')], 26, taken)?.text).toBe('10.10.0.64/26');
  });

  test('ignores taken ranges outside the space', () => {
    expect(carve([cidr('10.10.0.0/24')], 26, [cidr('192.168.0.0/16')])?.text).toBe('10.10.0.0/26');
  });

  test('moves on to the next space when the first is full or too small', () => {
    const spaces = [cidr('10.10.0.0/27'), cidr('10.20.0.0/24')];
    // /27 cannot hold a /26: it is skipped.
    expect(carve(spaces, 26, [])?.text).toBe('10.20.0.0/26');
    const full = [cidr('10.10.0.0/26'), cidr('10.20.0.0/24')];
    expect(carve(full, 26, [cidr('10.10.0.0/26')])?.text).toBe('10.20.0.0/26');
  });

  test('returns undefined when no aligned prefix of that size is free', () => {
    expect(carve([cidr('10.10.0.0/26')], 26, [cidr('10.10.0.0/26')])).toBeUndefined();
    expect(carve([cidr('10.10.0.0/24')], 26, [cidr('10.10.0.0/24')])).toBeUndefined();
    // 10.10.0.0/25 has two /26 slots, both partly taken.
    expect(carve([cidr('10.10.0.0/25')], 26, [cidr('10.10.0.0/32'), cidr('10.10.0.64/32')])).toBeUndefined();
    expect(carve([cidr('10.10.0.0/27')], 26, [])).toBeUndefined();
    expect(carve([], 26, [])).toBeUndefined();
  });

  test('is deterministic: the same inputs always carve the same prefix', () => {
    const spaces = [cidr('10.10.0.0/22'), cidr('10.30.0.0/24')];
    const taken = [cidr('10.10.0.64/26'), cidr('10.10.1.0/24')];
    const first = carve(spaces, 26, taken);
    for (let i = 0; i < 5; i++) expect(carve(spaces, 26, taken)).toEqual(first);
    expect(first?.text).toBe('10.10.0.0/26');
    expect(carve(spaces, 25, taken)?.text).toBe('10.10.0.128/25');
  });

  test('does not modify its inputs', () => {
    const spaces = [cidr('10.10.0.0/24')];
    const taken = [cidr('10.10.0.0/26')];
    carve(spaces, 26, taken);
    expect(texts(spaces)).toEqual(['10.10.0.0/24']);
    expect(texts(taken)).toEqual(['10.10.0.0/26']);
  });
});
