/**
 * Microsoft Defender for Cloud plans the landing zone can enable, as `azurerm_security_center_subscription_pricing`
 * resources (direct plan resources, not policy), with the sub-plans and extensions a Zero Trust baseline expects.
 */
export interface DefenderPlanDefinition {
  readonly description: string;
  /** One or more `resource_type` values this plan covers. */
  readonly resourceTypes: readonly {
    readonly resourceType: string;
    readonly subplan?: string;
    readonly extensions?: readonly { readonly name: string; readonly additionalExtensionProperties?: Readonly<Record<string, string>> }[];
  }[];
}

export const DEFENDER_PLANS = {
  servers: {
    description: 'Defender for Servers Plan 2 (EDR, vulnerability assessment, just-in-time VM access, file integrity monitoring)',
    resourceTypes: [{ resourceType: 'VirtualMachines', subplan: 'P2' }],
  },
  sql: {
    description: 'Defender for Azure SQL and SQL servers on machines',
    resourceTypes: [{ resourceType: 'SqlServers' }, { resourceType: 'SqlServerVirtualMachines' }],
  },
  openSourceDatabases: {
    description: 'Defender for open-source relational databases (PostgreSQL, MySQL, MariaDB)',
    resourceTypes: [{ resourceType: 'OpenSourceRelationalDatabases' }],
  },
  cosmosDb: { description: 'Defender for Azure Cosmos DB', resourceTypes: [{ resourceType: 'CosmosDbs' }] },
  appService: { description: 'Defender for App Service', resourceTypes: [{ resourceType: 'AppServices' }] },
  storage: {
    description: 'Defender for Storage (per-storage-account plan with malware scanning on upload and sensitive data discovery)',
    resourceTypes: [
      {
        resourceType: 'StorageAccounts',
        subplan: 'DefenderForStorageV2',
        extensions: [
          { name: 'OnUploadMalwareScanning', additionalExtensionProperties: { CapGBPerMonthPerStorageAccount: '5000' } },
          { name: 'SensitiveDataDiscovery' },
        ],
      },
    ],
  },
  containers: { description: 'Defender for Containers', resourceTypes: [{ resourceType: 'Containers' }] },
  keyVault: { description: 'Defender for Key Vault', resourceTypes: [{ resourceType: 'KeyVaults', subplan: 'PerKeyVault' }] },
  resourceManager: { description: 'Defender for Resource Manager', resourceTypes: [{ resourceType: 'Arm', subplan: 'PerSubscription' }] },
  cspm: { description: 'Defender Cloud Security Posture Management (attack paths, agentless scanning)', resourceTypes: [{ resourceType: 'CloudPosture' }] },
} as const satisfies Record<string, DefenderPlanDefinition>;

export type DefenderPlan = keyof typeof DEFENDER_PLANS;
export const DEFENDER_PLAN_NAMES = Object.keys(DEFENDER_PLANS).sort() as DefenderPlan[];
