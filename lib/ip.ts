/**
 * IPv4 helpers for flow matching. Unlike lib/cidr.ts (address planning, strict), rule addresses here are parsed
 * leniently the way Azure reads them: a bare IP is a /32 and host bits are masked.
 */
import { Address4 } from 'ip-address';
import { Cidr, IANA_PRIVATE_RANGES } from './cidr';

/** The Azure platform address (DHCP, DNS, health probes) behind the AzureLoadBalancer tag. */
export const AZURE_PLATFORM_IP = '168.63.129.16';

/** Parses a dotted IPv4 address (no prefix) to an integer. */
export function parseIpv4(text: string): bigint | undefined {
  return cached(PARSED, text, () => (!/^\d{1,3}(\.\d{1,3}){3}$/.test(text) || !Address4.isValid(text) ? undefined : new Address4(text).bigInt()));
}

/** Parses `a.b.c.d/n` (host bits masked) or a bare address (a /32). */
export function parsePrefix(text: string): Cidr | undefined {
  const [address = '', length, extra] = text.split('/');
  if (extra !== undefined) return undefined;
  const ip = parseIpv4(address);
  const prefixLength = length === undefined ? 32 : /^\d{1,2}$/.test(length) ? Number(length) : NaN;
  if (ip === undefined || !(prefixLength >= 0 && prefixLength <= 32)) return undefined;
  const size = 1n << BigInt(32 - prefixLength);
  const first = (ip / size) * size;
  return { text: `${formatIpv4(first)}/${prefixLength}`, prefixLength, first, last: first + size - 1n };
}

/** Parses a prefix, a bare address, or an Azure Firewall range `10.0.0.1-10.0.0.9`. */
export function parseAddressRange(text: string): { first: bigint; last: bigint } | undefined {
  const dash = text.split('-');
  if (dash.length === 2) {
    const [from = '', to = ''] = dash;
    const first = parseIpv4(from.trim());
    const last = parseIpv4(to.trim());
    return first !== undefined && last !== undefined && first <= last ? { first, last } : undefined;
  }
  return parsePrefix(text);
}

export function formatIpv4(ip: bigint): string {
  return cached(FORMATTED, ip, () => Address4.fromBigInt(ip).correctForm());
}

/*
 * Rule fields and flow checks repeat a few thousand addresses many times over (every NSG rule of 100 spokes, the
 * Internet probe of every flow), and ip-address builds objects for each parse: results are kept by value, primitives
 * only, and the tables are emptied when full so a long-running process does not grow them without bound.
 */
const PARSED = new Map<string, bigint | undefined>();
const FORMATTED = new Map<bigint, string>();
const CACHE_LIMIT = 10_000;

function cached<K, V>(table: Map<K, V>, key: K, compute: () => V): V {
  if (table.has(key)) return table.get(key) as V;
  const value = compute();
  if (table.size >= CACHE_LIMIT) table.clear();
  table.set(key, value);
  return value;
}

export function inRange(ip: bigint, range: { first: bigint; last: bigint }): boolean {
  return range.first <= ip && ip <= range.last;
}

/** The first address Azure hands out in a subnet: network + 4 (the first four are reserved). */
export function firstUsableAddress(prefix: Cidr): bigint {
  return prefix.first + 4n;
}

const NON_INTERNET: readonly Cidr[] = [...IANA_PRIVATE_RANGES, `${AZURE_PLATFORM_IP}/32`].map((text) => parsePrefix(text) as Cidr);
const PRIVATE: readonly Cidr[] = NON_INTERNET.slice(0, IANA_PRIVATE_RANGES.length);

/** What the `Internet` service tag covers: everything outside the private ranges and the platform address. */
export function isInternetAddress(ip: bigint): boolean {
  return !NON_INTERNET.some((range) => inRange(ip, range));
}

/** IANA private or shared address space (10/8, 172.16/12, 192.168/16, 100.64/10). */
export function isPrivateAddress(ip: bigint): boolean {
  return PRIVATE.some((range) => inRange(ip, range));
}

/** The system routes with next hop None that Azure adds for the private ranges. */
export const PRIVATE_RANGE_PREFIXES: readonly Cidr[] = PRIVATE;
