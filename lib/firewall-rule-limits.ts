/**
 * Azure Firewall's limits on rule fields, owned by FirewallRuleCollectionGroup (which checks every rule it is given
 * with these) and applied by config validation to `spokes[].egress` with the config path: one rule, two callers.
 * Pure functions here, so loading a config loads no construct or provider module.
 */
import { ipv4AddressOrPrefixProblem } from './cidr';
import { quote } from './quote';

/** Ports an application rule protocol may use: Azure Firewall accepts 0-64000 for Http, Https and Mssql. */
export const APPLICATION_RULE_PORTS = { min: 0, max: 64000 } as const;

/** Why an application rule cannot use `port`, or undefined. */
export function applicationPortProblem(port: number): string | undefined {
  const { min, max } = APPLICATION_RULE_PORTS;
  if (Number.isInteger(port) && port >= min && port <= max) return undefined;
  return `port ${port} is outside ${min}-${max}, the ports Azure Firewall application rules accept; use a network rule for higher ports`;
}

/**
 * Why `fqdn` is not a destination FQDN of the given rule kind, or undefined. Host names only (no scheme, port or
 * path); labels of 1-63 letters, digits and hyphens, at most 253 characters. Application rules may start with `*.`
 * (or be `*`); network rules resolve names through the DNS proxy, which cannot resolve a wildcard.
 */
export function fqdnProblem(fqdn: string, kind: 'application' | 'network'): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(fqdn);
  if (scheme) return `${quote(fqdn)} has a scheme (${scheme[1]}://); write the host name only, e.g. ${fqdn.slice(scheme[0].length).split(/[:/]/)[0] || 'api.example.com'}`;
  if (/:\d*$/.test(fqdn) || /:\d+\//.test(fqdn)) return `${quote(fqdn)} has a port; write the host name only and put the port in ports (or protocols)`;
  if (fqdn.includes('/')) return `${quote(fqdn)} has a path; firewall FQDN rules match host names only`;
  const wildcard = fqdn === '*' || fqdn.startsWith('*.');
  if (wildcard && kind === 'network') return `${quote(fqdn)} is a wildcard; network rules resolve FQDNs through the DNS proxy, which cannot resolve one: list the host names or use an application rule`;
  if (fqdn === '*') return undefined;
  const host = wildcard ? fqdn.slice(2) : fqdn;
  if (host.length > 253) return `${quote(fqdn)} is longer than 253 characters, the limit of a DNS name`;
  const labels = host.split('.');
  if (labels.length < 2) return `${quote(fqdn)} is not a fully qualified name; add the domain, e.g. ${host}.example.com`;
  const bad = labels.find((label) => !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(label));
  if (bad !== undefined) return `${quote(fqdn)} has the label '${bad}'; DNS labels are 1-63 letters, digits and inner hyphens${fqdn.includes('*') ? ', and * may only open the name (*.example.com)' : ''}`;
  if (/^\d+$/.test(labels.at(-1) ?? '')) return `${quote(fqdn)} ends in a number, so it is an address, not a name; put addresses in destinations`;
  return undefined;
}

/**
 * Why `address` is not a network rule destination, or undefined: an IPv4 address, a canonical CIDR, an address
 * range (`10.0.0.1-10.0.0.9`), `*`, or a service tag (`AzureMonitor`, `Storage.WestEurope`).
 */
export function networkDestinationProblem(address: string): string | undefined {
  if (address === '*') return undefined;
  if (/^[\d./-]+$/.test(address)) {
    if (address.includes('-')) {
      const ends = address.split('-');
      const bad = ends.length !== 2 || ends.some((end) => end.includes('/') || ipv4AddressOrPrefixProblem(end) !== undefined);
      return bad ? `${quote(address)} is not an address range such as 10.0.0.1-10.0.0.9` : undefined;
    }
    return ipv4AddressOrPrefixProblem(address);
  }
  if (/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)?$/.test(address)) return undefined;
  return `${quote(address)} is neither an IPv4 address, a CIDR, an address range nor a service tag such as AzureMonitor`;
}
