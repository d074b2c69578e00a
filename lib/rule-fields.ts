/**
 * How Azure reads the address, port and protocol fields of NSG and firewall rules: the one meaning the flow verifier's
 * model (verifier/model.ts), the policy pack (policy/lib/network.ts and its rules), the review and the config share.
 *
 * Addresses:
 * - `*`, `Any`, `0.0.0.0/0` (and `::/0`) are every address: the Internet, every VNet and the Azure platform address.
 * - `Internet` is a service tag: every address outside the private ranges and the platform address
 *   (lib/ip.ts `isInternetAddress`). A rule admitting it admits the whole Internet, but not the VNets.
 * - `VirtualNetwork`, `AzureLoadBalancer` and the other service tags are tags: what they cover depends on where the
 *   rule applies (the VNet, its peerings), so they are never "any address".
 * - Anything else is an IPv4 prefix, a bare address (a /32: so `0.0.0.0` is the unspecified address alone, not
 *   `0.0.0.0/0`), or a firewall range `a.b.c.d-e.f.g.h`; an unreadable text is kept as a tag and matches nothing.
 *
 * Ports: one field value is `*` / `Any`, a port, or an inclusive range `low-high` within 0-65535; `0-65535` and
 * `1-65535` are every port (port 0 carries no traffic). A comma list is not one value: Azure takes several ports as
 * separate list elements (`destination_port_ranges`, `destination_ports`), so `80,443` in one field is unreadable.
 */
import { parseAddressRange } from './ip';

/** One literal item of an address list in an NSG or firewall rule. */
export type AddressValue =
  | { readonly kind: 'any' }
  | { readonly kind: 'range'; readonly text: string; readonly first: bigint; readonly last: bigint }
  | { readonly kind: 'tag'; readonly tag: string };

/** An inclusive port range; a single port is `from === to`. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** Every port, as `parsePortRange('*')` reads it. */
export const EVERY_PORT: PortRange = { from: 0, to: 65535 };

/** Every address: `*`, `Any`, `0.0.0.0/0`, `::/0`. */
export function isAnyAddress(text: string): boolean {
  return /^(\*|any|0\.0\.0\.0\/0|::\/0)$/i.test(text.trim());
}

/** The `Internet` service tag. */
export function isInternetTag(text: string): boolean {
  return /^internet$/i.test(text.trim());
}

/** Does an address item admit the whole Internet: every address, or the `Internet` tag? */
export function isAnyInternetAddress(text: string): boolean {
  return isAnyAddress(text) || isInternetTag(text);
}

/** Reads one address item: every address, an address range (prefix, bare IP, firewall range) or a service tag. */
export function addressValue(text: string): AddressValue {
  if (isAnyAddress(text)) return { kind: 'any' };
  const range = parseAddressRange(text);
  return range ? { kind: 'range', text, first: range.first, last: range.last } : { kind: 'tag', tag: text };
}

/** Every port: `*`, `Any`, `0-65535`, `1-65535`. */
export function isAnyPort(text: string | number): boolean {
  return /^(\*|any|[01]-65535)$/i.test(String(text).trim());
}

/** Every protocol: `*` (NSG) or `Any` (firewall network rules). */
export function isAnyProtocol(text: string): boolean {
  return /^(\*|any)$/i.test(text.trim());
}

/** A port or range as written (`443` -> 443-443), before any limit is applied; undefined when it is neither. */
function writtenRange(text: string | number): PortRange | undefined {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(String(text).trim());
  if (!match) return undefined;
  return { from: Number(match[1]), to: match[2] === undefined ? Number(match[1]) : Number(match[2]) };
}

/** Reads one port field value (`443`, `8000-8100`, `*`); undefined when it is not one (a list, a word, > 65535). */
export function parsePortRange(text: string | number): PortRange | undefined {
  if (isAnyPort(text)) return EVERY_PORT;
  const range = writtenRange(text);
  return range && range.from <= range.to && range.to <= 65535 ? range : undefined;
}

/**
 * Why a port spec the landing zone writes itself (config `ports`, `ingress.ports`, flows, egress) is not one: a port
 * 1-65535 or a range `low-high` with 1 <= low < high <= 65535. Numbers come checked from the schema.
 */
export function portRangeProblem(spec: string | number): string | undefined {
  if (typeof spec === 'number') return undefined;
  const range = writtenRange(spec);
  if (!range) return spec.includes(',') ? `'${spec}' is a list; give each port or range as its own entry` : `'${spec}' is not a port or range such as 443 or 8000-8100`;
  if (!spec.includes('-')) return range.from >= 1 && range.from <= 65535 ? undefined : `'${spec}' is not a port between 1 and 65535`;
  if (range.from < 1 || range.to > 65535 || range.from >= range.to) return `'${spec}' is not a range low-high with 1 <= low < high <= 65535`;
  return undefined;
}

/** Does `port` fall in a port spec (`443`, `8000-8100`, `*`)? */
export function portInSpec(port: number, spec: string | number): boolean {
  const range = parsePortRange(spec);
  return range !== undefined && range.from <= port && port <= range.to;
}
