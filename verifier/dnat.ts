/**
 * Internet ingress through Azure Firewall DNAT: a connection from the Internet to the firewall's public address and
 * a published port is translated to a private target (address and port), SNATed to a firewall private IP, and then
 * routed and filtered like any flow leaving the firewall. DNAT rules are evaluated before network and application
 * rules, and a matching DNAT rule allows the translated traffic by itself (Azure adds the implicit network rule).
 */
import { FlowEndpoint, MatchResult, Protocol, all, matchAddresses, yesNo } from './match';
import { AddressItem, Firewall, FirewallNatRule, FirewallNatRuleCollection, FirewallRuleCollectionGroup, NetworkModel, PortItem } from './model';
import { UnresolvedReference } from './references';
import { formatIpv4 } from '../lib/ip';
import { DnatTranslation } from './types';

/** What the Internet client asks for: the private target (address or subnet) and the port it listens on. */
export interface DnatQuery {
  readonly source: FlowEndpoint;
  /** The target must lie in one of these ranges: a subnet's prefixes, or a single address. */
  readonly target: readonly { readonly first: bigint; readonly last: bigint }[];
  readonly port: number;
  readonly protocol: Protocol;
}

export interface DnatMatch {
  readonly firewall: Firewall;
  readonly group: FirewallRuleCollectionGroup;
  readonly collection: FirewallNatRuleCollection;
  readonly rule: FirewallNatRule;
  /** The translated address (inside the query's target). */
  readonly translatedIp: bigint;
}

export type DnatOutcome = { readonly kind: 'match'; readonly match: DnatMatch } | { readonly kind: 'unknown'; readonly unresolved: UnresolvedReference } | undefined;

/**
 * The first DNAT rule (groups, then collections by priority, rules in order) that publishes the target on the
 * query's port for this source, on any firewall of the environment; undefined when none does.
 */
export function findDnatRule(model: NetworkModel, query: DnatQuery): DnatOutcome {
  for (const firewall of model.firewalls) {
    const groups = model.ruleCollectionGroups
      .filter((group) => group.policyKey === firewall.policyKey)
      .sort((a, b) => a.priority - b.priority || compare(a.name, b.name));
    for (const group of groups) {
      for (const collection of [...group.nat].sort((a, b) => a.priority - b.priority || compare(a.name, b.name))) {
        for (const rule of collection.rules) {
          const translatedIp = rule.translated?.ip;
          if (translatedIp === undefined) continue; // a translated FQDN cannot be placed offline
          if (!query.target.some((range) => range.first <= translatedIp && translatedIp <= range.last)) continue;
          if (rule.translatedPort !== query.port) continue;
          const result = matchNatRule(rule, query);
          if (result.match === 'unknown') return { kind: 'unknown', unresolved: result.unresolved as UnresolvedReference };
          if (result.match === 'yes') {
            if (rule.unresolved) return { kind: 'unknown', unresolved: rule.unresolved };
            return { kind: 'match', match: { firewall, group, collection, rule, translatedIp } };
          }
        }
      }
    }
  }
  return undefined;
}

function matchNatRule(rule: FirewallNatRule, query: DnatQuery): MatchResult {
  return all([yesNo(rule.protocols.some((p) => p === 'ANY' || p === query.protocol.toUpperCase())), matchAddresses(rule.sources, query.source)]);
}

/** The translation as verdicts and reports show it. */
export function describeDnat(model: NetworkModel, match: DnatMatch): DnatTranslation {
  const { firewall, group, collection, rule } = match;
  return {
    firewall: firewall.name,
    policy: model.policies[firewall.policyKey ?? ''] ?? '?',
    ruleCollectionGroup: group.name,
    ruleCollection: collection.name,
    rule: rule.name,
    resource: group.resource,
    stack: group.stack,
    publicAddress: rule.destination.text,
    publicPorts: portsText(rule.ports),
    translatedAddress: formatIpv4(match.translatedIp),
    translatedPort: rule.translatedPort as number,
    protocols: rule.protocols,
    sources: rule.sources.map(addressItemText),
  };
}

/** An address item as written: `*`, a prefix or range, a service tag, an ASG name; `?` when unresolved. */
export function addressItemText(item: AddressItem): string {
  switch (item.kind) {
    case 'any':
      return '*';
    case 'range':
      return item.text;
    case 'tag':
      return item.tag;
    case 'asg':
      return item.name;
    case 'unresolved':
      return '?';
  }
}

/** `443`, `8000-8100`, `80, 443`. */
export function portsText(ports: readonly PortItem[]): string {
  return ports.map((port) => ('unresolved' in port ? '?' : port.from === port.to ? String(port.from) : `${port.from}-${port.to}`)).join(', ');
}

/** `rcg/collection/rule on <public>:<port> -> <target>:<port>`. */
export function dnatText(dnat: DnatTranslation): string {
  return `DNAT ${dnat.ruleCollectionGroup}/${dnat.ruleCollection}/${dnat.rule} on ${dnat.publicAddress}:${dnat.publicPorts} -> ${dnat.translatedAddress}:${dnat.translatedPort}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
