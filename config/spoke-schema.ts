/**
 * The `spokes` section of an environment: one entry per workload spoke (three tiers plus private endpoints),
 * its allowed ingress, its egress through the firewall and the flows it may open to other spokes.
 */
import { z } from 'zod';
import { quote } from '../lib/quote';
import {
  DEFAULT_TIER_PREFIX_LENGTH,
  MAXIMUM_TIER_PREFIX_LENGTH,
  ORIGIN_TIERS,
  SPOKE_TIERS,
  SpokeTier,
  TARGET_TIERS,
} from '../lib/spoke-tiers';
import { APPLICATION_RULE_PORTS, applicationPortProblem, fqdnProblem, networkDestinationProblem } from '../lib/firewall-rule-limits';
import { CidrText, Guid, Ipv4Address } from './schema-primitives';
import { keyVaultNameProblem } from '../lib/key-vault-rules';
import { NAME_RULES } from '../lib/naming';
import { PropertyProblem, problemText } from '../lib/property-problems';
import { STORAGE_CONTAINER_NAME, storageContainerNameProblem } from '../lib/storage-rules';

/** A TCP/UDP port (`443`) or an inclusive range (`8000-8100`). */
export const PortSpec = z
  .union([
    z.int().min(1).max(65535),
    z.string().regex(/^\d{1,5}(-\d{1,5})?$/, { error: (issue) => `${quote(issue.input)} is not a port or range such as 443 or 8000-8100` }),
  ])
  .meta({ description: 'A port (443) or an inclusive range (8000-8100)' });

const Ports = z.array(PortSpec).min(1);

/** A destination FQDN, checked by the firewall rule construct's own rule (no scheme, port or path; wildcards by kind). */
function Fqdn(kind: 'application' | 'network') {
  return z.string().superRefine((value, ctx) => reportProblem(ctx, fqdnProblem(value, kind)));
}

function reportProblem(ctx: z.RefinementCtx, problem: string | undefined): void {
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}

const Name = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,38}[a-z0-9]$/, { error: 'rule names are 2-40 lower-case letters, digits and hyphens' });

const ApplicationRule = z.strictObject({
  name: Name,
  fqdns: z.array(Fqdn('application').meta({ description: 'Host name such as api.example.com, or *.example.com' })).min(1),
  protocols: z
    .array(
      z.strictObject({
        type: z.enum(['Http', 'Https', 'Mssql']),
        port: z.int().min(APPLICATION_RULE_PORTS.min).max(APPLICATION_RULE_PORTS.max, { error: (issue) => applicationPortProblem(Number(issue.input)) }),
      }),
    )
    .min(1)
    .default([{ type: 'Https', port: 443 }]),
  sourceTiers: z.array(z.enum(ORIGIN_TIERS)).min(1).optional().meta({ description: 'Tiers allowed to use the rule; default every tier' }),
  terminateTls: z.boolean().default(true).meta({ description: 'Inspect HTTPS when the firewall has a TLS inspection CA; set false for certificate-pinned endpoints' }),
});

const NetworkRule = z.strictObject({
  name: Name,
  destinations: z
    .array(z.string().superRefine((value, ctx) => reportProblem(ctx, networkDestinationProblem(value))))
    .min(1)
    .optional()
    .meta({ description: 'CIDRs, IPs, address ranges or service tags (e.g. AzureMonitor)' }),
  fqdns: z.array(Fqdn('network')).min(1).optional().meta({ description: 'Host names, no wildcards (needs the firewall DNS proxy)' }),
  ports: Ports,
  protocols: z.array(z.enum(['TCP', 'UDP', 'ICMP', 'Any'])).min(1).default(['TCP']),
  sourceTiers: z.array(z.enum(ORIGIN_TIERS)).min(1).optional().meta({ description: 'Tiers allowed to use the rule; default every tier' }),
});

