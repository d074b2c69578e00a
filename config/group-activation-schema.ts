/**
 * `identity.pim.groupActivation`: the PIM for Groups settings of every privileged access group (an `adminGroups` entry
 * that holds roles): how long a membership activation lasts and what it requires.
 */
import { z } from 'zod';
import { ActivationDuration, AuthenticationContext } from './privileged-access-schema';
import { Guid } from './schema-primitives';

export const GroupActivationSchema = z
  .strictObject({
    maximumDuration: ActivationDuration.default('PT4H').meta({ description: 'Longest membership activation (PT30M-PT4H)' }),
    authenticationContext: AuthenticationContext.optional().meta({ description: 'Authentication context required on activation instead of plain MFA' }),
    requireApproval: z.boolean().default(false).meta({ description: 'Activations wait for an approver from approverGroupObjectIds' }),
    approverGroupObjectIds: z.array(Guid).default([]).meta({ description: 'Groups whose members approve activations (never only eligible members: a lockout cause)' }),
    eligibleExpiry: z.enum(['P15D', 'P30D', 'P90D', 'P180D', 'P365D']).default('P365D').meta({ description: 'Eligible memberships expire after this period' }),
    notificationEmails: z
      .array(z.email({ error: (issue) => `'${String(issue.input)}' is not an email address` }))
      .default([])
      .meta({ description: 'Who is told of every activation and assignment besides the default recipients' }),
  })
  .prefault({});

export type GroupActivationConfig = z.output<typeof GroupActivationSchema>;
