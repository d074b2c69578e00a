/**
 * The optional `identity` section of a tenant file (config/tenants/<tenant>.yaml): the Entra ID tenant pillar (break-glass accounts, admin persona
 * groups, PIM eligibility, named locations, the Conditional Access policy states and the identity that deploys it).
 * When absent, the tenant has no identity stack. Semantic checks (references between entries) are refinements
 * here, so every problem is reported with its config path together with the schema errors.
 */
import { z } from 'zod';
import { quote } from '../lib/quote';
import { parseCidr } from '../lib/cidr';
import { CA_POLICY_IDS, CA_POLICY_STATES, CaPolicyId, REPORT_ONLY } from '../lib/conditional-access-catalogue';
import { AUTHENTICATION_COMBINATIONS, ROLE_NAMES, roleTemplateId } from '../lib/entra-ids';
import { countryCodeProblem } from '../lib/iso-countries';
import { closestMatch } from '../lib/suggest';
import { CidrText, Guid } from './schema-primitives';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A built-in directory role by display name (`Global Administrator`) or template ID. */
export const RoleRef = z
  .string()
  .refine((value) => roleTemplateId(value) !== undefined, {
    error: (issue) => {
      const input = String(issue.input);
      const suggestion = input.length <= 100 ? closestMatch(input, ROLE_NAMES) : undefined;
      return `${quote(issue.input)} is not a built-in role this project knows; ${suggestion ? `did you mean '${suggestion}'? ` : ''}use a role template ID or one of ${ROLE_NAMES.join(', ')}`;
    },
  })
  .meta({ description: 'Built-in directory role: display name (e.g. Global Administrator) or template ID' });

const GroupName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,118}[A-Za-z0-9]$/, {
    error: 'group names are 2-120 letters, digits, spaces, periods, underscores and hyphens, starting and ending with a letter or digit',
  });

/** ISO 8601 duration of a PIM eligibility (`P180D`, `PT8H`), or `permanent`. */
const EligibilityDuration = z
  .string()
  .regex(/^(permanent|P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?)$/, {
    error: (issue) => `${quote(issue.input)} is not an ISO 8601 duration such as P180D or PT8H, nor 'permanent'`,
  });

const EligibleMember = z.strictObject({
  principalObjectId: Guid.meta({ description: 'Object ID of the user who may activate membership' }),
  duration: EligibilityDuration.default('P180D').meta({ description: 'How long the eligibility lasts (ISO 8601), or permanent' }),
});

const AdminGroup = z.strictObject({
  name: GroupName.meta({ description: 'Display name of a role-assignable security group the stack creates' }),
  description: z.string().max(1024).optional(),
  members: z
    .array(Guid)
    .default([])
    .meta({ description: 'Object IDs of admin accounts that are permanent members (the persona: CA admin policies cover them even before PIM activation)' }),
  roles: z
    .array(RoleRef)
    .default([])
    .meta({ description: 'Roles the group holds actively, making it a PIM privileged access group: give people eligibleMembers, not members' }),
  eligibleMembers: z
    .array(EligibleMember)
    .default([])
    .meta({ description: 'PIM for Groups: users eligible to activate membership (and with it the roles) for a limited time' }),
});

const EligibleAssignment = z.strictObject({
  principal: z.string().min(1).meta({ description: 'An adminGroups name or the object ID of an existing user or role-assignable group' }),
  role: RoleRef,
  justification: z.string().min(1).max(500).default('Just-in-time administration through PIM (landing zone identity stack)'),
  duration: z
    .string()
    .default('permanent')
    .refine((value) => value === 'permanent', {
      error: (issue) =>
        `${quote(issue.input)}: azuread 3.7 creates directory-role eligibility without an expiry (provider issue #1267); remove duration, or put the role on an adminGroups entry (roles) and give the principal an eligibleMembers entry with this duration`,
    })
    .meta({ description: "Only 'permanent' (azuread 3.7 cannot time-bound directory-role eligibility; use adminGroups[].eligibleMembers for that)" }),
});

const SignInMethod = z.enum([
  'password',
  'microsoftAuthenticatorPush',
  'softwareOath',
  'hardwareOath',
  'sms',
  'voice',
  'fido2',
  'windowsHelloForBusiness',
  'x509CertificateMultiFactor',
  'deviceBasedPush',
  'temporaryAccessPassOneTime',
]);

const ServicePrincipalDeployer = z.strictObject({
  type: z.literal('servicePrincipal'),
  objectId: Guid.meta({ description: 'Object ID of the service principal (or managed identity) that runs terraform apply' }),
});

