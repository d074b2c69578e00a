/**
 * Facts stacks record for the readers of `cdktf.out` (the policy pack, the verifier) in their top-level `"//"` block,
 * which cdktf keeps in the synthesized JSON.
 */

/** The value a stack's JSON records under `key` in its `"//"` block (undefined when absent). */
export function stackMetadata(json: object, key: string): unknown {
  return ((json as Record<string, unknown>)['//'] as Record<string, unknown> | undefined)?.[key];
}

/** A production-grade stack (`"//": { "production": true }`): the pack's state rules are stricter for it. */
export const PRODUCTION_METADATA_KEY = 'production';

/** The regions a stack's resources may use (`"//": { "allowedLocations": [...] }`), for ZT-INF-008. */
export const ALLOWED_LOCATIONS_KEY = 'allowedLocations';

/**
 * A tenant-wide stack (`<tenant>-governance`): its azurerm provider names a subscription only to authenticate; it
 * deploys no network and nothing into that subscription, so per-subscription and per-environment checks skip it.
 */
export const TENANT_WIDE_KEY = 'tenantWide';

/**
 * The object ID of the identity that deploys the environment (the tenant file's `identity.deploymentIdentity`), on
 * every stack of the environment: it holds Owner standing by design, which ZT-ID-025 accepts for it alone. (The
 * tenant's identity stack is judged with the tenant's stacks, so its output is out of an environment's sight.)
 */
export const DEPLOYMENT_IDENTITY_KEY = 'deploymentIdentity';

/** The deployment identity a stack's JSON records, if any. */
export function deploymentIdentityOf(json: object): string | undefined {
  const value = stackMetadata(json, DEPLOYMENT_IDENTITY_KEY);
  return typeof value === 'string' ? value : undefined;
}

/** Whether a stack's JSON declares itself tenant-wide. */
export function isTenantWide(json: object): boolean {
  return stackMetadata(json, TENANT_WIDE_KEY) === true;
}

/**
 * Tier-to-tier flows a spoke opened in code (`ThreeTierSpoke.allowFlow`), recorded in the stack's `"//"` block so the
 * intent check (`npm run flows -- --check`, the synth gate) expects them allowed. Written only when there is one.
 */
export const DECLARED_FLOWS_KEY = 'declaredFlows';

/** One flow a construct declared, by subnet name (what the verifier queries). */
export interface DeclaredFlowRecord {
  /** Spoke (workload) name, e.g. `shop`. */
  readonly spoke: string;
  readonly fromTier: string;
  readonly toTier: string;
  readonly fromSubnet: string;
  readonly toSubnet: string;
  /** Ports or ranges, e.g. `['8443', '9000-9010']`. */
  readonly ports: readonly string[];
  readonly protocol: 'Tcp' | 'Udp';
}

/** The flows a stack's JSON declares (none when it records none). */
export function declaredFlowsOf(json: object): DeclaredFlowRecord[] {
  const value = stackMetadata(json, DECLARED_FLOWS_KEY);
  return Array.isArray(value) ? (value as DeclaredFlowRecord[]) : [];
}
