/**
 * Azure's rules for a firewall policy's tier-dependent features, shared by the FirewallPolicy construct and the
 * config checks of `hub.firewall` (config/plan.ts).
 */
import { PropertyProblem } from './property-problems';

export type FirewallTier = 'Standard' | 'Premium';
export type ThreatIntelligenceMode = 'Alert' | 'Deny';
export type IntrusionDetectionMode = 'Off' | 'Alert' | 'Deny';

/** The policy settings the rules read (FirewallPolicyProps and `hub.firewall` both fit). */
export interface FirewallPolicySettings {
  /** @default 'Premium' */
  readonly tier?: FirewallTier;
  /** @default - 'Deny' on Premium, 'Off' on Standard */
  readonly intrusionDetectionMode?: IntrusionDetectionMode;
  /** @default true */
  readonly dnsProxyEnabled?: boolean;
  /** @default - none (Azure DNS) */
  readonly dnsServers?: readonly string[];
  /** Set when TLS inspection is wanted (the CA's details do not matter to the rules). */
  readonly tlsInspection?: unknown;
}

/** The IDPS mode a policy gets: as set, else Deny on Premium and Off on Standard. */
export function effectiveIntrusionDetectionMode(settings: FirewallPolicySettings): IntrusionDetectionMode {
  return settings.intrusionDetectionMode ?? ((settings.tier ?? 'Premium') === 'Premium' ? 'Deny' : 'Off');
}

/** IDPS and TLS inspection need the Premium tier; upstream DNS servers need the DNS proxy. */
export function firewallPolicyProblems(settings: FirewallPolicySettings): PropertyProblem[] {
  const problems: PropertyProblem[] = [];
  const tier = settings.tier ?? 'Premium';
  const intrusionDetectionMode = effectiveIntrusionDetectionMode(settings);
  if (tier !== 'Premium' && intrusionDetectionMode !== 'Off') {
    problems.push({
      path: 'intrusionDetectionMode',
      message: `is '${intrusionDetectionMode}', but IDPS needs the Premium tier (tier is '${tier}')`,
      fix: "set tier: 'Premium' or intrusionDetectionMode: 'Off'",
    });
  }
  if (!(settings.dnsProxyEnabled ?? true) && (settings.dnsServers ?? []).length > 0) {
    problems.push({ path: 'dnsServers', message: 'are set but dnsProxyEnabled is false', fix: 'enable the DNS proxy or remove the servers' });
  }
  if (settings.tlsInspection !== undefined && tier !== 'Premium') {
    problems.push({
      path: 'tlsInspection',
      message: `needs the Premium tier (tier is '${tier}'); TLS inspection is a Premium feature`,
      fix: "set tier: 'Premium' or remove the TLS inspection CA",
    });
  }
  return problems;
}
