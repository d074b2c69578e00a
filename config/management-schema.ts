/**
 * The `management` section: Log Analytics, Microsoft Sentinel, Defender for Cloud and VNet flow logs
 * (the tenant's Entra ID logs are a tenant file setting, `entraIdLogs`).
 * Every field has a default, so an environment without the section still gets the full security-operations baseline.
 */
import { z } from 'zod';
import { FLOW_LOG_RETENTION_DAYS, flowLogRetentionProblem, WORKSPACE_RETENTION_DAYS, workspaceRetentionProblem } from '../lib/monitoring-rules';
import { PropertyProblem, problemText } from '../lib/property-problems';
import { quote } from '../lib/quote';
import { DEFENDER_PLAN_NAMES } from '../lib/defender-plans';
import { Guid } from './schema-primitives';

/** A construct rule's words for a schema issue (the rule fails whenever the schema's limit does). */
function ruleText(problem: PropertyProblem | undefined): string {
  return problem ? problemText(problem) : 'is outside the allowed range';
}

export const ManagementSchema = z
  .strictObject({
    logAnalytics: z
      .strictObject({
        retentionInDays: z
          .int()
          .min(WORKSPACE_RETENTION_DAYS.min, { error: (issue) => ruleText(workspaceRetentionProblem(Number(issue.input))) })
          .max(WORKSPACE_RETENTION_DAYS.max, { error: (issue) => ruleText(workspaceRetentionProblem(Number(issue.input))) })
          .default(90)
          .meta({ description: 'Interactive retention; at least 90 days is expected (a warning below)' }),
        dailyQuotaGb: z.number().positive().optional().meta({ description: 'Daily ingestion cap in GB; default none (a cap silently drops security data)' }),
        publicIngestionEnabled: z
          .boolean()
          .default(true)
          .meta({ description: 'Agents may send data over public endpoints (through the firewall); turn off only with an Azure Monitor Private Link Scope' }),
        publicQueryEnabled: z.boolean().default(true).meta({ description: 'Analysts may query from the portal outside the private network (Entra ID and Conditional Access still apply)' }),
      })
      .prefault({}),
    sentinel: z
      .strictObject({
        enabled: z.boolean().default(true),
        idpsDenyThreshold: z.int().min(1).default(20).meta({ description: 'IDPS denies per 5 minutes that raise an incident' }),
        keyVaultForbiddenThreshold: z.int().min(1).default(10).meta({ description: 'Forbidden Key Vault requests per caller per hour that raise an incident' }),
        incidentOwnerObjectId: Guid.optional().meta({ description: 'Entra object ID the automation rule assigns break-glass incidents to' }),
        businessHours: z
          .strictObject({
            timeZone: z
              .string()
              .refine((zone) => zone === 'UTC' || Intl.supportedValuesOf('timeZone').includes(zone), {
                error: (issue) => `'${String(issue.input)}' is not an IANA time zone such as Europe/Amsterdam (or UTC)`,
              })
              .default('UTC'),
            startHour: z.int().min(0).max(23).default(7),
            endHour: z.int().min(1).max(24).default(19),
            weekdaysOnly: z.boolean().default(true),
          })
          .refine((hours) => hours.startHour < hours.endHour, { error: 'startHour must be before endHour', path: ['endHour'] })
          .prefault({})
          .meta({ description: 'Working hours of the administrators; PIM activations outside them (or by break-glass) alert at High' }),
      })
      .prefault({}),
    playbooks: z
      .strictObject({
        enabled: z
          .boolean()
          .default(true)
          .meta({ description: 'Sentinel response playbooks (risky sign-in, device isolation); off leaves response manual (a warning and a recorded suppression of ZT-VIS-041)' }),
        reason: z
          .string()
          .trim()
          .min(10)
          .optional()
          .meta({ description: 'Why playbooks are off in this environment; recorded with the suppression (required when enabled is false)' }),
      })
      .prefault({}),
    notifications: z
      .strictObject({
        emails: z
          .array(z.email({ error: (issue) => `'${String(issue.input)}' is not an email address` }))
          .default([])
          .meta({ description: 'Email receivers of the security action group; default the Defender for Cloud security contact' }),
        webhookEnabled: z
          .boolean()
          .default(false)
          .meta({ description: 'Adds a webhook receiver (paging service, Teams workflow); its URL is the sensitive Terraform variable security_webhook_url, never config' }),
      })
      .prefault({}),
    privateLink: z
      .strictObject({
        enabled: z.boolean().default(true).meta({ description: 'Azure Monitor Private Link Scope with the workspace, private endpoint in the hub' }),
        ingestionAccessMode: z
          .enum(['Open', 'PrivateOnly'])
          .default('Open')
          .meta({ description: 'PrivateOnly: networks using the scope send only to scoped resources, and the workspace refuses public ingestion (agents outside the network stop reporting)' }),
        queryAccessMode: z
          .enum(['Open', 'PrivateOnly'])
          .default('Open')
          .meta({ description: 'PrivateOnly: the workspace answers queries only through the private endpoint (portal users outside the network see no data)' }),
      })
      .prefault({}),
    defender: z
      .strictObject({
        plans: z.array(z.enum(DEFENDER_PLAN_NAMES as [string, ...string[]])).default([...DEFENDER_PLAN_NAMES]),
        securityContact: z
          .strictObject({
            email: z.email({ error: (issue) => `${quote(issue.input)} is not an email address` }),
            phone: z.string().regex(/^\+?[0-9 ()-]{6,20}$/).optional(),
            alertNotifications: z.boolean().default(true),
            alertsToAdmins: z.boolean().default(true),
          })
          .optional(),
      })
      .prefault({}),
    flowLogs: z
      .strictObject({
        retentionInDays: z
          .int()
          .min(FLOW_LOG_RETENTION_DAYS.min, { error: (issue) => ruleText(flowLogRetentionProblem(Number(issue.input))) })
          .max(FLOW_LOG_RETENTION_DAYS.max, { error: (issue) => ruleText(flowLogRetentionProblem(Number(issue.input))) })
          .default(90),
        trafficAnalyticsIntervalInMinutes: z.union([z.literal(10), z.literal(60)]).default(10),
        networkWatcherName: z.string().optional().meta({ description: "Default NetworkWatcher_<location>, the watcher Azure creates with the region's first VNet" }),
        networkWatcherResourceGroupName: z.string().default('NetworkWatcherRG'),
      })
      .prefault({}),
  })
  .prefault({});

export type ManagementConfig = z.output<typeof ManagementSchema>;