const UserDeployer = z.strictObject({
  type: z.literal('user'),
  objectId: Guid.meta({ description: 'Object ID of the user that runs terraform apply' }),
  roles: z.array(RoleRef).default([]).meta({ description: 'Roles the user holds actively while deploying' }),
  methods: z.array(SignInMethod).min(1).meta({ description: 'Sign-in methods the user has registered; the lockout guard checks they satisfy every policy' }),
  compliantDevice: z.boolean().default(false),
  hybridJoinedDevice: z.boolean().default(false),
  platform: z.enum(['windows', 'macOS', 'linux', 'iOS', 'android']).default('windows'),
  fromTrustedLocation: z.boolean().default(true).meta({ description: 'Whether deployments come from a trusted named location' }),
});

export const IdentitySchema = z
  .strictObject({
    tenantDomain: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,26}\.onmicrosoft\.com$/, {
        error: (issue) =>
          `${quote(issue.input)} is not a tenant initial domain; use <name>.onmicrosoft.com (break-glass accounts must be cloud-only, never on a federated domain)`,
      })
      .meta({ description: 'The tenant initial domain, e.g. contoso.onmicrosoft.com' }),
    deploymentIdentity: z
      .discriminatedUnion('type', [ServicePrincipalDeployer, UserDeployer])
      .meta({ description: 'The identity that deploys this stack; the lockout guard proves it keeps access' }),
    breakGlass: z
      .strictObject({
        accounts: z
          .array(z.string().regex(/^[a-z][a-z0-9.-]{1,30}[a-z0-9]$/, { error: 'account names are 3-32 lower-case letters, digits, periods and hyphens' }))
          .min(2, { error: 'at least two break-glass accounts are required (Microsoft emergency-access guidance)' })
          .max(4)
          .default(['breakglass01', 'breakglass02'])
          .meta({ description: 'User names of the cloud-only emergency accounts (<name>@<tenantDomain>)' }),
        groupName: GroupName.default('CA-BreakGlass-Exclusion').meta({ description: 'The group every Conditional Access policy excludes' }),
      })
      .prefault({}),
    adminGroups: z
      .array(AdminGroup)
      .default([])
      .meta({ description: 'Role-assignable admin persona groups; the administrator policies (CA200, CA201) include them' }),
    pim: z
      .strictObject({
        eligibleAssignments: z
          .array(EligibleAssignment)
          .default([])
          .meta({ description: 'PIM eligible (not permanent) directory-role assignments' }),
      })
      .prefault({}),
    namedLocations: z
      .strictObject({
        trusted: z
          .array(z.strictObject({ name: GroupName, ipRanges: z.array(CidrText).min(1) }))
          .default([])
          .meta({ description: 'Trusted egress ranges (IPv4); registration from elsewhere needs MFA (CA007)' }),
        blockedCountries: z
          .array(
            z.string().superRefine((code, ctx) => {
              const problem = countryCodeProblem(code);
              if (problem) ctx.addIssue({ code: 'custom', message: `${quote(code)} ${problem}` });
            }),
          )
          .default([])
          .meta({ description: 'Countries sign-ins are blocked from (CA010)' }),
      })
      .prefault({}),
    conditionalAccess: z
      .strictObject({
        defaultState: z.enum(CA_POLICY_STATES).default(REPORT_ONLY).meta({ description: 'State of every policy not listed in policies' }),
        policies: z
          .strictObject(Object.fromEntries(CA_POLICY_IDS.map((id) => [id, z.enum(CA_POLICY_STATES).optional()])) as Record<CaPolicyId, z.ZodOptional<z.ZodEnum<{ [K in (typeof CA_POLICY_STATES)[number]]: K }>>>)
          .default({})
          .meta({ description: 'State per policy ID (enabled | enabledForReportingButNotEnforced | disabled); promote one at a time' }),
        adminSignInFrequencyHours: z.int().min(1).max(23).default(4).meta({ description: 'Session lifetime for administrators (CA201)' }),
        mfaStrength: z
          .array(z.enum(AUTHENTICATION_COMBINATIONS as [string, ...string[]]))
          .min(1)
          .optional()
          .meta({ description: 'Method combinations of a custom MFA strength for CA003/CA006/CA007/CA011 (e.g. without sms and voice); default the built-in Multifactor authentication strength' }),
      })
      .prefault({}),
  })
  .superRefine((identity, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    duplicates(identity.breakGlass.accounts).forEach((i) => issue(['breakGlass', 'accounts', i], `'${identity.breakGlass.accounts[i]}' is listed twice; each account needs its own name`));
    const groupNames = new Map<string, number>();
    identity.adminGroups.forEach((group, i) => {
      const key = group.name.toLowerCase();
      if (groupNames.has(key)) issue(['adminGroups', i, 'name'], `'${group.name}' is already used by adminGroups[${groupNames.get(key)}]; group names must be unique`);
      else groupNames.set(key, i);
      if (key === identity.breakGlass.groupName.toLowerCase()) issue(['adminGroups', i, 'name'], `'${group.name}' is the break-glass group's name; pick another`);
      if (group.eligibleMembers.length > 0 && group.roles.length === 0) {
        issue(['adminGroups', i, 'eligibleMembers'], 'PIM eligible membership only makes sense for a group that holds roles; add roles or move these principals to members');
      }
      const overlap = group.members.filter((m) => group.eligibleMembers.some((e) => e.principalObjectId === m));
      for (const id of overlap) issue(['adminGroups', i, 'members'], `${id} is both a permanent and an eligible member; keep one`);
    });
    const seen = new Set<string>();
    identity.pim.eligibleAssignments.forEach((assignment, i) => {
      if (!GUID.test(assignment.principal) && !groupNames.has(assignment.principal.toLowerCase())) {
        const suggestion = closestMatch(assignment.principal, identity.adminGroups.map((g) => g.name));
        issue(['pim', 'eligibleAssignments', i, 'principal'], `${quote(assignment.principal)} is neither an object ID nor an adminGroups name; ${suggestion ? `did you mean '${suggestion}'?` : 'add the group to adminGroups or use an object ID'}`);
      }
      const key = `${assignment.principal.toLowerCase()}|${roleTemplateId(assignment.role)}`;
      if (seen.has(key)) issue(['pim', 'eligibleAssignments', i], `${assignment.principal} is already eligible for ${assignment.role}; remove the duplicate`);
      seen.add(key);
    });
    identity.namedLocations.trusted.forEach((location, i) =>
      location.ipRanges.forEach((range, j) => {
        const parsed = parseCidr(range);
        if (parsed.ok && parsed.cidr.prefixLength < 8) issue(['namedLocations', 'trusted', i, 'ipRanges', j], `${range} is wider than /8, which Entra ID named locations reject; split it`);
      }),
    );
    duplicates(identity.namedLocations.blockedCountries).forEach((i) => issue(['namedLocations', 'blockedCountries', i], `'${identity.namedLocations.blockedCountries[i]}' is listed twice`));
    const ca010 = identity.conditionalAccess.policies.CA010 ?? identity.conditionalAccess.defaultState;
    if (identity.conditionalAccess.policies.CA010 !== undefined && ca010 !== 'disabled' && identity.namedLocations.blockedCountries.length === 0) {
      issue(['conditionalAccess', 'policies', 'CA010'], 'blocks sign-ins from namedLocations.blockedCountries, which is empty; list countries or remove CA010');
    }
  })
  .meta({ description: 'Entra ID: break-glass, admin groups, PIM, named locations and Conditional Access (creates the <tenant>-identity stack)' });

