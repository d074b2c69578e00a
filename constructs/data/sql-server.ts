import { Construct } from 'constructs';
import { identityBlock, ManagedIdentities, managedIdentityProblems } from '../../lib/managed-identities';
import { nameRuleProblem } from '../../lib/naming';
import { problemText } from '../../lib/property-problems';
import { PrivateLinkService } from '../../lib/private-link-zones';
import { MssqlDatabase, MssqlServer, MssqlServerExtendedAuditingPolicy, MssqlServerSecurityAlertPolicy } from '../../providers/azurerm';
import { IPrincipal, IRoleScope } from '../access/role-assignment';
import { systemAssignedPrincipal } from '../managed-identities';
import { DiagnosticsInput, IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { sendDiagnostics } from '../diagnostic-settings';
import { defineResourceLock } from '../resource-lock';
import { IPrivateLinkTarget, PrivateEndpoint, PrivateEndpointOptions } from '../network/private-endpoint';

/** The Entra ID group that administers the server (never a user, never a SQL login). */
export interface SqlEntraAdministrator {
  /** Display name of the group, shown as the server's Entra admin login. */
  readonly loginName: string;
  /** Object ID of the group. */
  readonly objectId: string;
}

export interface SqlServerProps extends DiagnosticsInput {
  readonly resourceGroup: IResourceGroupRef;
  /** Globally unique, 1-63 lower-case letters, digits and hyphens, not starting or ending with a hyphen. */
  readonly name: string;
  /**
   * The Entra ID group that administers the server. Put the deployment identity in it (or a PIM-eligible group
   * holding it) so the pipeline can create the contained users printed by `SqlDatabase.containedUserScript`.
   */
  readonly entraAdministrator: SqlEntraAdministrator;
  /** Entra ID tenant of the administrator group. */
  readonly tenantId: string;
  /**
   * Public network access. Only `false` is accepted: the server is reached through its private endpoint.
   * @default false
   */
  readonly publicNetworkAccessEnabled?: false;
  /**
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the server (Azure applies it to its databases).
   * @default - no lock
   */
  readonly lock?: ResourceLock;
  /**
   * Identities the server runs as (AVM `managedIdentities`), e.g. for a customer-managed TDE key or reading Entra ID:
   * system-assigned, user-assigned, or both. The first user-assigned identity becomes the server's primary identity
   * (`primary_user_assigned_identity_id`, which azurerm requires with user-assigned identities).
   * @default - none
   */
  readonly managedIdentities?: ManagedIdentities;
}

/**
 * An Azure SQL logical server: Entra ID authentication only with an Entra group as administrator (no SQL logins, no
 * password anywhere), no public network access, TLS 1.2, the Proxy connection policy (clients reach only port 1433
 * on the private endpoint, so the subnet opens nothing else), outbound network restriction on, auditing to Azure
 * Monitor (`log_monitoring_enabled`; the diagnostic-settings aspect sends the master database's
 * `SQLSecurityAuditEvents` to the workspace) and Microsoft Defender for SQL alerts on the server.
 *
 * @resource azurerm_mssql_server, azurerm_mssql_server_extended_auditing_policy, azurerm_mssql_server_security_alert_policy
 */
export class SqlServer extends Construct implements IRoleScope, IPrivateLinkTarget {
  public readonly serverId: string;
  public readonly serverName: string;
  /** `<name>.database.windows.net`, which resolves to the private endpoint inside the landing zone. */
  public readonly fullyQualifiedDomainName: string;
  public readonly scopeId: string;
  public readonly scopeLevel = 'resource' as const;
  public readonly resourceType = 'Microsoft.Sql/servers';
  public readonly privateLinkService: PrivateLinkService = 'sql';
  public readonly privateLinkResourceId: string;
  public readonly resource: MssqlServer;
  /** The system-assigned identity, to grant roles to (AVM `system_assigned_mi_principal_id`); set when `managedIdentities.systemAssigned`. */
  public readonly systemAssignedIdentity?: IPrincipal;
  /** @internal used by SqlDatabase */
  public readonly resourceGroup: IResourceGroupRef;
  /** @internal used by SqlDatabase */
  public readonly tags?: Tags;

  constructor(scope: Construct, id: string, props: SqlServerProps) {
    super(scope, id);
    const problems = sqlServerProblems(props);
    if (problems.length > 0) throw new Error(`SqlServer '${props.name}': ${problems.join('; ')}`);

    this.resource = new MssqlServer(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      version: '12.0',
      minimumTlsVersion: '1.2',
      publicNetworkAccessEnabled: false,
      connectionPolicy: 'Proxy',
      outboundNetworkRestrictionEnabled: true,
      azureadAdministrator: {
        loginUsername: props.entraAdministrator.loginName,
        objectId: props.entraAdministrator.objectId,
        tenantId: props.tenantId,
        azureadAuthenticationOnly: true,
      },
      identity: identityBlock(props.managedIdentities),
      primaryUserAssignedIdentityId: props.managedIdentities?.userAssignedResourceIds?.[0],
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.systemAssignedIdentity = systemAssignedPrincipal(props.managedIdentities, this.resource.identity);
    this.serverId = this.resource.id;
    this.serverName = props.name;
    this.fullyQualifiedDomainName = this.resource.fullyQualifiedDomainName;
    this.scopeId = this.resource.id;
    this.privateLinkResourceId = this.resource.id;
    this.resourceGroup = props.resourceGroup;
    this.tags = props.tags;

    new MssqlServerExtendedAuditingPolicy(this, 'Auditing', {
      serverId: this.serverId,
      enabled: true,
      logMonitoringEnabled: true,
    });
    new MssqlServerSecurityAlertPolicy(this, 'DefenderAlerts', {
      resourceGroupName: props.resourceGroup.name,
      serverName: this.resource.name,
      state: 'Enabled',
    });
    defineResourceLock(this, this.resource.id, props.name, props.lock);
    sendDiagnostics(this, props.diagnostics);
  }

  /** Connects the server to a subnet through a private endpoint (sub-resource `sqlServer`, port 1433). */
  public addPrivateEndpoint(id: string, options: PrivateEndpointOptions): PrivateEndpoint {
    return PrivateEndpoint.forTarget(this, id, this, options, { resourceGroup: this.resourceGroup, name: `pe-${this.serverName}`, tags: this.tags });
  }

  /** A database on this server. */
  public addDatabase(id: string, props: Omit<SqlDatabaseProps, 'server'>): SqlDatabase {
    return new SqlDatabase(this, id, { ...props, server: this });
  }
}

/** Database roles a managed identity can be given by `SqlDatabase.containedUserScript`. */
export type SqlDatabaseRole = 'db_datareader' | 'db_datawriter' | 'db_ddladmin';

export interface SqlDatabaseProps extends DiagnosticsInput {
  readonly server: SqlServer;
  /** 1-128 characters, none of `<>*%&:\/?` and not ending in a period or space. */
  readonly name: string;
  /**
   * SKU, e.g. `GP_S_Gen5_2` (General Purpose serverless, 2 vCores), `GP_Gen5_2`, `BC_Gen5_2`, `S0`.
   * @default 'GP_S_Gen5_2'
   */
  readonly skuName?: string;
  /**
   * Spread replicas over availability zones (General Purpose, Business Critical and Premium; the region must have
   * zones).
   * @default false
   */
  readonly zoneRedundant?: boolean;
  /**
   * Point-in-time restore window in days (1-35).
   * @default 14
   */
  readonly backupRetentionDays?: number;
  /**
   * User-assigned identities of the database (AVM `managedIdentities`), e.g. for a database-level customer-managed
   * key. Azure gives databases no system-assigned identity, so `systemAssigned` is refused.
   * @default - none
   */
  readonly managedIdentities?: ManagedIdentities;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
}

/**
 * A database on a `SqlServer`: transparent data encryption, backups to zone- or geo-redundant storage, serverless
 * General Purpose by default. Managed identities get in as contained users, which only T-SQL can create:
 * `containedUserScript` prints the statements to run once as the server's Entra admin group.
 *
 * @resource azurerm_mssql_database
 */
export class SqlDatabase extends Construct {
  public readonly databaseId: string;
  public readonly databaseName: string;
  public readonly resource: MssqlDatabase;
  private readonly server: SqlServer;

  constructor(scope: Construct, id: string, props: SqlDatabaseProps) {
    super(scope, id);
    const problems = sqlDatabaseProblems(props);
    if (problems.length > 0) throw new Error(`SqlDatabase '${props.name}': ${problems.join('; ')}`);
    const skuName = props.skuName ?? 'GP_S_Gen5_2';
    const serverless = /^GP_S_/.test(skuName);
    const identity = identityBlock(props.managedIdentities);
    this.resource = new MssqlDatabase(this, 'Resource', {
      name: props.name,
      serverId: props.server.serverId,
      skuName,
      zoneRedundant: props.zoneRedundant ?? false,
      storageAccountType: props.zoneRedundant ? 'Zone' : 'Geo',
      transparentDataEncryptionEnabled: true,
      minCapacity: serverless ? 0.5 : undefined,
      autoPauseDelayInMinutes: serverless ? 60 : undefined,
      shortTermRetentionPolicy: { retentionDays: props.backupRetentionDays ?? 14 },
      // User-assigned only (checked above), so the IDs are there.
      identity: identity ? { type: identity.type, identityIds: identity.identityIds ?? [] } : undefined,
      tags: props.tags ?? props.server.tags ? { ...(props.tags ?? props.server.tags) } : undefined,
    });
    this.databaseId = this.resource.id;
    this.databaseName = props.name;
    this.server = props.server;
    sendDiagnostics(this, props.diagnostics);
  }

  /**
   * The T-SQL that lets a managed identity in without a password: a contained user mapped to the identity (by its
   * name, which Entra ID resolves) and the database roles it needs. Terraform cannot run it; run it once in this
   * database as a member of the server's Entra admin group (e.g. `sqlcmd -G`, or the pipeline identity in that group).
   */
  public containedUserScript(identityName: string, roles: readonly SqlDatabaseRole[] = ['db_datareader', 'db_datawriter']): string {
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/.test(identityName)) {
      throw new Error(`SqlDatabase '${this.databaseName}': '${identityName}' is not a managed identity name (3-128 letters, digits, hyphens, underscores)`);
    }
    if (roles.length === 0) throw new Error(`SqlDatabase '${this.databaseName}': give the identity at least one database role`);
    return [
      `-- Run in database [${this.databaseName}] on ${this.server.serverName}.database.windows.net as a member of the Entra admin group.`,
      `CREATE USER [${identityName}] FROM EXTERNAL PROVIDER;`,
      ...roles.map((role) => `ALTER ROLE ${role} ADD MEMBER [${identityName}];`),
    ].join('\n');
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function sqlServerProblems(props: SqlServerProps): string[] {
  const problems: string[] = [];
  const name = nameRuleProblem('sqlServer', props.name, 'SQL server');
  if (name) problems.push(`name ${problemText(name)}`);
  if (!GUID.test(props.entraAdministrator.objectId)) problems.push(`entraAdministrator.objectId '${props.entraAdministrator.objectId}' is not a GUID; pass the Entra group's object ID`);
  if (props.entraAdministrator.loginName.trim().length === 0) problems.push('entraAdministrator.loginName is empty; pass the group\'s display name');
  if ((props.publicNetworkAccessEnabled as boolean | undefined) === true) {
    problems.push('publicNetworkAccessEnabled: true is not allowed; reach the server through addPrivateEndpoint');
  }
  problems.push(...managedIdentityProblems(props.managedIdentities, 'systemAndUserAssigned').map((p) => `${p.path} ${problemText(p)}`));
  return problems;
}

function sqlDatabaseProblems(props: SqlDatabaseProps): string[] {
  const problems: string[] = [];
  if (!/^[^<>*%&:\\/?]{1,128}$/.test(props.name) || /[. ]$/.test(props.name)) problems.push(`name '${props.name}' is not a valid database name`);
  const retention = props.backupRetentionDays ?? 14;
  if (!Number.isInteger(retention) || retention < 1 || retention > 35) problems.push(`backupRetentionDays ${retention} is outside 1-35`);
  if (props.zoneRedundant && /^(Basic|S\d+)$/.test(props.skuName ?? '')) {
    problems.push(`zoneRedundant needs a General Purpose, Business Critical or Premium SKU, not ${props.skuName}`);
  }
  problems.push(...managedIdentityProblems(props.managedIdentities, 'userAssignedOnly').map((p) => `${p.path} ${problemText(p)}`));
  return problems;
}