const SpokeFlow = z.strictObject({
  name: Name,
  from: z.enum(ORIGIN_TIERS).meta({ description: 'Tier of this spoke that opens the connection' }),
  to: z.strictObject({ spoke: z.string(), tier: z.enum(TARGET_TIERS) }),
  ports: Ports,
  protocol: z.enum(['Tcp', 'Udp']).default('Tcp'),
});

const EntraGroup = z.strictObject({
  name: z.string().min(1).meta({ description: 'Display name of the Entra ID group' }),
  objectId: Guid.meta({ description: 'Object ID of the Entra ID group' }),
});

const Workload = z
  .strictObject({
    kind: z.literal('webApp').meta({ description: 'An App Service web app (the seed reference workload); more kinds can follow' }),
    ingress: z
      .enum(['appGateway', 'firewallDnat'])
      .default('appGateway')
      .meta({ description: 'appGateway: a WAF_v2 Application Gateway in the web subnet is the Internet edge; firewallDnat: the hub firewall publishes the web tier (ingress.publish)' }),
    zoneRedundant: z
      .boolean()
      .optional()
      .meta({ description: 'Spread the gateway, plan and database over availability zones; default true where the region has zones' }),
    webApp: z
      .strictObject({
        skuName: z.string().regex(/^(P\d+m?v3|I\d+m?v2)$/, { error: 'use a Premium v3 (e.g. P1v3) or Isolated v2 SKU: private endpoints, VNet integration and zones need it' }).default('P1v3'),
        healthCheckPath: z.string().regex(/^\//, { error: 'a path starting with /' }).optional(),
      })
      .prefault({}),
    appGateway: z
      .strictObject({
        certificateSecretName: z
          .string()
          .regex(/^[0-9A-Za-z-]{1,127}$/, { error: 'a Key Vault secret name: 1-127 letters, digits and hyphens' })
          .meta({ description: "Name of the listener certificate in the spoke's Key Vault (imported out of band)" }),
        hostName: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, { error: 'a host name such as shop.example.com' }).optional().meta({ description: 'Public host name the listeners answer for' }),
        allowFrom: z.array(CidrText).min(1).optional().meta({ description: 'Client ranges allowed to reach the listeners; default the Internet' }),
      })
      .optional()
      .meta({ description: 'The Application Gateway (needed when ingress is appGateway)' }),
    sql: z
      .strictObject({
        databaseName: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, { error: 'database names here are 1-128 letters, digits, hyphens and underscores' }),
        skuName: z.string().default('GP_S_Gen5_2').meta({ description: 'Database SKU, e.g. GP_S_Gen5_2 (serverless) or GP_Gen5_2' }),
        entraAdminGroup: EntraGroup.meta({ description: 'Entra ID group that administers the server; add the deployment identity to run the contained-user script' }),
      })
      .optional()
      .meta({ description: 'An Azure SQL server and database behind a private endpoint; the app connects with its managed identity' }),
    storage: z
      .strictObject({
        containers: z
          .array(z.string().regex(STORAGE_CONTAINER_NAME, { error: (issue) => problemText(storageContainerNameProblem(String(issue.input)) as PropertyProblem) }))
          .default([]),
        access: z.enum(['read', 'write']).default('write').meta({ description: 'What the app may do with blobs' }),
      })
      .optional()
      .meta({ description: 'A storage account (blob) behind a private endpoint; the app gets a blob data role' }),
  })
  .meta({ description: 'The workload the spoke runs: App Gateway WAF -> App Service -> Azure SQL and Storage, all private, managed identity only' });

