import { Construct } from 'constructs';
import { IANA_PRIVATE_RANGES } from '../../lib/cidr';
import { effectiveIntrusionDetectionMode, FirewallTier, firewallPolicyProblems, IntrusionDetectionMode, ThreatIntelligenceMode } from '../../lib/firewall-policy-rules';
import { throwIfProblems } from '../../lib/property-problems';
import { AzurermFirewallPolicy } from '../../providers/azurerm';
import { IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { defineResourceLock } from '../resource-lock';
import { FirewallRuleCollectionGroup, FirewallRuleCollectionGroupProps } from './firewall-rule-collection-group';

export type { FirewallTier, IntrusionDetectionMode, ThreatIntelligenceMode } from '../../lib/firewall-policy-rules';
export { firewallPolicyProblems } from '../../lib/firewall-policy-rules';

export interface FirewallTlsInspection {
  /** Versionless or versioned secret ID of the intermediate CA (`https://<vault>.vault.azure.net/secrets/<name>`). */
  readonly keyVaultSecretId: string;
  /** Certificate name inside the policy. */
  readonly certificateName: string;
  /** Resource ID of the user-assigned identity that reads the secret. */
  readonly identityId: string;
}


export interface FirewallPolicyProps {
  readonly resourceGroup: IResourceGroupRef;
  /** Policy name, e.g. `afwp-hub-prod-weu`. */
  readonly name: string;
  /**
   * Policy tier; it must equal the tier of every firewall that uses the policy.
   * @default 'Premium'
   */
  readonly tier?: FirewallTier;
  /**
   * Threat-intelligence filtering: 'Deny' drops traffic to and from known-malicious addresses and domains.
   * @default 'Deny'
   */
  readonly threatIntelligenceMode?: ThreatIntelligenceMode;
  /**
   * IDPS mode. Anything but 'Off' needs the Premium tier.
   * @default - 'Deny' on Premium, 'Off' on Standard
   */
  readonly intrusionDetectionMode?: IntrusionDetectionMode;
  /**
   * Ranges treated as internal: not SNATed, and IDPS's notion of "private".
   * @default IANA_PRIVATE_RANGES
   */
  readonly privateRanges?: readonly string[];
  /**
   * DNS proxy, so spokes can use the firewall as their DNS server and FQDN network rules resolve consistently.
   * @default true
   */
  readonly dnsProxyEnabled?: boolean;
  /**
   * Upstream DNS servers for the proxy.
   * @default - Azure-provided DNS (168.63.129.16)
   */
  readonly dnsServers?: readonly string[];
  /**
   * TLS inspection: the intermediate CA the firewall signs with, read from Key Vault by a user-assigned identity
   * that holds Key Vault Secrets User on it. Premium only.
   * @default - no TLS inspection
   */
  readonly tlsInspection?: FirewallTlsInspection;
  /**
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the policy (environments also lock it through `locks.enabled`); CanNotDelete only: rule changes are updates.
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

/**
 * An Azure Firewall policy with Zero Trust defaults: Premium tier, IDPS and threat intelligence in Deny mode,
 * DNS proxy on and explicit private ranges.
 *
 * @resource azurerm_firewall_policy
 */
export class FirewallPolicy extends Construct {
  public readonly firewallPolicyId: string;
  public readonly tier: FirewallTier;
  public readonly intrusionDetectionMode: IntrusionDetectionMode;
  /** Whether application rules can terminate TLS (a CA is configured). */
  public readonly tlsInspectionEnabled: boolean;
  /** The policy resource, e.g. to make it wait for the TLS identity's role assignment. */
  public readonly resource: AzurermFirewallPolicy;
  private readonly groups: FirewallRuleCollectionGroup[] = [];

  constructor(scope: Construct, id: string, props: FirewallPolicyProps) {
    super(scope, id);
    throwIfProblems('FirewallPolicy', props.name, firewallPolicyProblems(props));
    this.tier = props.tier ?? 'Premium';
    this.intrusionDetectionMode = effectiveIntrusionDetectionMode(props);
    const dnsProxyEnabled = props.dnsProxyEnabled ?? true;
    const privateRanges = [...(props.privateRanges ?? IANA_PRIVATE_RANGES)];
    this.tlsInspectionEnabled = props.tlsInspection !== undefined;

    const policy = new AzurermFirewallPolicy(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      sku: this.tier,
      threatIntelligenceMode: props.threatIntelligenceMode ?? 'Deny',
      privateIpRanges: privateRanges,
      dns: { proxyEnabled: dnsProxyEnabled, servers: props.dnsServers ? [...props.dnsServers] : undefined },
      intrusionDetection:
        this.intrusionDetectionMode === 'Off' ? undefined : { mode: this.intrusionDetectionMode, privateRanges },
      identity: props.tlsInspection ? { type: 'UserAssigned', identityIds: [props.tlsInspection.identityId] } : undefined,
      tlsCertificate: props.tlsInspection
        ? { keyVaultSecretId: props.tlsInspection.keyVaultSecretId, name: props.tlsInspection.certificateName }
        : undefined,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.firewallPolicyId = policy.id;
    defineResourceLock(this, policy.id, props.name, props.lock, 'every rule collection group update');
    this.resource = policy;
  }

  /** The rule collection groups added so far, in the order added. */
  public get ruleCollectionGroups(): readonly FirewallRuleCollectionGroup[] {
    return [...this.groups];
  }

  /**
   * Adds a rule collection group. Groups are chained (each waits for the previous one) because Azure rejects
   * concurrent updates of one policy; priorities must be unique.
   */
  public addRuleCollectionGroup(id: string, props: Omit<FirewallRuleCollectionGroupProps, 'firewallPolicyId' | 'after'>): FirewallRuleCollectionGroup {
    const clash = this.groups.find((g) => g.priority === props.priority);
    if (clash) throw new Error(`FirewallPolicy: rule collection group '${props.name}' has priority ${props.priority}, already used by '${clash.groupName}'; pick another`);
    const inspecting = [...(props.applicationRuleCollections ?? [])].flatMap((c) => c.rules).filter((r) => r.terminateTls);
    if (inspecting.length > 0 && !this.tlsInspectionEnabled) {
      throw new Error(`FirewallPolicy: rule collection group '${props.name}' has terminateTls rules (${inspecting.map((r) => r.name).join(', ')}) but the policy has no TLS inspection CA; configure tlsInspection or drop terminateTls`);
    }
    const previous = this.groups[this.groups.length - 1];
    const group = new FirewallRuleCollectionGroup(this, id, { ...props, firewallPolicyId: this.firewallPolicyId, after: previous ? [previous] : undefined });
    this.groups.push(group);
    return group;
  }
}
