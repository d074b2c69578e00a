/**
 * The platform egress baseline: what every spoke may reach through the firewall so that machines can be monitored,
 * sign in and patch. Config picks entries by key (`hub.firewall.platformEgress`); everything else stays denied.
 */

/** An application rule (HTTP/S by FQDN or FQDN tag). */
export interface ApplicationEgressRule {
  readonly name: string;
  readonly fqdns?: readonly string[];
  /** Azure Firewall FQDN tags such as `WindowsUpdate`. */
  readonly fqdnTags?: readonly string[];
  readonly protocols: readonly { readonly type: 'Http' | 'Https' | 'Mssql'; readonly port: number }[];
}

/** A network rule (addresses, service tags or FQDNs, with ports). FQDNs need the firewall's DNS proxy. */
export interface NetworkEgressRule {
  readonly name: string;
  /** CIDRs, IPs or service tags (`AzureMonitor`). */
  readonly destinations?: readonly string[];
  readonly fqdns?: readonly string[];
  readonly ports: readonly string[];
  readonly protocols: readonly ('TCP' | 'UDP' | 'ICMP' | 'Any')[];
}

export interface EgressBaselineEntry {
  readonly description: string;
  readonly applicationRules: readonly ApplicationEgressRule[];
  readonly networkRules: readonly NetworkEgressRule[];
}

const HTTP_AND_HTTPS = [
  { type: 'Http', port: 80 },
  { type: 'Https', port: 443 },
] as const;

export const PLATFORM_EGRESS = {
  'azure-monitor': {
    description: 'Azure Monitor agent ingestion and configuration (service tag AzureMonitor, TCP 443)',
    applicationRules: [],
    networkRules: [{ name: 'azure-monitor', destinations: ['AzureMonitor'], ports: ['443'], protocols: ['TCP'] }],
  },
  'entra-id': {
    description: 'Microsoft Entra ID sign-in and token endpoints (service tag AzureActiveDirectory, TCP 443)',
    applicationRules: [],
    networkRules: [{ name: 'entra-id', destinations: ['AzureActiveDirectory'], ports: ['443'], protocols: ['TCP'] }],
  },
  'windows-update': {
    description: 'Windows Update (FQDN tag WindowsUpdate) and Azure KMS activation (TCP 1688)',
    applicationRules: [{ name: 'windows-update', fqdnTags: ['WindowsUpdate'], protocols: HTTP_AND_HTTPS }],
    networkRules: [{ name: 'windows-kms', fqdns: ['azkms.core.windows.net', 'kms.core.windows.net'], ports: ['1688'], protocols: ['TCP'] }],
  },
  'ubuntu-updates': {
    description: 'Ubuntu package mirrors (Azure mirror, archive, security)',
    applicationRules: [
      {
        name: 'ubuntu-updates',
        fqdns: ['azure.archive.ubuntu.com', 'archive.ubuntu.com', 'security.ubuntu.com', 'changelogs.ubuntu.com'],
        protocols: HTTP_AND_HTTPS,
      },
    ],
    networkRules: [],
  },
  ntp: {
    description: 'Time synchronisation with time.windows.com (UDP 123)',
    applicationRules: [],
    networkRules: [{ name: 'ntp', fqdns: ['time.windows.com'], ports: ['123'], protocols: ['UDP'] }],
  },
} as const satisfies Record<string, EgressBaselineEntry>;

export type PlatformEgressKey = keyof typeof PLATFORM_EGRESS;
export const PLATFORM_EGRESS_KEYS = Object.keys(PLATFORM_EGRESS).sort() as PlatformEgressKey[];

/** Whether any network rule of the entry names FQDNs (which needs the firewall DNS proxy). */
export function usesNetworkFqdns(rules: readonly NetworkEgressRule[]): boolean {
  return rules.some((rule) => (rule.fqdns?.length ?? 0) > 0);
}
