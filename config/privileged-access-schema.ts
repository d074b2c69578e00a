/**
 * The `privilegedAccess` section: PIM for the Azure RBAC roles above Reader on every subscription of the environment
 * (role management policies and eligible assignments). Every field has a default, so an environment without the
 * section still gets activation rules of at most 4 hours with MFA and a justification.
 */
import { z } from 'zod';
import { activationMinutes, MAXIMUM_ACTIVATION_MINUTES, PIM_EXPIRY_PERIODS, PIM_MANAGED_AZURE_ROLES } from '../lib/pim';
import { Guid } from './schema-primitives';

export { PIM_MANAGED_AZURE_ROLES } from '../lib/pim';

/** An activation window: `PT30M` to `PT4H`. */
export const ActivationDuration = z.string().superRefine((value, ctx) => {
  const minutes = activationMinutes(value);
  if (minutes === undefined) ctx.addIssue({ code: 'custom', message: `'${value}' is not an ISO 8601 duration in hours and minutes such as PT4H or PT1H30M` });
  else if (minutes < 30 || minutes > MAXIMUM_ACTIVATION_MINUTES) ctx.addIssue({ code: 'custom', message: `'${value}' is outside PT30M-PT4H: the baseline allows activations of at most 4 hours` });
});

/** A Conditional Access authentication context ID (`c1`-`c99`). */
export const AuthenticationContext = z.string().regex(/^c([1-9]|[1-9][0-9])$/, { error: (issue) => `'${String(issue.input)}' is not an authentication context ID c1-c99` });

const AzureEligibleAssignment = z.strictObject({
  principalObjectId: Guid.meta({ description: 'Object ID of the admin group (preferred) or user that becomes eligible' }),
  role: z.enum(PIM_MANAGED_AZURE_ROLES),
  subscriptionId: Guid.optional().meta({ description: 'Subscription of the environment the assignment is on; default the environment subscription' }),
  justification: z.string().min(1).max(500).default('Just-in-time Azure administration through PIM (landing zone)'),
});

export const PrivilegedAccessSchema = z
  .strictObject({
    azureRoles: z
      .strictObject({
        enabled: z.boolean().default(true).meta({ description: 'Role management policies for Owner, UAA, Contributor and RBAC Administrator on every subscription' }),
        maximumActivation: ActivationDuration.default('PT4H').meta({ description: 'Longest activation (PT30M-PT4H)' }),
        authenticationContext: AuthenticationContext.optional().meta({
          description: 'Conditional Access authentication context required on activation instead of plain MFA (e.g. c1 with a phishing-resistant policy)',
        }),
        ownerApprovalRequired: z.boolean().default(false).meta({ description: 'Owner activations wait for an approver from approverGroupObjectIds (needs at least one approver group)' }),
        approverGroupObjectIds: z.array(Guid).default([]).meta({ description: 'Groups whose members approve Owner activations' }),
        eligibleExpiry: z.enum(PIM_EXPIRY_PERIODS as [string, ...string[]]).default('P180D').meta({ description: 'Eligible assignments expire after this period (re-certify)' }),
        activeExpiry: z.enum(PIM_EXPIRY_PERIODS as [string, ...string[]]).default('P15D').meta({ description: 'Direct active assignments made through PIM expire after this period' }),
        notificationEmails: z
          .array(z.email({ error: (issue) => `'${String(issue.input)}' is not an email address` }))
          .default([])
          .meta({ description: 'Who is told of every activation and assignment, besides the default recipients; default the Defender for Cloud security contact' }),
        eligibleAssignments: z.array(AzureEligibleAssignment).default([]).meta({ description: 'Eligible (not active) Azure role assignments at subscription scope' }),
      })
      .prefault({}),
  })
  .prefault({})
  .meta({ description: 'PIM for Azure RBAC on the subscriptions of the environment' });

export type PrivilegedAccessConfig = z.output<typeof PrivilegedAccessSchema>;