function duplicates(values: readonly string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((value, i) => {
    if (seen.has(value)) return [i];
    seen.add(value);
    return [];
  });
}

export type IdentityConfigInput = z.input<typeof IdentitySchema>;
/** The validated `identity` section, defaults applied. */
export type IdentityConfig = z.output<typeof IdentitySchema>;
export type AdminGroupConfig = IdentityConfig['adminGroups'][number];
export type DeploymentIdentityConfig = IdentityConfig['deploymentIdentity'];

/**
 * Entra object IDs the identity section names, with their paths, read from the document as written (so they are
 * checked even when another part of the section has an error). Object IDs are never tenant or subscription IDs.
 */
export function identityObjectIds(identity: unknown): { readonly path: string; readonly id: string }[] {
  const ids: { path: string; id: string }[] = [];
  const add = (path: string, value: unknown) => {
    if (typeof value === 'string' && GUID.test(value)) ids.push({ path, id: value });
  };
  const section = record(identity);
  add('identity.deploymentIdentity.objectId', record(section.deploymentIdentity).objectId);
  list(section.adminGroups).forEach((group, i) => {
    list(record(group).members).forEach((member, j) => add(`identity.adminGroups[${i}].members[${j}]`, member));
    list(record(group).eligibleMembers).forEach((member, j) => add(`identity.adminGroups[${i}].eligibleMembers[${j}].principalObjectId`, record(member).principalObjectId));
  });
  list(record(section.pim).eligibleAssignments).forEach((assignment, i) => add(`identity.pim.eligibleAssignments[${i}].principal`, record(assignment).principal));
  return ids;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
