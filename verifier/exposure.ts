/**
 * Internet exposure of one environment, read from the network model: every published endpoint (a firewall DNAT
 * rule) and every NSG rule that admits Internet sources, each with whether the flow it opens actually gets through
 * (routes, peerings, NSGs) and what decided that. `kind` leaves room for other entry points (an Application
 * Gateway listener on a public IP) without changing how reports compare exposure.
 */
import { formatIpv4, isPrivateAddress, parseAddressRange, parseIpv4 } from '../lib/ip';
import { AddressItem, NetworkModel, PortItem } from './model';
import { addressItemText as addressText, portsText } from './dnat';
import { INTERNET_PROBE_ADDRESS } from './matrix';
import { vnetOf } from './routing';
import { FlowVerdict, Protocol } from './types';
import { subnetLabel, verifyFlow } from './verify';

/** How the Internet gets in. */
export type ExposureKind = 'firewall-dnat' | 'nsg-internet-allow';

export interface Exposure {
  readonly kind: ExposureKind;
  /** Identity across two synths of the same environment: kind, entry point and target. */
  readonly key: string;
  /** What an Internet client connects to: `pip-afw-hub-prod-weu:443`, or the subnet an NSG rule opens. */
  readonly entry: string;
  /** Where the traffic ends up: `10.21.0.10:443 in snet-web-shop-prod-weu`. */
  readonly target: string;
  /** The model key of the subnet it ends up in, when known. */
  readonly targetSubnetKey?: string;
  readonly protocols: readonly string[];
  /** Internet sources admitted, as written (`*` = any). */
  readonly sources: readonly string[];
  /** The rule that opens it: `rcg/collection/rule` or `nsg/rule`. */
  readonly rule: string;
  /** The resource holding the rule and its stack. */
  readonly resource: string;
  readonly stack: string;
  /** Whether the opened flow reaches its target end to end, and the explanation of that verdict. */
  readonly reachable: FlowVerdict['outcome'];
  readonly explanation: string;
}

