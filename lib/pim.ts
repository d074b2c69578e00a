/** PIM facts shared by config validation, constructs and policy rules: activation limits and expiry periods. */

/** Azure roles whose PIM settings the landing zone manages (everything above Reader that can change or grant). */
export const PIM_MANAGED_AZURE_ROLES = ['Owner', 'User Access Administrator', 'Contributor', 'Role Based Access Control Administrator'] as const;
export type PimManagedAzureRole = (typeof PIM_MANAGED_AZURE_ROLES)[number];

/** Roles nobody but the deployment identity may hold standing (implementation guide: no permanent Owner or UAA). */
export const NO_STANDING_ROLES = ['Owner', 'User Access Administrator'] as const;

/** Eligible/active assignment lifetimes PIM accepts for Azure resources and groups (`expire_after`), in days. */
export const PIM_EXPIRY_DAYS = { P15D: 15, P30D: 30, P90D: 90, P180D: 180, P365D: 365 } as const;
export type PimExpiry = keyof typeof PIM_EXPIRY_DAYS;
export const PIM_EXPIRY_PERIODS = Object.keys(PIM_EXPIRY_DAYS) as PimExpiry[];

/** The longest activation the baseline allows (implementation guide: "maximum 4-hour activation window"). */
export const MAXIMUM_ACTIVATION_MINUTES = 240;

const ACTIVATION = /^PT(?:(\d+)H)?(?:(\d+)M)?$/;

/** Minutes of a `PT<h>H<m>M` duration, or undefined when it has another shape. */
export function activationMinutes(duration: string): number | undefined {
  const match = ACTIVATION.exec(duration);
  if (!match || (match[1] === undefined && match[2] === undefined)) return undefined;
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}
