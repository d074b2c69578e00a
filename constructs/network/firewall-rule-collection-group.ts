import { Construct } from 'constructs';
import { applicationPortProblem, fqdnProblem, networkDestinationProblem } from '../../lib/firewall-rule-limits';
import { AzurermFirewallPolicyRuleCollectionGroup } from '../../providers/azurerm';

// The rule limits live in lib/ so config validation applies the same functions without loading provider bindings.
export { APPLICATION_RULE_PORTS, applicationPortProblem, fqdnProblem, networkDestinationProblem } from '../../lib/firewall-rule-limits';

export type FirewallRuleAction = 'Allow' | 'Deny' | 'Dnat';
export type NetworkRuleProtocol = 'TCP' | 'UDP' | 'ICMP' | 'Any';

/** A network rule: layer-4 match on addresses (CIDRs, IPs, service tags) or FQDNs (DNS proxy), ports, protocols. */
export interface FirewallNetworkRule {
  readonly name: string;
  readonly sourceAddresses: readonly string[];
  /** CIDRs, IPs, `*` or service tags such as `AzureMonitor`. Exactly one of this and `destinationFqdns`. */
  readonly destinationAddresses?: readonly string[];
  /** Resolved by the firewall's DNS proxy. */
  readonly destinationFqdns?: readonly string[];
  /** `443`, `8000-8100` or `*`. */
  readonly destinationPorts: readonly string[];
  readonly protocols: readonly NetworkRuleProtocol[];
}

/** An application rule: HTTP/S or MSSQL by FQDN or FQDN tag. */
export interface FirewallApplicationRule {
  readonly name: string;
  readonly sourceAddresses: readonly string[];
  readonly destinationFqdns?: readonly string[];
  /** Azure-maintained FQDN sets such as `WindowsUpdate`. */
  readonly destinationFqdnTags?: readonly string[];
  readonly protocols: readonly { readonly type: 'Http' | 'Https' | 'Mssql'; readonly port: number }[];
  /**
   * Decrypt and inspect HTTPS (needs the policy's TLS inspection CA).
   * @default false
   */
  readonly terminateTls?: boolean;
}

/** A DNAT rule: traffic to the firewall's public IP and port is translated to a private address. */
export interface FirewallNatRule {
  readonly name: string;
  /** Who may connect: CIDRs or `*`. */
  readonly sourceAddresses: readonly string[];
  /** The firewall public IP (an address or a reference to it). */
  readonly destinationAddress: string;
  readonly destinationPorts: readonly string[];
  readonly protocols: readonly ('TCP' | 'UDP')[];
  /** Private address traffic is sent to, e.g. a web tier's internal load balancer. */
  readonly translatedAddress: string;
  readonly translatedPort: number;
}

export interface FirewallRuleCollection<R> {
  readonly name: string;
  /** 100-65000, unique in the group; lower is processed first. */
  readonly priority: number;
  readonly action: FirewallRuleAction;
  readonly rules: readonly R[];
}

export interface FirewallRuleCollectionGroupProps {
  readonly firewallPolicyId: string;
  /** Group name, e.g. `rcg-spoke-shop`. */
  readonly name: string;
  /** 100-65000, unique in the policy; lower is processed first. */
  readonly priority: number;
  /**
   * @default - none
   */
  readonly networkRuleCollections?: readonly FirewallRuleCollection<FirewallNetworkRule>[];
  /**
   * @default - none
   */
  readonly applicationRuleCollections?: readonly FirewallRuleCollection<FirewallApplicationRule>[];
  /**
   * DNAT collections; their action must be `Dnat`.
   * @default - none
   */
  readonly natRuleCollections?: readonly FirewallRuleCollection<FirewallNatRule>[];
  /**
   * Groups to create first: Azure updates a policy one group at a time.
   * @default - none
   */
  readonly after?: readonly FirewallRuleCollectionGroup[];
}

/**
 * A rule collection group of a firewall policy. Created through `FirewallPolicy.addRuleCollectionGroup`, which
 * chains groups so Terraform never updates the same policy twice at once. Anything no rule allows is denied by the
 * firewall.
 *
 * @resource azurerm_firewall_policy_rule_collection_group
 */
export class FirewallRuleCollectionGroup extends Construct {
  public readonly resource: AzurermFirewallPolicyRuleCollectionGroup;
  public readonly priority: number;
  public readonly groupName: string;

