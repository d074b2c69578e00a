/** Facts stacks record for the pack in their top-level `"//"` block (cdktf keeps it in the synthesized JSON). */

/** The regions a stack's resources may use (`"//": { "allowedLocations": [...] }`), for ZT-INF-008. */
export const ALLOWED_LOCATIONS_KEY = 'allowedLocations';

// A tenant-wide stack (`<tenant>-governance`) is declared where the verifier, which sits below the pack, can read it.
export { TENANT_WIDE_KEY, isTenantWide } from '../../verifier/load';