/** Every Internet exposure of the environment, sorted by key. */
export function internetExposure(model: NetworkModel): Exposure[] {
  const exposures = [...dnatExposures(model), ...nsgExposures(model)];
  return exposures.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function dnatExposures(model: NetworkModel): Exposure[] {
  const exposures: Exposure[] = [];
  for (const group of model.ruleCollectionGroups) {
    for (const collection of group.nat) {
      for (const rule of collection.rules) {
        const translated = rule.translated?.ip !== undefined ? formatIpv4(rule.translated.ip) : (rule.translatedFqdn ?? rule.translated?.text ?? '?');
        const subnet = rule.translated?.ip !== undefined ? model.subnets.find((s) => s.prefixes.some((p) => p.first <= (rule.translated?.ip as bigint) && (rule.translated?.ip as bigint) <= p.last)) : undefined;
        const entry = `${rule.destination.text}:${portsText(rule.ports)}`;
        const target = `${translated}:${rule.translatedPort ?? '?'}${subnet ? ` in ${subnetLabel(model, subnet)}` : ''}`;
        const sources = rule.sources.map(addressText);
        const probe = sourceProbe(rule.sources);
        const protocol: Protocol = rule.protocols.includes('TCP') || rule.protocols.includes('ANY') ? 'Tcp' : 'Udp';
        const verdict =
          rule.translated?.ip !== undefined && rule.translatedPort !== undefined && subnet
            ? verifyFlow(model, { source: { ip: probe }, destination: { ip: translated }, port: rule.translatedPort, protocol })
            : undefined;
        exposures.push({
          kind: 'firewall-dnat',
          key: `firewall-dnat ${entry} -> ${translated}:${rule.translatedPort ?? '?'}`,
          entry,
          target,
          ...(subnet ? { targetSubnetKey: subnet.key } : {}),
          protocols: rule.protocols,
          sources,
          rule: `${group.name}/${collection.name}/${rule.name}`,
          resource: group.resource,
          stack: group.stack,
          reachable: verdict?.outcome ?? 'unknown',
          explanation: verdict?.explanation ?? `the target ${translated} is in no subnet of this environment`,
        });
      }
    }
  }
  return exposures;
}

/** Inbound Allow rules whose sources include Internet addresses, on NSGs associated with a subnet. */
function nsgExposures(model: NetworkModel): Exposure[] {
  const exposures: Exposure[] = [];
  for (const nsg of model.securityGroups) {
    const subnets = model.subnets.filter((s) => s.nsgKey === nsg.key);
    for (const rule of nsg.rules) {
      if (rule.direction !== 'Inbound' || rule.access !== 'Allow' || !rule.sourceAddresses.some(admitsInternet)) continue;
      const ports = portsText(rule.destinationPorts);
      const protocols = [rule.protocol];
      for (const subnet of subnets) {
        const label = subnetLabel(model, subnet);
        const port = firstPort(rule.destinationPorts);
        const protocol: Protocol = rule.protocol === 'Udp' ? 'Udp' : rule.protocol === 'Icmp' ? 'Icmp' : 'Tcp';
        const verdict = port === undefined ? undefined : verifyFlow(model, { source: { ip: sourceProbe(rule.sourceAddresses), serviceTags: ['Internet'] }, destination: { subnet: label }, port, protocol });
        exposures.push({
          kind: 'nsg-internet-allow',
          key: `nsg-internet-allow ${nsg.name}/${rule.name} -> ${label}`,
          entry: `${label} (${vnetOf(model, subnet)?.name ?? '?'}) port ${ports}`,
          target: `${label}:${ports}`,
          targetSubnetKey: subnet.key,
          protocols,
          sources: rule.sourceAddresses.map(addressText),
          rule: `${nsg.name}/${rule.name}`,
          resource: rule.resource,
          stack: rule.stack,
          reachable: verdict?.outcome ?? 'unknown',
          explanation: verdict?.explanation ?? 'the rule\'s ports could not be read',
        });
      }
    }
  }
  return exposures;
}

/** Does `head` admit Internet sources that `base` did not (wider sources, or a new entry)? */
export function widensExposure(head: Exposure, base: Exposure | undefined): boolean {
  if (!base) return true;
  return head.sources.some((source) => !base.sources.some((known) => covers(known, source)));
}

function covers(outer: string, inner: string): boolean {
  if (isAny(outer)) return true;
  if (isAny(inner)) return false;
  const a = cidrRange(outer);
  const b = cidrRange(inner);
  return a !== undefined && b !== undefined ? a.first <= b.first && b.last <= a.last : outer === inner;
}

function isAny(text: string): boolean {
  return ['*', 'any', 'internet', '0.0.0.0/0'].includes(text.toLowerCase());
}

function cidrRange(text: string): { first: bigint; last: bigint } | undefined {
  return parseAddressRange(text);
}

/** An address item that lets some Internet (non-private) address in. */
function admitsInternet(item: AddressItem): boolean {
  if (item.kind === 'any') return true;
  if (item.kind === 'tag') return item.tag.toLowerCase() === 'internet';
  if (item.kind === 'range') return !(isPrivateAddress(item.first) && isPrivateAddress(item.last));
  return false;
}

/** An Internet address the sources admit: the matrix's probe when it is admitted, else the first public one. */
function sourceProbe(items: readonly AddressItem[]): string {
  const range = items.find((item): item is Extract<AddressItem, { kind: 'range' }> => item.kind === 'range' && !isPrivateAddress(item.first));
  if (items.some((item) => item.kind === 'any' || (item.kind === 'tag' && item.tag.toLowerCase() === 'internet')) || !range) return INTERNET_PROBE_ADDRESS;
  const probe = parseIpv4(INTERNET_PROBE_ADDRESS) as bigint;
  return range.first <= probe && probe <= range.last ? INTERNET_PROBE_ADDRESS : formatIpv4(range.first === 0n ? 1n : range.first);
}

function firstPort(ports: readonly PortItem[]): number | undefined {
  const port = ports.find((p): p is { from: number; to: number } => !('unresolved' in p));
  return port?.from;
}
