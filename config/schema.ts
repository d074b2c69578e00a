/**
 * The environment configuration schema: one YAML file per environment under `config/environments/`.
 * The same Zod schema types the code (`LandingZoneConfigInput`), validates files at load time and emits
 * `config/landing-zone.schema.json` for editors (`npm run schema`).
 */
import { z } from 'zod';
import { quote } from '../lib/quote';
import { IANA_PRIVATE_RANGES } from '../lib/cidr';
import { HUB_SUBNET_NAMES, HubSubnetName } from '../lib/hub-subnets';
import { BASTION_SCALE_UNITS } from '../lib/bastion-rules';
import { closestMatch } from '../lib/suggest';
import { PLATFORM_EGRESS_KEYS } from '../lib/platform-egress';
import { AZURE_REGION_NAMES } from './regions';
import { PRIVATE_LINK_SERVICE_NAMES } from '../lib/private-link-zones';
import { CidrText, Guid, Ipv4Address, KEY_VAULT_SECRET_ID, resourceIdOf } from './schema-primitives';
import { BackendSchema } from './backend-schema';
import { TenantConfig, TenantName } from './tenant-schema';
import { EnvironmentLocksSchema } from './governance-schema';
import { ManagementSchema } from './management-schema';
import { SpokeSchema } from './spoke-schema';
import { PrivilegedAccessSchema } from './privileged-access-schema';
import type { SpokeTier } from '../lib/spoke-tiers';

export { CidrText } from './schema-primitives';
export type { IdentityConfig } from './identity-schema';

const PRIVATE_LINK_SERVICES_SORTED = [...PRIVATE_LINK_SERVICE_NAMES].sort();

function regionMessage(input: unknown): string {
  if (input === undefined) return 'is required; set the Azure region to deploy to, e.g. westeurope';
  const suggestion = typeof input === 'string' ? closestMatch(input, AZURE_REGION_NAMES) : undefined;
  const hint = suggestion ? `did you mean '${suggestion}'?` : `use one of ${AZURE_REGION_NAMES.join(', ')}`;
  return `${quote(input)} is not an allowed Azure region; ${hint}`;
}

/** Tags every resource carries. `environment` and `managed-by` are set by the code, not by config. */
export const TagsSchema = z
  .object({
    owner: z.string().min(1).max(256).meta({ description: 'Team or address accountable for the environment' }),
    'cost-center': z.string().min(1).max(256).meta({ description: 'Cost centre that pays for the environment' }),
  })
  .catchall(z.string().max(256, { error: 'Azure tag values are at most 256 characters' }))
  .meta({ description: 'Tags applied to every taggable resource; owner and cost-center are required' });

export const FirewallSchema = z
  .strictObject({
    tier: z.enum(['Standard', 'Premium']).default('Premium').meta({ description: 'Firewall and policy tier; IDPS and TLS inspection need Premium' }),
    threatIntelMode: z.enum(['Alert', 'Deny']).default('Deny'),
    intrusionDetectionMode: z.enum(['Off', 'Alert', 'Deny']).default('Deny').meta({ description: 'IDPS mode (Premium only)' }),
    dnsProxyEnabled: z.boolean().default(true),
    dnsServers: z.array(Ipv4Address).default([]).meta({ description: 'Upstream DNS servers for the DNS proxy; empty means Azure DNS' }),
    privateRanges: z
      .array(CidrText)
      .min(1)
      .default([...IANA_PRIVATE_RANGES])
      .meta({ description: 'Ranges the firewall treats as private (no SNAT, IDPS internal); must cover the hub address space' }),
    forcedTunnelingEnabled: z
      .boolean()
      .default(false)
      .meta({ description: 'Adds AzureFirewallManagementSubnet and a management public IP so data-plane 0.0.0.0/0 can go on-premises' }),
    tlsInspection: z
      .strictObject({
        certificateSecretId: z
          .string()
          .regex(KEY_VAULT_SECRET_ID, { error: (issue) => `${quote(issue.input)} is not a Key Vault secret ID such as https://kv-hub-prod-weu-1a2b.vault.azure.net/secrets/tls-inspection-ca` })
          .optional()
          .meta({ description: 'Secret ID of the intermediate CA, imported out of band into the platform Key Vault; without it TLS inspection is off' }),
      })
      .prefault({}),
    platformEgress: z
      .array(z.enum(PLATFORM_EGRESS_KEYS as [string, ...string[]]))
      .default([...PLATFORM_EGRESS_KEYS])
      .meta({ description: `Platform egress every spoke may use through the firewall; list fewer to narrow (${PLATFORM_EGRESS_KEYS.join(', ')})` }),
  })
  .prefault({});

export const BastionSchema = z
  .strictObject({
    sku: z.enum(['Standard', 'Premium']).default('Standard'),
    scaleUnits: z.int().min(BASTION_SCALE_UNITS.min).max(BASTION_SCALE_UNITS.max).default(2),
    copyPasteEnabled: z.boolean().default(false),
    fileCopyEnabled: z.boolean().default(false),
    tunnelingEnabled: z.boolean().default(false).meta({ description: 'Native-client (az network bastion ssh/rdp) tunnelling' }),
    sessionRecordingEnabled: z.boolean().default(false).meta({ description: 'Premium only' }),
  })
  .prefault({});

export const DdosProtectionSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    planResourceId: resourceIdOf('Microsoft.Network/ddosProtectionPlans').optional().meta({
      description: 'Link an existing DDoS Network Protection plan (one per tenant is typical) instead of creating one',
    }),
  })
  .prefault({});


