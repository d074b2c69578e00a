/**
 * `identity.pim.groupActivation`: the PIM for Groups settings of every privileged access group (an `adminGroups` entry
 * that holds roles): how long a membership activation lasts and what it requires.
 */
import { z } from 'zod';
import { ActivationDuration, AuthenticationContext } from './privileged-access-schema';
import { PIM_EXPIRY_PERIODS } from '../lib/pim';
import { Guid } from './schema-primitives';

export const GroupActivationSchema = z
  .strictObject({
    maximumDuration: ActivationDuration.default('PT4H').meta({ description: 'Longest membership activation (PT30M-PT4H)' }),
    authenticationContext: AuthenticationContext.optional().meta({ description: 'Authentication context required on activation instead of plain MFA' }),
    requireApproval: z.boolean().default(false).meta({ description: 'Activations wait for an approver from approverGroupObjectIds' }),
    approverGroupObjectIds: z.array(Guid).default([]).meta({ description: 'Groups whose members approve activations (never only eligible members: a lockout cause)' }),
    eligibleExpiry: z.enum(PIM_EXPIRY_PERIODS as [string, ...string[]]).default('P365D').meta({ description: 'Eligible memberships expire after this period' }),
    notificationEmails: z
      .array(z.email({ error: (issue) => `'${String(issue.input)}' is not an email address` }))
      .default([])
      .meta({ description: 'Who is told of every activation and assignment besides the default recipients' }),
  })
  .prefault({});

export type GroupActivationConfig = z.output<typeof GroupActivationSchema>;

/** Approximate days of an ISO 8601 duration (`P180D`, `P1Y`, `P2W`), or undefined for other shapes. */
function durationDays(duration: string): number | undefined {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T.*)?$/.exec(duration);
  if (!match) return undefined;
  return Number(match[1] ?? 0) * 365 + Number(match[2] ?? 0) * 30 + Number(match[3] ?? 0) * 7 + Number(match[4] ?? 0);
}

/** An eligible membership the group's PIM policy would reject: permanent, or longer than the eligible expiry. */
export function groupActivationIssues(identity: {
  readonly adminGroups: readonly { readonly roles: readonly string[]; readonly eligibleMembers: readonly { readonly duration: string }[] }[];
  readonly pim: { readonly groupActivation: GroupActivationConfig };
}): { path: (string | number)[]; message: string }[] {
  const { groupActivation } = identity.pim;
  const limit = durationDays(groupActivation.eligibleExpiry) as number;
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (groupActivation.requireApproval && groupActivation.approverGroupObjectIds.length === 0) {
    issues.push({ path: ['pim', 'groupActivation', 'approverGroupObjectIds'], message: 'is empty while requireApproval is true: nobody could approve an activation; name an approver group or set requireApproval: false' });
  }
  identity.adminGroups.forEach((group, i) => {
    if (group.roles.length === 0) return;
    group.eligibleMembers.forEach((member, j) => {
      const days = member.duration === 'permanent' ? Infinity : durationDays(member.duration);
      if (days !== undefined && days > limit) {
        issues.push({
          path: ['adminGroups', i, 'eligibleMembers', j, 'duration'],
          message: `'${member.duration}' outlasts pim.groupActivation.eligibleExpiry (${groupActivation.eligibleExpiry}), so PIM would reject the request; use at most ${groupActivation.eligibleExpiry}`,
        });
      }
    });
  });
  return issues;
}
