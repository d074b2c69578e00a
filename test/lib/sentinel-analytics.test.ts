import { AnalyticsRuleParameters, ENTRA_ID_TABLES, analyticsRules, readsEntraIdLogs } from '../../lib/sentinel-analytics';

const UPNS = ['bg-one@contoso.onmicrosoft.com', 'bg-two@contoso.onmicrosoft.com'];
const DEPLOYER = '88888888-8888-8888-8888-888888888888';
const PARAMS: AnalyticsRuleParameters = { entraIdLogs: true, breakGlassUserPrincipalNames: UPNS, deploymentIdentityObjectId: DEPLOYER, idpsDenyThreshold: 23, keyVaultForbiddenThreshold: 17, webApplicationFirewall: true, businessHours: { timeZone: 'Europe/Amsterdam', startHour: 8, endHour: 18, weekdaysOnly: true } };

const rulesOf = (params: Partial<AnalyticsRuleParameters> = {}) => analyticsRules({ ...PARAMS, ...params });
const ruleOf = (key: string, params: Partial<AnalyticsRuleParameters> = {}) => {
  const rule = rulesOf(params).find((r) => r.key === key);
  if (!rule) throw new Error(`no rule ${key}`);
  return rule;
};
const queryLines = (key: string, params: Partial<AnalyticsRuleParameters> = {}) => ruleOf(key, params).query.split('\n');

