/**
 * The `management` section: Log Analytics, Microsoft Sentinel, Defender for Cloud and VNet flow logs
 * (the tenant's Entra ID logs are a tenant file setting, `entraIdLogs`).
 * Every field has a default, so an environment without the section still gets the full security-operations baseline.
 */
import { z } from 'zod';
import { quote } from '../lib/quote';
import { DEFENDER_PLAN_NAMES } from '../lib/defender-plans';
import { Guid } from './schema-primitives';

export const ManagementSchema = z
  .strictObject({
    logAnalytics: z
      .strictObject({
        retentionInDays: z.int().min(30).max(730).default(90).meta({ description: 'Interactive retention; at least 90 days is expected (a warning below)' }),
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
        retentionInDays: z.int().min(90).max(365).default(90),
        trafficAnalyticsIntervalInMinutes: z.union([z.literal(10), z.literal(60)]).default(10),
        networkWatcherName: z.string().optional().meta({ description: "Default NetworkWatcher_<location>, the watcher Azure creates with the region's first VNet" }),
        networkWatcherResourceGroupName: z.string().default('NetworkWatcherRG'),
      })
      .prefault({}),
  })
  .prefault({});

export type ManagementConfig = z.output<typeof ManagementSchema>;
