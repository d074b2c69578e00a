/** Public types of flow verification. */
import { Protocol } from './match';

export type { Protocol } from './match';

/** A subnet by its Azure name (`snet-web-app1-dev-weu`), or `vnetName/subnetName` when the name is ambiguous. */
export interface SubnetEndpoint {
  readonly subnet: string;
}

/** An address, e.g. an Internet client; tags and ASGs say what rules referencing them should treat it as. */
export interface IpEndpoint {
  readonly ip: string;
  readonly serviceTags?: readonly string[];
  /** ASG names (or `azurerm_application_security_group.<logicalId>` addresses) of the NIC with this address. */
  readonly applicationSecurityGroups?: readonly string[];
}

export type Endpoint = SubnetEndpoint | IpEndpoint;

/** The question: can `source` reach `destination` on `port`/`protocol`? */
export interface FlowQuery {
  readonly source: Endpoint;
  readonly destination: Endpoint;
  readonly port: number;
  readonly protocol: Protocol;
}

/** What decided a verdict, naming the exact rule or resource. */
export type Decision =
  | {
      readonly kind: 'nsg-rule';
      readonly nsg: string;
      readonly rule: string;
      readonly priority: number;
      readonly direction: 'Inbound' | 'Outbound';
      readonly access: 'Allow' | 'Deny';
      /** `azurerm_network_security_rule.<logicalId>` (or the NSG for inline rules). */
      readonly resource: string;
      readonly stack: string;
    }
  | {
      readonly kind: 'default-rule';
      readonly nsg: string;
      readonly rule: string;
      readonly priority: number;
      readonly direction: 'Inbound' | 'Outbound';
      readonly access: 'Allow' | 'Deny';
    }
  | { readonly kind: 'no-nsg'; readonly subnet: string; readonly direction: 'Inbound' | 'Outbound' }
  | {
      readonly kind: 'route';
      /** The subnet whose effective routes were used. */
      readonly subnet: string;
      readonly prefix: string;
      readonly nextHopType: string;
      readonly source: 'system' | 'user';
      readonly route?: string;
      readonly resource?: string;
      readonly stack?: string;
    }
  | { readonly kind: 'peering'; readonly from: string; readonly to: string; readonly reason: string }
  | {
      readonly kind: 'firewall-rule';
      readonly firewall: string;
      readonly policy: string;
      readonly ruleCollectionGroup: string;
      readonly ruleCollection: string;
      readonly rule: string;
      readonly ruleType: 'network' | 'application';
      readonly action: 'Allow' | 'Deny';
      readonly resource: string;
      readonly stack: string;
    }
  | { readonly kind: 'firewall-default-deny'; readonly firewall: string; readonly policy: string }
  | {
      readonly kind: 'unresolved';
      readonly resource: string;
      readonly stack: string;
      readonly attribute: string;
      readonly expression: string;
      readonly reason: string;
    };

/** One step of the evaluated path. */
export interface Hop {
  readonly step: 'dnat' | 'source-nsg' | 'route' | 'firewall' | 'firewall-route' | 'destination-nsg';
  /** The subnet, route or firewall the step happened at. */
  readonly at: string;
  readonly result: 'allow' | 'deny' | 'unknown' | 'forward';
  readonly detail: string;
}

/** The DNAT rule that published the destination, and the translation it made. */
export interface DnatTranslation {
  readonly firewall: string;
  readonly policy: string;
  readonly ruleCollectionGroup: string;
  readonly ruleCollection: string;
  readonly rule: string;
  /** `azurerm_firewall_policy_rule_collection_group.<logicalId>`. */
  readonly resource: string;
  readonly stack: string;
  /** The firewall public IP (its name when the address is assigned at apply) and the public port(s). */
  readonly publicAddress: string;
  readonly publicPorts: string;
  readonly translatedAddress: string;
  readonly translatedPort: number;
  readonly protocols: readonly string[];
  /** The rule's source addresses as written (`*` = any Internet address). */
  readonly sources: readonly string[];
}

/** Answer to a `FlowQuery`, like Network Watcher's IP flow verify, but before deployment. */
export interface FlowVerdict {
  readonly outcome: 'allowed' | 'denied' | 'unknown';
  readonly viaFirewall: boolean;
  /** Set when the flow entered through a firewall DNAT rule (Internet ingress to a published target). */
  readonly dnat?: DnatTranslation;
  /** For 'allowed': the destination's inbound decision (or the last gate for an Internet destination). */
  readonly decidedBy: Decision;
  readonly hops: Hop[];
  /** One human-readable line. */
  readonly explanation: string;
}
