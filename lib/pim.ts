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

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What an activation requires, as PIM policy resources (Azure roles and groups alike) take it. */
export interface ActivationRequirements {
  /** Longest activation, `PT30M`-`PT4H`. */
  readonly maximumDuration: string;
  /** Conditional Access authentication context required instead of plain MFA. */
  readonly authenticationContext?: string;
  /** Approver groups; approval is required when any are given. */
  readonly approverGroupObjectIds?: readonly string[];
}

/** Why the requirements break the baseline (activation over 4 hours, approvers that are not object IDs). */
export function activationProblems(requirements: ActivationRequirements): string[] {
  const problems: string[] = [];
  const minutes = activationMinutes(requirements.maximumDuration);
  if (minutes === undefined || minutes > MAXIMUM_ACTIVATION_MINUTES) problems.push(`maximum duration '${requirements.maximumDuration}' must be an ISO 8601 duration of at most PT4H`);
  for (const approver of requirements.approverGroupObjectIds ?? []) if (!GUID.test(approver)) problems.push(`approver '${approver}' is not an object ID`);
  return problems;
}

/**
 * `activation_rules` of a PIM policy: the duration, a justification, MFA or the authentication context (they exclude
 * each other), and approval by the approver groups when there are any. `approverType` is how the provider names a
 * group approver (`Group` in azurerm, `groupMembers` in azuread).
 */
export function activationRules(requirements: ActivationRequirements, approverType: 'Group' | 'groupMembers') {
  const approvers = [...(requirements.approverGroupObjectIds ?? [])].sort();
  return {
    maximumDuration: requirements.maximumDuration,
    requireJustification: true,
    ...(requirements.authenticationContext ? { requiredConditionalAccessAuthenticationContext: requirements.authenticationContext } : { requireMultifactorAuthentication: true }),
    requireApproval: approvers.length > 0,
    approvalStage: approvers.length > 0 ? { primaryApprover: approvers.map((objectId) => ({ objectId, type: approverType })) } : undefined,
  };
}

/** `notification_rules` of a PIM policy: admins (and `emails`) hear of every activation and assignment. */
export function adminNotificationRules(emails: readonly string[]) {
  const notify = { adminNotifications: { notificationLevel: 'All', defaultRecipients: true, additionalRecipients: emails.length > 0 ? [...emails].sort() : undefined } };
  return { eligibleActivations: notify, eligibleAssignments: notify, activeAssignments: notify };
}
