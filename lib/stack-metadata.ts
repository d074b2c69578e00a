/**
 * Facts stacks record for the readers of `cdktf.out` (the policy pack, the verifier) in their top-level `"//"` block,
 * which cdktf keeps in the synthesized JSON.
 */

/** The regions a stack's resources may use (`"//": { "allowedLocations": [...] }`), for ZT-INF-008. */
export const ALLOWED_LOCATIONS_KEY = 'allowedLocations';

/**
 * A tenant-wide stack (`<tenant>-governance`): its azurerm provider names a subscription only to authenticate; it
 * deploys no network and nothing into that subscription, so per-subscription and per-environment checks skip it.
 */
export const TENANT_WIDE_KEY = 'tenantWide';

/** Whether a stack's JSON declares itself tenant-wide. */
export function isTenantWide(json: object): boolean {
  return ((json as Record<string, unknown>)['//'] as Record<string, unknown> | undefined)?.[TENANT_WIDE_KEY] === true;
}
