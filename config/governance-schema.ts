/**
 * The tenant's `governance:` section: the management-group hierarchy (created in the spirit of the Azure Landing
 * Zones archetypes, or an existing one referenced), where subscriptions are placed, the regions Azure Policy allows,
 * and how the pack's guardrails are assigned. It is tenant-wide: one governance stack per tenant, deployed before
 * the environments.
 */
import { z } from 'zod';
import { AZURE_REGION_NAMES } from './regions';
import { Guid } from './schema-primitives';

/** The management groups of the hierarchy, by archetype (ALZ names). */
export const ARCHETYPES = ['root', 'platform', 'connectivity', 'management', 'identity', 'landingzones', 'corp', 'online', 'sandbox', 'decommissioned'] as const;
export type Archetype = (typeof ARCHETYPES)[number];

/** Parent of each archetype below the root (the root's parent is the tenant root group). */
export const ARCHETYPE_PARENT: Readonly<Record<Exclude<Archetype, 'root'>, Archetype>> = {
  platform: 'root',
  connectivity: 'platform',
  management: 'platform',
  identity: 'platform',
  landingzones: 'root',
  corp: 'landingzones',
  online: 'landingzones',
  sandbox: 'root',
  decommissioned: 'root',
};

/** Display names of the created hierarchy below the root. */
export const ARCHETYPE_DISPLAY_NAMES: Readonly<Record<Exclude<Archetype, 'root'>, string>> = {
  platform: 'Platform',
  connectivity: 'Connectivity',
  management: 'Management',
  identity: 'Identity',
  landingzones: 'Landing zones',
  corp: 'Corp',
  online: 'Online',
  sandbox: 'Sandbox',
  decommissioned: 'Decommissioned',
};

/** Azure: management group IDs have at most 90 characters: letters, digits, '-', '_', '(', ')', '.'; no trailing '.'. */
export const MANAGEMENT_GROUP_ID_PATTERN = /^[A-Za-z0-9_().-]{1,90}$/;
const MAX_MANAGEMENT_GROUP_ID = 90;
/** The longest child suffix (`-decommissioned`) must still fit: the prefix leaves room for it. */
const LONGEST_SUFFIX = Math.max(...ARCHETYPES.map((a) => a.length)) + 1;

export const ManagementGroupId = z
  .string()
  .regex(MANAGEMENT_GROUP_ID_PATTERN, { error: (issue) => `'${String(issue.input)}' is not a management group ID: 1-90 letters, digits, '-', '_', '(', ')' or '.'` })
  .refine((id) => !id.endsWith('.'), { error: 'a management group ID cannot end with a period' });

const DisplayName = z.string().trim().min(1).max(90, { error: 'management group display names have at most 90 characters' });

const CreatedHierarchy = z.strictObject({
  mode: z.literal('create'),
  prefix: ManagementGroupId.refine((id) => id.length + LONGEST_SUFFIX <= MAX_MANAGEMENT_GROUP_ID, {
    error: `the prefix must leave room for '-decommissioned': at most ${MAX_MANAGEMENT_GROUP_ID - LONGEST_SUFFIX} characters`,
  }).meta({ description: 'ID of the intermediate root management group; children are <prefix>-platform, <prefix>-corp, ...' }),
  displayName: DisplayName.meta({ description: 'Display name of the intermediate root (e.g. the organisation)' }),
});

const ExistingHierarchy = z.strictObject({
  mode: z.literal('existing'),
  managementGroups: z
    .strictObject({
      root: ManagementGroupId,
      platform: ManagementGroupId,
      landingzones: ManagementGroupId,
      connectivity: ManagementGroupId,
      management: ManagementGroupId,
      identity: ManagementGroupId,
      corp: ManagementGroupId,
      online: ManagementGroupId.optional(),
      sandbox: ManagementGroupId.optional(),
      decommissioned: ManagementGroupId.optional(),
    })
    .meta({ description: 'IDs of the existing management groups playing each archetype; nothing is created' }),
});

export const GovernanceSchema = z
  .strictObject({
    hierarchy: z.discriminatedUnion('mode', [CreatedHierarchy, ExistingHierarchy]).meta({ description: 'Create the ALZ-style hierarchy, or reference an existing one' }),
    allowedLocations: z
      .array(z.enum(AZURE_REGION_NAMES as [string, ...string[]]))
      .min(1)
      .meta({ description: "Regions Azure Policy allows (Deny elsewhere); must include every environment's location" }),
    location: z.enum(AZURE_REGION_NAMES as [string, ...string[]]).optional().meta({ description: "Region of the remediation identities; default the first allowed location" }),
    enforce: z.boolean().default(true).meta({ description: 'false assigns every guardrail with enforcement DoNotEnforce (report only) for a first rollout' }),
    ruleDocsUrl: z
      .url()
      .default('https://github.com/your-org/landing-zone/blob/main/docs/policy-rules.md')
      .meta({ description: 'Where docs/policy-rules.md is published; non-compliance messages link <url>#<rule-id>' }),
    subscriptionPlacement: z
      .record(Guid, z.enum(ARCHETYPES))
      .default({})
      .meta({ description: 'Explicit placement of subscriptions; others are placed by what they host (spokes: corp, hub: connectivity, management: management)' }),
  })
  .meta({ title: 'Tenant governance', description: 'Management groups, subscription placement and Azure Policy guardrails of one tenant' });

export type GovernanceConfigInput = z.input<typeof GovernanceSchema>;
export type GovernanceConfig = z.output<typeof GovernanceSchema>;

/** An environment's `locks` section: CanNotDelete locks on the platform's load-bearing resources. */
export const EnvironmentLocksSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .meta({ description: 'CanNotDelete locks on the hub VNet, firewall and its policy, private DNS zones and workspace (README: changing a locked resource); the bootstrap stack locks the state storage' }),
  })
  .prefault({})
  .meta({ description: 'Resource locks of this environment' });
