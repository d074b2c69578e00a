/**
 * Azure Firewall policy evaluation for an IP flow: network rules of every rule collection group first (groups by
 * priority, then collections by priority, rules in order), then application rules; the first matching rule's
 * collection action decides; nothing matching is the firewall's default deny. DNAT rules do not apply east-west.
 */
import { FlowEndpoint, FlowSpec, MatchResult, all, matchAddresses, matchPorts, yesNo } from './match';
import { Firewall, FirewallRule, FirewallRuleCollection, FirewallRuleCollectionGroup, NetworkModel } from './model';
import { UnresolvedReference } from './references';

export interface FirewallFlow extends FlowSpec {
  readonly source: FlowEndpoint;
  readonly destination: FlowEndpoint;
}

/** Identifies the rule that decided. */
export interface FirewallRuleRef {
  readonly group: FirewallRuleCollectionGroup;
  readonly collection: FirewallRuleCollection;
  readonly rule: FirewallRule;
  readonly ruleType: 'network' | 'application';
}

export type FirewallOutcome =
  | { readonly result: 'rule'; readonly action: 'Allow' | 'Deny'; readonly matched: FirewallRuleRef }
  | { readonly result: 'default-deny'; readonly policy: string; readonly skippedFqdnRules: number }
  | { readonly result: 'unknown'; readonly unresolved: UnresolvedReference; readonly matched?: FirewallRuleRef };

/** Evaluates the firewall's policy for the flow (the original source address: no SNAT east-west). */
export function evaluateFirewall(model: NetworkModel, firewall: Firewall, flow: FirewallFlow): FirewallOutcome {
  const groups = model.ruleCollectionGroups
    .filter((group) => group.policyKey === firewall.policyKey)
    .sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
  let skippedFqdnRules = 0;
  for (const ruleType of ['network', 'application'] as const) {
    for (const group of groups) {
      const collections = [...group[ruleType]].sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
      for (const collection of collections) {
        for (const rule of collection.rules) {
          if (rule.destinations.length === 0 && rule.fqdns.length > 0) {
            // FQDN rules match by name (DNS proxy / SNI), which an IP flow does not carry: not evaluated.
            skippedFqdnRules++;
            continue;
          }
          const matched = { group, collection, rule, ruleType };
          const result = matchFirewallRule(rule, flow);
          if (result.match === 'unknown') return { result: 'unknown', unresolved: result.unresolved as UnresolvedReference, matched };
          if (result.match === 'yes') {
            return collection.action === 'Allow' || collection.action === 'Deny'
              ? { result: 'rule', action: collection.action, matched }
              : { result: 'unknown', unresolved: actionUnresolved(group, collection), matched };
          }
        }
      }
    }
  }
  return { result: 'default-deny', policy: model.policies[firewall.policyKey ?? ''] ?? '(none)', skippedFqdnRules };
}

function matchFirewallRule(rule: FirewallRule, flow: FirewallFlow): MatchResult {
  const protocol: MatchResult = rule.unresolved
    ? { match: 'unknown', unresolved: rule.unresolved }
    : yesNo(rule.protocols.some((p) => p === 'ANY' || p === flow.protocol.toUpperCase()));
  return all([
    protocol,
    matchAddresses(rule.sources, flow.source),
    matchAddresses(rule.destinations, flow.destination),
    flow.protocol === 'Icmp' ? yesNo(true) : matchPorts(rule.ports, flow.port),
  ]);
}

function actionUnresolved(group: FirewallRuleCollectionGroup, collection: FirewallRuleCollection): UnresolvedReference {
  return { resource: group.resource, stack: group.stack, attribute: `${collection.name}.action`, expression: collection.action, reason: 'not Allow or Deny' };
}