  constructor(scope: Construct, id: string, props: FirewallRuleCollectionGroupProps) {
    super(scope, id);
    const problems = groupProblems(props);
    if (problems.length > 0) throw new Error(`FirewallRuleCollectionGroup '${props.name}': ${problems.join('; ')}`);
    this.priority = props.priority;
    this.groupName = props.name;

    this.resource = new AzurermFirewallPolicyRuleCollectionGroup(this, 'Resource', {
      name: props.name,
      firewallPolicyId: props.firewallPolicyId,
      priority: props.priority,
      networkRuleCollection: props.networkRuleCollections?.map((c) =>
        collection(c, (r) => ({
          name: r.name,
          protocols: [...r.protocols],
          sourceAddresses: [...r.sourceAddresses],
          destinationAddresses: r.destinationAddresses ? [...r.destinationAddresses] : undefined,
          destinationFqdns: r.destinationFqdns ? [...r.destinationFqdns] : undefined,
          destinationPorts: [...r.destinationPorts],
        })),
      ),
      applicationRuleCollection: props.applicationRuleCollections?.map((c) =>
        collection(c, (r) => ({
          name: r.name,
          sourceAddresses: [...r.sourceAddresses],
          destinationFqdns: r.destinationFqdns ? [...r.destinationFqdns] : undefined,
          destinationFqdnTags: r.destinationFqdnTags ? [...r.destinationFqdnTags] : undefined,
          protocols: r.protocols.map((p) => ({ type: p.type, port: p.port })),
          terminateTls: r.terminateTls,
        })),
      ),
      natRuleCollection: props.natRuleCollections?.map((c) =>
        collection(c, (r) => ({
          name: r.name,
          protocols: [...r.protocols],
          sourceAddresses: [...r.sourceAddresses],
          destinationAddress: r.destinationAddress,
          destinationPorts: [...r.destinationPorts],
          translatedAddress: r.translatedAddress,
          translatedPort: r.translatedPort,
        })),
      ),
      dependsOn: props.after?.map((g) => g.resource),
    });
  }
}

function collection<R, T>(c: FirewallRuleCollection<R>, toRule: (rule: R) => T) {
  return { name: c.name, priority: c.priority, action: c.action, rule: c.rules.map(toRule) };
}

function groupProblems(props: FirewallRuleCollectionGroupProps): string[] {
  const problems: string[] = [];
  const priority = (what: string, value: number) => {
    if (!Number.isInteger(value) || value < 100 || value > 65000) problems.push(`${what} priority ${value} is outside 100-65000`);
  };
  priority('group', props.priority);
  const collections = [...(props.networkRuleCollections ?? []), ...(props.applicationRuleCollections ?? []), ...(props.natRuleCollections ?? [])];
  if (collections.length === 0) problems.push('has no rule collections; add one or do not create the group');
  const seen = new Map<number, string>();
  for (const c of collections) {
    priority(`collection '${c.name}'`, c.priority);
    const clash = seen.get(c.priority);
    if (clash) problems.push(`collections '${clash}' and '${c.name}' share priority ${c.priority}`);
    seen.set(c.priority, c.name);
    if (c.rules.length === 0) problems.push(`collection '${c.name}' has no rules`);
  }
  for (const c of props.networkRuleCollections ?? []) {
    for (const r of c.rules) {
      if (!r.destinationAddresses?.length === !r.destinationFqdns?.length) problems.push(`network rule '${r.name}' needs exactly one of destinationAddresses or destinationFqdns`);
      if (r.sourceAddresses.length === 0 || r.destinationPorts.length === 0) problems.push(`network rule '${r.name}' needs sources and ports`);
      for (const address of r.destinationAddresses ?? []) {
        const problem = networkDestinationProblem(address);
        if (problem) problems.push(`network rule '${r.name}': ${problem}`);
      }
      for (const fqdn of r.destinationFqdns ?? []) {
        const problem = fqdnProblem(fqdn, 'network');
        if (problem) problems.push(`network rule '${r.name}': ${problem}`);
      }
    }
  }
  for (const c of props.natRuleCollections ?? []) {
    if (c.action !== 'Dnat') problems.push(`NAT collection '${c.name}' has action ${c.action}; DNAT collections take action Dnat`);
    for (const r of c.rules) {
      if (!Number.isInteger(r.translatedPort) || r.translatedPort < 1 || r.translatedPort > 65535) problems.push(`NAT rule '${r.name}' translates to port ${r.translatedPort}, outside 1-65535`);
      if (r.destinationPorts.length !== 1) problems.push(`NAT rule '${r.name}' needs exactly one destination port (Azure translates one port per rule)`);
    }
  }
  for (const c of [...(props.networkRuleCollections ?? []), ...(props.applicationRuleCollections ?? [])]) {
    if (c.action === 'Dnat') problems.push(`collection '${c.name}' has action Dnat; only NAT collections take it`);
  }
  for (const c of props.applicationRuleCollections ?? []) {
    for (const r of c.rules) {
      if (!r.destinationFqdns?.length && !r.destinationFqdnTags?.length) problems.push(`application rule '${r.name}' needs destinationFqdns or destinationFqdnTags`);
      if (r.sourceAddresses.length === 0 || r.protocols.length === 0) problems.push(`application rule '${r.name}' needs sources and protocols`);
      for (const fqdn of r.destinationFqdns ?? []) {
        const problem = fqdnProblem(fqdn, 'application');
        if (problem) problems.push(`application rule '${r.name}': ${problem}`);
      }
      for (const protocol of r.protocols) {
        const problem = applicationPortProblem(protocol.port);
        if (problem) problems.push(`application rule '${r.name}': ${problem}`);
      }
    }
  }
  return problems;
}