export const HubSchema = z.strictObject({
  addressSpace: z.array(CidrText).min(1).meta({ description: 'Hub VNet address space, e.g. [10.0.0.0/22]' }),
  subnets: z
    .strictObject({
      ...(Object.fromEntries(HUB_SUBNET_NAMES.map((n) => [n, CidrText.optional()])) as Record<HubSubnetName, z.ZodOptional<typeof CidrText>>),
      privateEndpoints: CidrText.optional().meta({ description: 'Subnet for platform private endpoints (platform Key Vault); carved as a /27 when not given' }),
    })
    .default({})
    .meta({ description: 'Explicit hub subnet prefixes; any that are needed but not given are carved from addressSpace' }),
  gatewaySubnetEnabled: z.boolean().default(false).meta({ description: 'Reserve a GatewaySubnet for a VPN/ExpressRoute gateway' }),
  firewall: FirewallSchema,
  bastion: BastionSchema,
  ddosProtection: DdosProtectionSchema,
  privateDns: z
    .strictObject({
      services: z
        .array(z.enum(PRIVATE_LINK_SERVICES_SORTED as [string, ...string[]]))
        .min(1)
        .default([...PRIVATE_LINK_SERVICES_SORTED])
        .meta({ description: `Private Link services whose private DNS zones the hub hosts (${PRIVATE_LINK_SERVICES_SORTED.join(', ')})` }),
    })
    .prefault({}),
});

export const SpokeListSchema = z
  .array(SpokeSchema)
  .default([])
  .meta({ description: 'Workload spokes, each deployed as its own stack (<env>-lz-<name>)' });

export const LandingZoneConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    environment: z
      .string()
      .regex(/^[a-z][a-z0-9]{1,7}$/, { error: 'environment names are 2-8 lower-case letters and digits, starting with a letter' })
      .meta({ description: 'Environment name; prefixes every stack (dev-connectivity) and appears in resource names' }),
    location: z.enum(AZURE_REGION_NAMES as [string, ...string[]], { error: (issue) => regionMessage(issue.input) }),
    tenant: TenantName.meta({ description: 'The tenant file (config/tenants/<tenant>.yaml) holding the tenant ID and tenant-wide identity; environments in one tenant share it' }),
    production: z
      .boolean()
      .default(true)
      .meta({ description: 'Production-grade checks (e.g. state holding secrets must be remote); set false for dev and test environments' }),
    subscriptionId: Guid.meta({ description: 'Subscription the platform resources deploy into' }),
    tags: TagsSchema,
    backend: BackendSchema,
    onPremisesAddressSpaces: z.array(CidrText).default([]).meta({ description: 'On-premises ranges; must not overlap Azure ranges' }),
    hub: HubSchema,
    spokes: SpokeListSchema,
    management: ManagementSchema,
    privilegedAccess: PrivilegedAccessSchema,
    locks: EnvironmentLocksSchema,
    policySuppressions: z
      .array(
        z.strictObject({
          ruleId: z.string().regex(/^ZT-[A-Z]+-\d{3}$/, { error: (issue) => `${quote(issue.input)} is not a policy rule ID such as ZT-NET-020 (see docs/policy-rules.md)` }),
          reason: z.string().trim().min(10, { error: 'a suppression needs a reason of at least 10 characters: say why the rule does not apply here' }),
          expires: z.iso.date({ error: (issue) => `${quote(issue.input)} is not a date YYYY-MM-DD` }).optional().meta({ description: 'Last day the suppression works' }),
          stacks: z
            .array(z.string().regex(/^(management|connectivity|lz-[a-z][a-z0-9]{1,11})$/, { error: 'use a stack concern: management, connectivity or lz-<spoke> (the identity stack belongs to the tenant)' }))
            .min(1)
            .optional()
            .meta({ description: 'Stacks it applies to (management, connectivity, lz-<spoke>); default every stack of the environment' }),
        }),
      )
      .default([])
      .meta({ description: 'Policy-pack findings this environment accepts, each with a written reason (and optionally an expiry)' }),
  })
  .meta({ title: 'Zero Trust landing zone environment', description: 'One environment of the Zero Trust Azure landing zone' });

/** What a config file may contain (defaults not yet applied). */
export type LandingZoneConfigInput = z.input<typeof LandingZoneConfigSchema>;
/** A config file after schema defaults, before subnet planning. */
export type ParsedLandingZoneConfig = z.output<typeof LandingZoneConfigSchema>;

/** Hub subnets after planning: explicit prefixes kept, missing required ones carved. */
export interface HubSubnetPlan {
  readonly AzureFirewallSubnet: string;
  readonly privateEndpoints: string;
  readonly AzureBastionSubnet: string;
  readonly AzureFirewallManagementSubnet?: string;
  readonly GatewaySubnet?: string;
}

/** Spoke tier subnets after planning: explicit prefixes kept, missing ones carved. */
export type SpokeSubnetPlan = Readonly<Record<Exclude<SpokeTier, 'appServiceIntegration'>, string>> & {
  readonly appServiceIntegration?: string;
};

/** A spoke after planning. */
export type SpokeConfig = Omit<ParsedLandingZoneConfig['spokes'][number], 'subnets'> & { readonly subnets: SpokeSubnetPlan };

/** A validated environment, ready to synthesize. */
export type LandingZoneConfig = Omit<ParsedLandingZoneConfig, 'hub' | '$schema' | 'spokes'> & {
  /** The tenant ID, from the tenant file. */
  readonly tenantId: string;
  /** The tenant file the environment names (tenant-wide identity, Entra ID logs). */
  readonly tenantConfig: TenantConfig;
  readonly hub: Omit<ParsedLandingZoneConfig['hub'], 'subnets'> & { readonly subnets: HubSubnetPlan };
  readonly spokes: readonly SpokeConfig[];
};

/** Tags the code sets on every resource; config may not set them. */
export const RESERVED_TAGS = ['environment', 'managed-by'] as const;
