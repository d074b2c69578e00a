/**
 * Scheduled analytics rules as code: real KQL, parameterised from config. Each rule names the tables it reads so
 * tests (and reviewers) can see that the data it needs is routed to the workspace.
 */

export type SentinelSeverity = 'High' | 'Medium' | 'Low' | 'Informational';

export interface EntityMapping {
  readonly entityType: 'Account' | 'IP' | 'AzureResource' | 'Host';
  readonly fieldMapping: readonly { readonly identifier: string; readonly columnName: string }[];
}

export interface AnalyticsRuleDefinition {
  /** Stable key, also the construct ID. */
  readonly key: string;
  readonly displayName: string;
  readonly description: string;
  readonly severity: SentinelSeverity;
  readonly query: string;
  /** ISO 8601 durations. */
  readonly queryFrequency: string;
  readonly queryPeriod: string;
  readonly tactics: readonly string[];
  readonly techniques: readonly string[];
  readonly entityMappings: readonly EntityMapping[];
  /** Tables the query reads, and where they come from. */
  readonly tables: readonly string[];
  /** A result column holding each alert's severity (High/Medium/Low/Informational), overriding `severity`. */
  readonly severityColumn?: string;
  /** Alert title with `{{column}}` placeholders. */
  readonly alertDisplayNameFormat?: string;
}

/** Quotes values for a KQL `in~ (...)` list. */
function kqlList(values: readonly string[]): string {
  return values.map((v) => `"${v.replace(/["\\]/g, '')}"`).join(', ');
}

export interface AnalyticsRuleParameters {
  /**
   * The workspace receives the tenant's Entra ID logs (the tenant file's `entraIdLogs.environment`): rules reading
   * Entra ID tables (ENTRA_ID_TABLES) exist only there, since elsewhere they could never fire.
   */
  readonly entraIdLogs: boolean;
  /** UPNs of the break-glass accounts (from the identity config). */
  readonly breakGlassUserPrincipalNames: readonly string[];
  /** Object ID of the deployment identity, whose (pipeline) changes are expected. */
  readonly deploymentIdentityObjectId?: string;
  readonly idpsDenyThreshold: number;
  readonly keyVaultForbiddenThreshold: number;
  /**
   * An Application Gateway WAF sends its firewall log to the workspace (a spoke workload with ingress appGateway):
   * add the rule correlating its SQL injection blocks with risky sign-ins.
   * @default false
   */
  readonly webApplicationFirewall?: boolean;
  /** Working hours of the team that activates roles; activations outside them alert at High. */
  readonly businessHours: BusinessHours;
}

export interface BusinessHours {
  /** IANA time zone (or UTC) the hours are in. */
  readonly timeZone: string;
  /** First working hour, 0-23. */
  readonly startHour: number;
  /** Hour work ends, 1-24 (exclusive). */
  readonly endHour: number;
  /** Saturdays and Sundays are outside business hours. */
  readonly weekdaysOnly: boolean;
}

const NETWORK_CONTROL_OPERATIONS = [
  'MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/WRITE',
  'MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/DELETE',
  'MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/SECURITYRULES/WRITE',
  'MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/SECURITYRULES/DELETE',
  'MICROSOFT.NETWORK/FIREWALLPOLICIES/WRITE',
  'MICROSOFT.NETWORK/FIREWALLPOLICIES/DELETE',
  'MICROSOFT.NETWORK/FIREWALLPOLICIES/RULECOLLECTIONGROUPS/WRITE',
  'MICROSOFT.NETWORK/FIREWALLPOLICIES/RULECOLLECTIONGROUPS/DELETE',
];

/**
 * The landing zone's analytics rules: the break-glass rule only when there are break-glass accounts, the rules
 * reading Entra ID tables only in the workspace that receives the tenant's Entra ID logs.
 */
export function analyticsRules(p: AnalyticsRuleParameters): AnalyticsRuleDefinition[] {
  const all = allAnalyticsRules(p);
  return p.entraIdLogs ? all : all.filter((rule) => !readsEntraIdLogs(rule));
}

/** The rule reads a table only the tenant's Entra ID diagnostic setting fills. */
export function readsEntraIdLogs(rule: AnalyticsRuleDefinition): boolean {
  return rule.tables.some((table) => (ENTRA_ID_TABLES as readonly string[]).includes(table));
}

