/** Facts stacks record for the pack in their top-level `"//"` block (cdktf keeps it in the synthesized JSON). */

/** The regions a stack's resources may use (`"//": { "allowedLocations": [...] }`), for ZT-INF-006. */
export const ALLOWED_LOCATIONS_KEY = 'allowedLocations';

/**
 * A tenant-wide stack (`<tenant>-governance`): its azurerm provider names a subscription only to authenticate; it
 * deploys nothing into it, so per-subscription and per-environment rules do not expect one there.
 */
export const TENANT_WIDE_KEY = 'tenantWide';

/** Whether a stack's JSON declares itself tenant-wide. */
export function isTenantWide(json: Record<string, unknown>): boolean {
  return (json['//'] as Record<string, unknown> | undefined)?.[TENANT_WIDE_KEY] === true;
}