export const SpokeSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9]{1,11}$/, { error: 'spoke names are 2-12 lower-case letters and digits, starting with a letter' })
    .meta({ description: 'Workload name; used in stack (dev-lz-<name>) and resource names' }),
  subscriptionId: Guid.optional().meta({ description: 'Subscription of the spoke; defaults to the environment subscription' }),
  addressSpace: z.array(CidrText).min(1).meta({ description: 'Spoke VNet address space, e.g. [10.11.0.0/24]' }),
  subnets: z
    .strictObject(Object.fromEntries(SPOKE_TIERS.map((t) => [t, CidrText.optional()])) as Record<SpokeTier, z.ZodOptional<typeof CidrText>>)
    .default({})
    .meta({ description: 'Explicit tier prefixes; missing ones are carved from addressSpace at subnetSizes' }),
  subnetSizes: z
    .strictObject(
      Object.fromEntries(
        SPOKE_TIERS.map((t) => [t, z.int().min(16).max(MAXIMUM_TIER_PREFIX_LENGTH[t]).default(DEFAULT_TIER_PREFIX_LENGTH[t])]),
      ) as Record<SpokeTier, z.ZodDefault<z.ZodInt>>,
    )
    .prefault({})
    .meta({ description: 'Prefix length of carved tier subnets (web /26, app /26, data /27, privateEndpoints /27, appServiceIntegration /27)' }),
  appServiceIntegrationEnabled: z
    .boolean()
    .default(false)
    .meta({ description: 'Adds a subnet delegated to Microsoft.Web/serverFarms for App Service VNet integration (outbound only)' }),
  ingress: z
    .strictObject({
      sources: z
        .array(CidrText)
        .min(1)
        .optional()
        .meta({ description: 'Who may reach the web tier, e.g. an Application Gateway subnet; default the hub AzureFirewallSubnet (DNAT)' }),
      ports: Ports.default([443]),
      publish: z
        .strictObject({
          webAddress: Ipv4Address.meta({ description: "Private address in the web subnet (e.g. the web tier's internal load balancer) the firewall translates to" }),
          allowFrom: z.array(CidrText).min(1).optional().meta({ description: 'Internet ranges allowed to connect; default any' }),
        })
        .optional()
        .meta({ description: 'Publish the web tier on the firewall public IP (DNAT, one rule per ingress port); default not published' }),
    })
    .prefault({}),
  ports: z
    .strictObject({
      app: Ports.default([8080]).meta({ description: 'Ports the app tier accepts from the web tier' }),
      data: Ports.default([1433]).meta({ description: 'Ports the data tier accepts from the app tier' }),
      privateEndpoints: z
        .array(PortSpec)
        .default([])
        .meta({ description: 'Extra ports for private endpoints deployed outside this code; endpoints built here open their own ports' }),
    })
    .prefault({}),
  egress: z
    .strictObject({
      applicationRules: z.array(ApplicationRule).default([]),
      networkRules: z.array(NetworkRule).default([]),
    })
    .prefault({})
    .meta({ description: 'Internet egress this spoke may use through the firewall, on top of the platform baseline' }),
  flows: z.array(SpokeFlow).default([]).meta({ description: 'Connections this spoke may open to other spokes, through the firewall' }),
  keyVault: z
    .strictObject({
      enabled: z.boolean().default(false),
      name: z
        .string()
        .regex(NAME_RULES.keyVault.pattern, { error: (issue) => problemText(keyVaultNameProblem(String(issue.input)) as PropertyProblem) })
        .optional()
        .meta({ description: 'Globally unique name; default kv-<spoke>-<env>-<region>-<4 hex of the subscription>' }),
    })
    .prefault({})
    .meta({ description: 'A workload Key Vault behind a private endpoint in the spoke, with a user-assigned identity that may read its secrets' }),
  useRemoteGateways: z.boolean().default(false).meta({ description: "Use the hub's VPN/ExpressRoute gateway (needs hub.gatewaySubnetEnabled)" }),
  workload: Workload.optional(),
});

export type ParsedSpoke = z.output<typeof SpokeSchema>;
export type SpokeFlowConfig = z.output<typeof SpokeFlow>;
export type ApplicationRuleConfig = z.output<typeof ApplicationRule>;
export type NetworkRuleConfig = z.output<typeof NetworkRule>;
export type WorkloadConfig = z.output<typeof Workload>;