function allAnalyticsRules(p: AnalyticsRuleParameters): AnalyticsRuleDefinition[] {
  const rules: AnalyticsRuleDefinition[] = [];
  if (p.breakGlassUserPrincipalNames.length > 0) {
    rules.push({
      key: 'BreakGlassSignIn',
      displayName: 'Break-glass account sign-in',
      description: 'Any sign-in attempt by an emergency-access account. Page the on-call team: confirm a declared emergency, or treat as compromise.',
      severity: 'High',
      query: [
        'union isfuzzy=true SigninLogs, AADNonInteractiveUserSignInLogs',
        `| where UserPrincipalName in~ (${kqlList(p.breakGlassUserPrincipalNames)})`,
        '| project TimeGenerated, UserPrincipalName, IPAddress, AppDisplayName, ResultType, ConditionalAccessStatus, Location',
      ].join('\n'),
      queryFrequency: 'PT5M',
      queryPeriod: 'PT10M',
      tactics: ['InitialAccess', 'PrivilegeEscalation'],
      techniques: ['T1078'],
      entityMappings: [
        { entityType: 'Account', fieldMapping: [{ identifier: 'FullName', columnName: 'UserPrincipalName' }] },
        { entityType: 'IP', fieldMapping: [{ identifier: 'Address', columnName: 'IPAddress' }] },
      ],
      tables: ['SigninLogs', 'AADNonInteractiveUserSignInLogs'],
    });
  }
  rules.push(pimActivationRule(p));
  rules.push({
    key: 'ConditionalAccessPolicyChange',
    displayName: 'Conditional Access policy created, changed or deleted',
    description: 'Conditional Access is managed as code; a change outside the pipeline weakens the identity perimeter.',
    severity: 'Medium',
    query: [
      'AuditLogs',
      '| where OperationName in ("Add conditional access policy", "Update conditional access policy", "Delete conditional access policy")',
      '| extend Actor = coalesce(tostring(InitiatedBy.user.userPrincipalName), tostring(InitiatedBy.app.displayName)), ActorIp = tostring(InitiatedBy.user.ipAddress)',
      '| extend Policy = tostring(TargetResources[0].displayName)',
      '| project TimeGenerated, OperationName, Actor, ActorIp, Policy, Result',
    ].join('\n'),
    queryFrequency: 'PT15M',
    queryPeriod: 'PT15M',
    tactics: ['DefenseEvasion', 'Persistence'],
    techniques: ['T1556'],
    entityMappings: [
      { entityType: 'Account', fieldMapping: [{ identifier: 'FullName', columnName: 'Actor' }] },
      { entityType: 'IP', fieldMapping: [{ identifier: 'Address', columnName: 'ActorIp' }] },
    ],
    tables: ['AuditLogs'],
  });
  rules.push({
    key: 'NetworkControlChange',
    displayName: 'NSG or firewall policy changed outside the pipeline',
    description: 'Network security groups and the firewall policy are managed as code; a change by anyone but the deployment identity is suspicious.',
    severity: 'Medium',
    query: [
      'AzureActivity',
      `| where OperationNameValue in~ (${kqlList(NETWORK_CONTROL_OPERATIONS)})`,
      '| where ActivityStatusValue in~ ("Success", "Succeeded")',
      // Caller is a UPN for users and an ID for service principals; the object ID claim is the same for both.
      '| extend CallerObjectId = tostring(Claims_d["http://schemas.microsoft.com/identity/claims/objectidentifier"])',
      ...(p.deploymentIdentityObjectId ? [`| where CallerObjectId != "${p.deploymentIdentityObjectId.replace(/["\\]/g, '')}"`] : []),
      '| project TimeGenerated, Caller, CallerObjectId, CallerIpAddress, OperationNameValue, ResourceId = _ResourceId',
    ].join('\n'),
    queryFrequency: 'PT15M',
    queryPeriod: 'PT15M',
    tactics: ['DefenseEvasion'],
    techniques: ['T1562'],
    entityMappings: [
      { entityType: 'Account', fieldMapping: [{ identifier: 'FullName', columnName: 'Caller' }] },
      { entityType: 'IP', fieldMapping: [{ identifier: 'Address', columnName: 'CallerIpAddress' }] },
      { entityType: 'AzureResource', fieldMapping: [{ identifier: 'ResourceId', columnName: 'ResourceId' }] },
    ],
    tables: ['AzureActivity'],
  });
  rules.push({
    key: 'IdpsDenySpike',
    displayName: 'Firewall IDPS deny spike',
    description: `At least ${p.idpsDenyThreshold} IDPS denies from one source in 5 minutes: an exploitation attempt or a compromised host.`,
    severity: 'High',
    query: [
      'AZFWIdpsSignature',
      '| where Action == "Deny"',
      '| summarize Denies = count(), Signatures = make_set(SignatureId, 20) by SourceIp, bin(TimeGenerated, 5m)',
      `| where Denies >= ${p.idpsDenyThreshold}`,
    ].join('\n'),
    queryFrequency: 'PT5M',
    queryPeriod: 'PT5M',
    tactics: ['InitialAccess', 'CommandAndControl'],
    techniques: ['T1190', 'T1071'],
    entityMappings: [{ entityType: 'IP', fieldMapping: [{ identifier: 'Address', columnName: 'SourceIp' }] }],
    tables: ['AZFWIdpsSignature'],
  });
  rules.push({
    key: 'KeyVaultAccessAnomaly',
    displayName: 'Repeated forbidden Key Vault requests',
    description: `At least ${p.keyVaultForbiddenThreshold} forbidden requests from one caller in an hour: probing for secrets without a grant.`,
    severity: 'Medium',
    query: [
      'AzureDiagnostics',
      '| where ResourceProvider == "MICROSOFT.KEYVAULT" and Category == "AuditEvent"',
      '| where httpStatusCode_d == 403 or ResultSignature == "Forbidden"',
      '| extend Caller = coalesce(identity_claim_upn_s, identity_claim_appid_g, identity_claim_oid_g)',
      '| summarize Forbidden = count(), Operations = make_set(OperationName, 20) by Caller, CallerIPAddress, Resource, ResourceId, bin(TimeGenerated, 1h)',
      `| where Forbidden >= ${p.keyVaultForbiddenThreshold}`,
    ].join('\n'),
    queryFrequency: 'PT1H',
    queryPeriod: 'PT1H',
    tactics: ['CredentialAccess', 'Discovery'],
    techniques: ['T1555'],
    entityMappings: [
      { entityType: 'Account', fieldMapping: [{ identifier: 'FullName', columnName: 'Caller' }] },
      { entityType: 'IP', fieldMapping: [{ identifier: 'Address', columnName: 'CallerIPAddress' }] },
      { entityType: 'AzureResource', fieldMapping: [{ identifier: 'ResourceId', columnName: 'ResourceId' }] },
    ],
    tables: ['AzureDiagnostics'],
  });
  if (p.webApplicationFirewall) rules.push(wafSqlInjectionWithRiskySignIn());
  return rules;
}