/** ISO 8601 durations of minutes or hours (what the rules use), in minutes. */
function minutes(duration: string): number {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(duration);
  if (!match || (!match[1] && !match[2])) throw new Error(`unexpected duration ${duration}`);
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

describe('analyticsRules', () => {
  test('a workspace without the tenant\'s Entra ID logs gets only the rules that read no Entra ID table', () => {
    const everywhere = rulesOf({ entraIdLogs: false });
    expect(everywhere.map((r) => r.key)).toEqual(['NetworkControlChange', 'IdpsDenySpike', 'KeyVaultAccessAnomaly']);
    for (const rule of everywhere) expect(rule.tables.filter((t) => (ENTRA_ID_TABLES as readonly string[]).includes(t))).toEqual([]);
    // Every rule left out reads a sign-in, audit or risk table.
    const left = rulesOf().filter((r) => !everywhere.some((e) => e.key === r.key));
    expect(left.length).toBeGreaterThan(0);
    for (const rule of left) expect(readsEntraIdLogs(rule)).toBe(true);
  });

  test('with break-glass accounts and a WAF: the break-glass rule first, then the five others, then the WAF correlation', () => {
    expect(rulesOf().map((r) => r.key)).toEqual(['BreakGlassSignIn', 'PimActivation', 'ConditionalAccessPolicyChange', 'NetworkControlChange', 'IdpsDenySpike', 'KeyVaultAccessAnomaly', 'WafSqlInjectionWithRiskySignIn']);
  });

  test('without break-glass accounts or a WAF: no break-glass rule, no WAF rule, the five others stay', () => {
    expect(rulesOf({ breakGlassUserPrincipalNames: [], webApplicationFirewall: false }).map((r) => r.key)).toEqual(['PimActivation', 'ConditionalAccessPolicyChange', 'NetworkControlChange', 'IdpsDenySpike', 'KeyVaultAccessAnomaly']);
  });

  test('every PIM activation alerts (roles, groups, Azure resources), High outside business hours or by break-glass', () => {
    const rule = ruleOf('PimActivation');
    expect(rule).toMatchObject({ severity: 'Medium', tables: ['AuditLogs'], severityColumn: 'AlertSeverity' });
    const lines = rule.query.split('\n');
    expect(lines).toContain('| where OperationName endswith "completed (PIM activation)"');
    expect(lines).toContain('| where LoggedByService == "PIM" and Result =~ "success"');
    expect(lines).toContain('| extend ByBreakGlass = Actor in~ ("bg-one@contoso.onmicrosoft.com", "bg-two@contoso.onmicrosoft.com")');
    expect(queryLines('PimActivation', { breakGlassUserPrincipalNames: [] })).toContain('| extend ByBreakGlass = false');
    expect(lines).toContain('| extend Local = datetime_utc_to_local(TimeGenerated, "Europe/Amsterdam")');
    expect(lines).toContain('| extend OutsideBusinessHours = hourofday(Local) < 8 or hourofday(Local) >= 18 or dayofweek(Local) in (0d, 6d)');
    expect(lines).toContain('| extend AlertSeverity = iff(OutsideBusinessHours or ByBreakGlass, "High", "Medium")');
    // Every column an entity or the severity override names is projected.
    const projected = (lines.find((l) => l.startsWith('| project')) ?? '').replace('| project ', '').split(', ');
    for (const column of [...rule.entityMappings.flatMap((m) => m.fieldMapping.map((f) => f.columnName)), 'AlertSeverity']) expect(projected).toContain(column);
    const weekends = ruleOf('PimActivation', { businessHours: { timeZone: 'UTC', startHour: 0, endHour: 24, weekdaysOnly: false } }).query;
    expect(weekends).toContain('| extend OutsideBusinessHours = hourofday(Local) < 0 or hourofday(Local) >= 24\n');
  });

  test('the WAF rule joins blocked SQL injection (by transaction) to medium/high risk sign-ins and risk events from the same IP within an hour', () => {
    const rule = ruleOf('WafSqlInjectionWithRiskySignIn');
    const lines = rule.query.split('\n');
    expect(rule).toMatchObject({ severity: 'High', tables: ['AzureDiagnostics', 'SigninLogs', 'AADUserRiskEvents'] });
    expect(lines).toEqual(
      expect.arrayContaining([
        'let window = 1h;',
        '| where action_s == "Blocked"',
        '| where ruleGroup_s has "SQLI" or ruleId_s startswith "942"',
        '| join kind=inner blocked on transactionId_g',
        '| join kind=inner riskySignIns on $left.ClientIp == $right.IPAddress',
        '| where SignInTime between ((FirstBlock - window) .. (LastBlock + window))',
      ]),
    );
    expect(rule.query.match(/Category == "ApplicationGatewayFirewallLog"/g)).toHaveLength(2);
    expect(rule.query).toMatch(/SigninLogs \| where RiskLevelDuringSignIn in \("medium", "high"\)/);
    expect(rule.query).toMatch(/AADUserRiskEvents \| where RiskLevel in \("medium", "high"\)/);
    expect(minutes(rule.queryPeriod)).toBeGreaterThanOrEqual(minutes(rule.queryFrequency) + 60);
  });

  test('the break-glass rule watches interactive and non-interactive sign-ins of exactly the given UPNs, at High severity', () => {
    const rule = ruleOf('BreakGlassSignIn');
    expect(rule).toMatchObject({ severity: 'High', tables: ['SigninLogs', 'AADNonInteractiveUserSignInLogs'] });
    expect(rule.query.split('\n').filter((l) => l.includes('UserPrincipalName in~'))).toEqual([
      '| where UserPrincipalName in~ ("bg-one@contoso.onmicrosoft.com", "bg-two@contoso.onmicrosoft.com")',
    ]);
    expect(queryLines('BreakGlassSignIn', { breakGlassUserPrincipalNames: ['only@contoso.onmicrosoft.com'] })).toContain('| where UserPrincipalName in~ ("only@contoso.onmicrosoft.com")');
  });

  test('strips quotes and backslashes from the UPNs, so a value cannot break out of the KQL string', () => {
    const lines = queryLines('BreakGlassSignIn', { breakGlassUserPrincipalNames: ['a"), "x@y" or true or ("@contoso.com', 'b\\"@contoso.com'] });
    expect(lines[1]).toBe('| where UserPrincipalName in~ ("a), x@y or true or (@contoso.com", "b@contoso.com")');
  });

  test('excludes the deployment identity from network control changes only when given', () => {
    const exclusion = `| where CallerObjectId != "${DEPLOYER}"`;
    expect(queryLines('NetworkControlChange')).toContain(exclusion);
    expect(queryLines('NetworkControlChange', { deploymentIdentityObjectId: undefined }).filter((l) => l.includes('CallerObjectId !='))).toEqual([]);
  });

  test('network control changes cover NSG, NSG rule, firewall policy and rule collection group writes and deletes', () => {
    const line = queryLines('NetworkControlChange').find((l) => l.startsWith('| where OperationNameValue in~'));
    for (const resource of ['NETWORKSECURITYGROUPS', 'NETWORKSECURITYGROUPS/SECURITYRULES', 'FIREWALLPOLICIES', 'FIREWALLPOLICIES/RULECOLLECTIONGROUPS']) {
      for (const verb of ['WRITE', 'DELETE']) expect(line).toContain(`"MICROSOFT.NETWORK/${resource}/${verb}"`);
    }
  });

  test('the thresholds are in the KQL and the descriptions', () => {
    expect(queryLines('IdpsDenySpike')).toContain('| where Denies >= 23');
    expect(queryLines('KeyVaultAccessAnomaly')).toContain('| where Forbidden >= 17');
    expect(ruleOf('IdpsDenySpike').description).toContain('At least 23 IDPS denies');
    expect(ruleOf('KeyVaultAccessAnomaly').description).toContain('At least 17 forbidden requests');
    expect(queryLines('IdpsDenySpike', { idpsDenyThreshold: 5 })).toContain('| where Denies >= 5');
    expect(queryLines('KeyVaultAccessAnomaly', { keyVaultForbiddenThreshold: 3 })).toContain('| where Forbidden >= 3');
  });

  test.each(rulesOf().map((r) => [r.key, r] as const))('%s reads its tables and has tactics, techniques and entity mappings', (_key, rule) => {
    expect(rule.tables.length).toBeGreaterThan(0);
    // The query starts from its tables (a plain table or a union of them).
    expect(rule.tables.every((table) => rule.query.split('\n')[0]!.includes(table))).toBe(true);
    expect(rule.tactics.length).toBeGreaterThan(0);
    expect(rule.techniques.length).toBeGreaterThan(0);
    rule.techniques.forEach((t) => expect(t).toMatch(/^T\d{4}(\.\d{3})?$/));
    expect(rule.entityMappings.length).toBeGreaterThan(0);
    for (const mapping of rule.entityMappings) {
      expect(mapping.fieldMapping.length).toBeGreaterThan(0);
      // Every mapped column is produced by the query.
      mapping.fieldMapping.forEach((f) => expect(rule.query).toContain(f.columnName));
    }
  });

  test.each(rulesOf().map((r) => [r.key, r] as const))('%s runs at least every 5 minutes apart and looks back at least as far as it runs', (_key, rule) => {
    expect(minutes(rule.queryFrequency)).toBeGreaterThanOrEqual(5);
    expect(minutes(rule.queryFrequency)).toBeLessThanOrEqual(minutes(rule.queryPeriod));
  });

  test('rule keys are unique', () => {
    const keys = rulesOf().map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
