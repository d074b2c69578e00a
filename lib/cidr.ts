/**
 * IPv4 CIDR arithmetic for address planning. Parsing and validation come from `ip-address`; this module adds
 * the few set operations the landing zone needs (containment, overlap, aligned carving).
 */
import { Address4 } from 'ip-address';
import { quote } from './quote';

/** IANA private and shared address space: what a firewall treats as internal unless told otherwise. */
export const IANA_PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

/** A parsed, canonical IPv4 prefix. */
export interface Cidr {
  /** Canonical text, e.g. `10.0.0.0/22`. */
  readonly text: string;
  readonly prefixLength: number;
  /** First address as an integer. */
  readonly first: bigint;
  /** Last address as an integer. */
  readonly last: bigint;
}

export type CidrParseResult = { readonly ok: true; readonly cidr: Cidr } | { readonly ok: false; readonly reason: string };

/** Parses `a.b.c.d/n`; rejects bare addresses and prefixes with host bits set (Azure rejects them too). */
export function parseCidr(text: string): CidrParseResult {
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text) || !Address4.isValid(text)) {
    return { ok: false, reason: `${quote(text)} is not an IPv4 CIDR such as 10.0.0.0/16` };
  }
  const address = new Address4(text);
  const start = address.startAddress();
  const canonical = `${start.correctForm()}/${address.subnetMask}`;
  if (canonical !== text) {
    return { ok: false, reason: `'${text}' has host bits set; the network address of that prefix is ${canonical}` };
  }
  return { ok: true, cidr: fromRange(start.bigInt(), address.subnetMask) };
}

/** Parses a CIDR that is known to be valid (internal use, e.g. constants); throws otherwise. */
export function cidr(text: string): Cidr {
  const result = parseCidr(text);
  if (!result.ok) throw new Error(result.reason);
  return result.cidr;
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** Number of addresses in a prefix of the given length. */
export function blockSize(prefixLength: number): bigint {
  return 1n << BigInt(32 - prefixLength);
}

/**
 * Finds the lowest prefix of `prefixLength` inside one of `within` (in order) that overlaps none of `taken`.
 * Deterministic: the same inputs always carve the same prefix.
 */
export function carve(within: readonly Cidr[], prefixLength: number, taken: readonly Cidr[]): Cidr | undefined {
  const size = blockSize(prefixLength);
  for (const space of within) {
    if (space.prefixLength > prefixLength) continue;
    for (let first = space.first; first + size - 1n <= space.last; first += size) {
      const candidate = fromRange(first, prefixLength);
      const clash = taken.find((t) => overlaps(t, candidate));
      if (!clash) return candidate;
      // Skip past the clashing block in one step; keep alignment to `size`.
      const next = ((clash.last + 1n + size - 1n) / size) * size;
      first = next - size;
    }
  }
  return undefined;
}

function fromRange(first: bigint, prefixLength: number): Cidr {
  const last = first + blockSize(prefixLength) - 1n;
  return { text: `${Address4.fromBigInt(first).correctForm()}/${prefixLength}`, prefixLength, first, last };
}

/**
 * Why `text` is not an IPv4 address or prefix as Azure rule fields take them (`10.0.0.4`, `10.0.0.0/24`; host bits
 * allowed), or undefined. Catches `/33`, octets above 255 and the like.
 */
export function ipv4AddressOrPrefixProblem(text: string): string | undefined {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?$/.exec(text);
  const address = match?.[1];
  if (!match || address === undefined) return `${quote(text)} is not an IPv4 address or prefix such as 10.0.0.4 or 10.0.0.0/24`;
  if (address.split('.').some((octet) => Number(octet) > 255 || (octet.length > 1 && octet.startsWith('0')))) return `'${text}' has an octet above 255 or with a leading zero`;
  if (match[2] !== undefined && Number(match[2]) > 32) return `'${text}' has prefix length /${match[2]}; IPv4 prefixes are /0 to /32`;
  return undefined;
}