/**
 * Every PIM activation (directory roles, PIM for Groups membership and Azure resource roles: PIM records all three in
 * the Entra ID audit log), at Medium; High when it happens outside business hours or is done by a break-glass account.
 */
function pimActivationRule(p: AnalyticsRuleParameters): AnalyticsRuleDefinition {
  const hours = p.businessHours;
  const timeZone = hours.timeZone.replace(/["\\]/g, '');
  return {
    key: 'PimActivation',
    displayName: 'PIM activation (directory role, group or Azure role)',
    description:
      'Someone activated a privileged role or privileged access group membership. Expected during working hours with a justification; outside business hours or by a break-glass account it is High: confirm with the person.',
    severity: 'Medium',
    query: [
      'AuditLogs',
      '| where LoggedByService == "PIM" and Result =~ "success"',
      '| where OperationName endswith "completed (PIM activation)"',
      '| extend Actor = coalesce(tostring(InitiatedBy.user.userPrincipalName), tostring(TargetResources[2].userPrincipalName)), ActorIp = tostring(InitiatedBy.user.ipAddress)',
      '| extend Activated = tostring(TargetResources[0].displayName), ActivatedType = tostring(TargetResources[0].type), Justification = ResultReason',
      `| extend Local = datetime_utc_to_local(TimeGenerated, "${timeZone}")`,
      `| extend OutsideBusinessHours = hourofday(Local) < ${hours.startHour} or hourofday(Local) >= ${hours.endHour}${hours.weekdaysOnly ? ' or dayofweek(Local) in (0d, 6d)' : ''}`,
      p.breakGlassUserPrincipalNames.length > 0 ? `| extend ByBreakGlass = Actor in~ (${kqlList(p.breakGlassUserPrincipalNames)})` : '| extend ByBreakGlass = false',
      '| extend AlertSeverity = iff(OutsideBusinessHours or ByBreakGlass, "High", "Medium")',
      '| project TimeGenerated, Actor, ActorIp, OperationName, Activated, ActivatedType, Justification, OutsideBusinessHours, ByBreakGlass, AlertSeverity',
    ].join('\n'),
    queryFrequency: 'PT5M',
    queryPeriod: 'PT10M',
    tactics: ['PrivilegeEscalation', 'Persistence'],
    techniques: ['T1078', 'T1098'],
    entityMappings: [
      { entityType: 'Account', fieldMapping: [{ identifier: 'FullName', columnName: 'Actor' }] },
      { entityType: 'IP', fieldMapping: [{ identifier: 'Address', columnName: 'ActorIp' }] },
    ],
    tables: ['AuditLogs'],
    severityColumn: 'AlertSeverity',
    alertDisplayNameFormat: 'PIM activation of {{Activated}} by {{Actor}}',
  };
}

/**
 * The seed article's correlation: SQL injection the Application Gateway WAF blocked, and a risky sign-in (Entra ID
 * Protection) from the same client IP within an hour of it. WAF logs carry no user, so the IP is the join key and the
 * sign-in names the account. With anomaly scoring (DRS 2.1, CRS 3.2) the SQLi rules log `Matched` and the block is a
 * separate `Blocked` entry of the same transaction, so the two are joined on the transaction ID.
 */
function wafSqlInjectionWithRiskySignIn(): AnalyticsRuleDefinition {
  const firewallLog = 'AzureDiagnostics | where ResourceProvider == "MICROSOFT.NETWORK" and Category == "ApplicationGatewayFirewallLog"';
  return {
    key: 'WafSqlInjectionWithRiskySignIn',
    displayName: 'WAF-blocked SQL injection from the IP of a risky sign-in',
    description:
      'The Application Gateway WAF blocked SQL injection from a client IP that also had a medium or high risk sign-in or risk event within an hour: likely a targeted attack with stolen credentials. Confirm the user, revoke sessions, block the IP.',
    severity: 'High',
    query: [
      '// Reads AzureDiagnostics (ApplicationGatewayFirewallLog), SigninLogs and AADUserRiskEvents',
      'let window = 1h;',
      `let blocked = ${firewallLog}`,
      '| where action_s == "Blocked"',
      '| distinct transactionId_g;',
      `let sqlInjection = ${firewallLog}`,
      '| where ruleGroup_s has "SQLI" or ruleId_s startswith "942"',
      '| join kind=inner blocked on transactionId_g',
      '| summarize BlockedRequests = dcount(transactionId_g), Rules = make_set(ruleId_s, 20), Uris = make_set(requestUri_s, 10), FirstBlock = min(TimeGenerated), LastBlock = max(TimeGenerated) by ClientIp = clientIp_s, GatewayId = ResourceId;',
      'let riskySignIns = union isfuzzy=true',
      '  (SigninLogs | where RiskLevelDuringSignIn in ("medium", "high") or RiskLevelAggregated in ("medium", "high") | project SignInTime = TimeGenerated, UserPrincipalName, IPAddress, Risk = RiskLevelDuringSignIn),',
      '  (AADUserRiskEvents | where RiskLevel in ("medium", "high") | project SignInTime = TimeGenerated, UserPrincipalName, IPAddress = IpAddress, Risk = RiskLevel);',
      'sqlInjection',
      '| join kind=inner riskySignIns on $left.ClientIp == $right.IPAddress',
      '| where SignInTime between ((FirstBlock - window) .. (LastBlock + window))',
      '| summarize BlockedRequests = max(BlockedRequests), Rules = take_any(Rules), Uris = take_any(Uris), Users = make_set(UserPrincipalName, 10), Risks = make_set(Risk, 5), FirstBlock = min(FirstBlock), LastSignIn = max(SignInTime) by ClientIp, GatewayId',
      '| extend UserPrincipalName = tostring(Users[0])',
    ].join('\n'),
    queryFrequency: 'PT1H',
    queryPeriod: 'PT2H',
    tactics: ['InitialAccess', 'CredentialAccess'],
    techniques: ['T1190', 'T1078'],
    entityMappings: [
      { entityType: 'Account', fieldMapping: [{ identifier: 'FullName', columnName: 'UserPrincipalName' }] },
      { entityType: 'IP', fieldMapping: [{ identifier: 'Address', columnName: 'ClientIp' }] },
      { entityType: 'AzureResource', fieldMapping: [{ identifier: 'ResourceId', columnName: 'GatewayId' }] },
    ],
    tables: ['AzureDiagnostics', 'SigninLogs', 'AADUserRiskEvents'],
  };
}

/** Entra ID log categories routed to the workspace by the tenant diagnostic setting (sign-ins, audit, risk). */
export const ENTRA_ID_LOG_CATEGORIES = [
  'AuditLogs',
  'SignInLogs',
  'NonInteractiveUserSignInLogs',
  'ServicePrincipalSignInLogs',
  'ManagedIdentitySignInLogs',
  'ProvisioningLogs',
  'RiskyUsers',
  'UserRiskEvents',
  'RiskyServicePrincipals',
  'ServicePrincipalRiskEvents',
] as const;

/** The Log Analytics tables those categories fill (Azure Monitor's table of Entra ID log categories). */
export const ENTRA_ID_TABLES = [
  'AuditLogs',
  'SigninLogs',
  'AADNonInteractiveUserSignInLogs',
  'AADServicePrincipalSignInLogs',
  'AADManagedIdentitySignInLogs',
  'AADProvisioningLogs',
  'AADRiskyUsers',
  'AADUserRiskEvents',
  'AADRiskyServicePrincipals',
  'AADServicePrincipalRiskEvents',
] as const;

/** Subscription Activity Log categories routed to the workspace. */
export const ACTIVITY_LOG_CATEGORIES = ['Administrative', 'Security', 'ServiceHealth', 'Alert', 'Recommendation', 'Policy', 'Autoscale', 'ResourceHealth'] as const;
