/**
 * The management stack of every embedded environment, and telemetry coverage across all stacks: every diagnosable
 * resource has a diagnostic setting to the workspace, every VNet has a flow log with Traffic Analytics.
 */
import { DIAGNOSABLE, NOT_DIAGNOSABLE } from '../../lib/diagnostics';
import type { TerraformJson } from '../../verifier/load';
import { References } from '../../verifier/references';
import { embeddedConfig, embeddedConfigs, onlyResource, regionCode, resourcesOfType, synthEnvironments, SynthesizedStack, stackNamed } from '../helpers';

type Stacks = Record<string, SynthesizedStack>;

/** `stack/type.name` of every diagnosable resource lacking a setting for one of its targets. */
function diagnosticsGaps(stacks: Stacks): string[] {
  const refs = new References(stacks as unknown as Record<string, TerraformJson>);
  const covered = new Set<string>();
  for (const { address, attributes } of refs.resourcesOfType('azurerm_monitor_diagnostic_setting')) {
    const target = String(attributes.target_resource_id);
    const match = /^(\$\{[^}]+\})(.*)$/.exec(target);
    if (!match) continue;
    const resolved = refs.resolve(address.stack, match[1]);
    if (resolved.kind === 'attribute' && resolved.path.join('.') === 'id') covered.add(`${resolved.resource.stack}/${resolved.resource.type}.${resolved.resource.name}${match[2]}`);
  }
  const gaps: string[] = [];
  for (const [type, targets] of Object.entries(DIAGNOSABLE)) {
    for (const { address } of refs.resourcesOfType(type)) {
      for (const target of targets) {
        const key = `${address.stack}/${address.type}.${address.name}${target.suffix}`;
        if (!covered.has(key)) gaps.push(key);
      }
    }
  }
  return gaps;
}

describe.each(embeddedConfigs().map((c) => [c.environment, c] as const))('%s', (environment, config) => {
  const stacks = synthEnvironments([config]);
  const management = stackNamed(stacks, `${environment}-management`);
  const workspaceRef = `\${azurerm_log_analytics_workspace.${Object.keys(management.resource?.azurerm_log_analytics_workspace ?? {})[0]}.id}`;

  test('the workspace has the configured retention, no local authentication and the documented access choice', () => {
    expect(onlyResource(management, 'azurerm_log_analytics_workspace')).toMatchObject({
      name: `log-mgmt-${environment}-${regionCode(config)}`,
      sku: 'PerGB2018',
      retention_in_days: config.management.logAnalytics.retentionInDays,
      local_authentication_enabled: false,
      // Public access stays as configured unless the Private Link Scope makes that direction PrivateOnly.
      internet_ingestion_enabled: config.management.logAnalytics.publicIngestionEnabled && !(config.management.privateLink.enabled && config.management.privateLink.ingestionAccessMode === 'PrivateOnly'),
      internet_query_enabled: config.management.logAnalytics.publicQueryEnabled && !(config.management.privateLink.enabled && config.management.privateLink.queryAccessMode === 'PrivateOnly'),
    });
    expect(config.management.logAnalytics.retentionInDays).toBeGreaterThanOrEqual(config.production ? 180 : 90);
  });

  test('Sentinel is onboarded with the Defender for Cloud, Defender XDR and Entra ID Protection connectors', () => {
    expect(resourcesOfType(management, 'azurerm_sentinel_log_analytics_workspace_onboarding')).toHaveLength(1);
    expect(onlyResource(management, 'azurerm_sentinel_data_connector_azure_security_center').subscription_id).toBe(config.subscriptionId);
    expect(onlyResource(management, 'azurerm_sentinel_data_connector_microsoft_threat_protection').tenant_id).toBe(config.tenantId);
    expect(onlyResource(management, 'azurerm_sentinel_data_connector_azure_active_directory').tenant_id).toBe(config.tenantId);
  });

  test('the Activity Log and (in the environment the tenant names) the Entra ID sign-in and audit logs go to the workspace', () => {
    const activity = resourcesOfType(management, 'azurerm_monitor_diagnostic_setting').find((d) => d.target_resource_id === `/subscriptions/${config.subscriptionId}`);
    expect(activity).toMatchObject({ log_analytics_workspace_id: workspaceRef });
    expect((activity?.enabled_log as { category: string }[]).map((l) => l.category)).toEqual(expect.arrayContaining(['Administrative', 'Security', 'Policy']));
    // The tenant-wide Entra ID setting exists once per tenant, in the environment the tenant file names.
    if (config.tenantConfig.entraIdLogs.environment !== environment) {
      expect(resourcesOfType(management, 'azurerm_monitor_aad_diagnostic_setting')).toEqual([]);
      return;
    }
    const entra = onlyResource(management, 'azurerm_monitor_aad_diagnostic_setting');
    expect((entra.enabled_log as { category: string }[]).map((l) => l.category)).toEqual(expect.arrayContaining(['SignInLogs', 'AuditLogs', 'NonInteractiveUserSignInLogs', 'RiskyUsers']));
  });

  test('scheduled analytics rules with real KQL (the WAF correlation when a spoke has an Application Gateway); the break-glass rule watches the identity config accounts', () => {
    const rules = resourcesOfType(management, 'azurerm_sentinel_alert_rule_scheduled');
    // Rules on Entra ID sign-in, audit and risk tables only where the tenant sends those logs: elsewhere they never fire.
    const entra = config.tenantConfig.entraIdLogs.environment === environment;
    const waf = entra && config.spokes.some((spoke) => spoke.workload?.ingress === 'appGateway') ? ['WafSqlInjectionWithRiskySignIn'] : [];
    const identityRules = entra ? ['BreakGlassSignIn', 'ConditionalAccessPolicyChange', 'PimActivation'] : [];
    expect(rules.map((r) => r.name).sort()).toEqual(['IdpsDenySpike', 'KeyVaultAccessAnomaly', 'NetworkControlChange', ...identityRules, ...waf].sort());
    if (!entra) return;
    const breakGlass = rules.find((r) => r.name === 'BreakGlassSignIn');
    const identity = config.tenantConfig.identity;
    expect(identity).toBeDefined();
    expect(identity?.breakGlass.accounts.length).toBeGreaterThan(0);
    for (const account of identity?.breakGlass.accounts ?? []) expect(breakGlass?.query).toContain(`"${account}@${identity?.tenantDomain}"`);
    expect(breakGlass).toMatchObject({ severity: 'High', query_frequency: 'PT5M', trigger_operator: 'GreaterThan', trigger_threshold: 0, incident: { create_incident_enabled: true } });
    expect(rules.find((r) => r.name === 'IdpsDenySpike')?.query).toContain(`Denies >= ${config.management.sentinel.idpsDenyThreshold}`);
    expect(rules.find((r) => r.name === 'NetworkControlChange')?.query).toContain(`| where CallerObjectId != "${identity?.deploymentIdentity.objectId}"`);
  });

  test('an automation rule raises break-glass incidents to High and labels them', () => {
    const rules = resourcesOfType(management, 'azurerm_sentinel_automation_rule').filter((r) => r.action_playbook === undefined);
    if (config.tenantConfig.entraIdLogs.environment !== environment) {
      // No break-glass rule without the tenant's sign-in logs, so nothing to escalate.
      expect(rules).toEqual([]);
      return;
    }
    expect(rules).toHaveLength(1);
    const rule = rules[0];
    expect(rule).toMatchObject({ triggers_on: 'Incidents', triggers_when: 'Created', order: 1, action_incident: [{ severity: 'High', labels: ['break-glass', 'page-on-call'] }] });
    expect(rule!.name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(String(rule!.condition_json)).toMatch(/IncidentRelatedAnalyticRuleIds.*azurerm_sentinel_alert_rule_scheduled\.Sentinel_Rules_BreakGlassSignIn_[0-9A-F]{8}\.id/);
  });

  test('Defender plans: Servers P2, Storage with malware scanning, and the rest, chained; a security contact', () => {
    const pricings = resourcesOfType(management, 'azurerm_security_center_subscription_pricing');
    expect(pricings.map((p) => p.resource_type).sort()).toEqual(
      ['AppServices', 'Arm', 'CloudPosture', 'Containers', 'CosmosDbs', 'KeyVaults', 'OpenSourceRelationalDatabases', 'SqlServerVirtualMachines', 'SqlServers', 'StorageAccounts', 'VirtualMachines'].sort(),
    );
    for (const p of pricings) expect(p.tier).toBe('Standard');
    expect(pricings.find((p) => p.resource_type === 'VirtualMachines')?.subplan).toBe('P2');
    expect(pricings.find((p) => p.resource_type === 'StorageAccounts')).toMatchObject({ subplan: 'DefenderForStorageV2' });
    expect(pricings.filter((p) => p.depends_on === undefined)).toHaveLength(1);
    expect(onlyResource(management, 'azurerm_security_center_contact')).toMatchObject({ email: config.management.defender.securityContact?.email, alert_notifications: true, alerts_to_admins: true });
  });

  test('every diagnosable resource in every stack has a diagnostic setting to the workspace', () => {
    expect(diagnosticsGaps(stacks)).toEqual([]);
    const settings = Object.entries(stacks).flatMap(([stack, json]) => resourcesOfType(json, 'azurerm_monitor_diagnostic_setting').map((s) => ({ stack, s })));
    expect(settings.length).toBeGreaterThan(15);
    for (const { stack, s } of settings) {
      if (stack.endsWith('-management')) expect(s.log_analytics_workspace_id).toBe(workspaceRef);
      else expect(String(s.log_analytics_workspace_id)).toMatch(new RegExp(`cross-stack-reference-input-${environment}-management\\.outputs\\..*log_analytics_workspace.*id\\}$`));
    }
  });

  test('every resource type is either diagnosable or explicitly not', () => {
    const types = new Set(Object.values(stacks).flatMap((json) => Object.keys(json.resource ?? {})).filter((t) => t.startsWith('azurerm_')));
    const undecided = [...types].filter((t) => !(t in DIAGNOSABLE) && !(t in NOT_DIAGNOSABLE));
    expect(undecided).toEqual([]);
  });

  test('every VNet has a flow log with 90-day retention and Traffic Analytics into the workspace, to the private storage account', () => {
    const refs = new References(stacks as unknown as Record<string, TerraformJson>);
    const vnets = refs.resourcesOfType('azurerm_virtual_network').map((v) => `${v.address.stack}/${v.address.name}`);
    const flowLogs = refs.resourcesOfType('azurerm_network_watcher_flow_log');
    const targets = flowLogs.map(({ address, attributes }) => {
      expect(attributes).toMatchObject({ enabled: true, version: 2, retention_policy: { enabled: true, days: 90 }, traffic_analytics: { enabled: true, interval_in_minutes: 10 } });
      const storage = refs.resolve(address.stack, attributes.storage_account_id);
      expect(storage).toMatchObject({ kind: 'attribute', resource: { type: 'azurerm_storage_account', stack: `${environment}-management` } });
      const target = refs.resolve(address.stack, attributes.target_resource_id);
      return target.kind === 'attribute' ? `${target.resource.stack}/${target.resource.name}` : 'unresolved';
    });
    expect(targets.sort()).toEqual(vnets.sort());
    expect(vnets.length).toBe(1 + config.spokes.length);
    expect(onlyResource(management, 'azurerm_storage_account')).toMatchObject({ network_rules: { default_action: 'Deny', bypass: ['AzureServices'] }, min_tls_version: 'TLS1_2', allow_nested_items_to_be_public: false });
  });
});

describe('coverage checks can fail', () => {
  test('a diagnostic setting removed from the output is reported as a gap', () => {
    const stacks = JSON.parse(JSON.stringify(synthEnvironments([embeddedConfig('dev')]))) as Stacks;
    const settings = stackNamed(stacks, 'dev-connectivity').resource?.azurerm_monitor_diagnostic_setting ?? {};
    const firewallSetting = Object.keys(settings).find((k) => k.startsWith('Firewall_Diagnostics'));
    expect(firewallSetting).toBeDefined();
    delete settings[firewallSetting as string];
    expect(diagnosticsGaps(stacks)).toEqual([expect.stringMatching(/^dev-connectivity\/azurerm_firewall\.Firewall_[0-9A-F]{8}$/)]);
  });

  test('without identity config or a WAF there is no break-glass or WAF rule and no automation, the other five rules stay', () => {
    // The environment receiving the tenant's Entra ID logs, so the identity rules are there to keep or drop.
    const dev = embeddedConfigs().find((c) => c.tenantConfig.entraIdLogs.environment === c.environment);
    if (!dev) throw new Error('no embedded environment receives the Entra ID logs');
    const env = dev.environment;
    const { identity: _identity, ...tenant } = dev.tenantConfig;
    const spokes = dev.spokes.map(({ workload: _workload, ...spoke }) => spoke);
    const management = stackNamed(synthEnvironments([{ ...dev, spokes, tenantConfig: tenant }]), `${env}-management`);
    expect(resourcesOfType(management, 'azurerm_sentinel_alert_rule_scheduled').map((r) => r.name)).not.toContain('BreakGlassSignIn');
    expect(resourcesOfType(management, 'azurerm_sentinel_alert_rule_scheduled')).toHaveLength(5);
    // Only the playbook automation stays: no incident of a break-glass rule to escalate.
    expect(resourcesOfType(management, 'azurerm_sentinel_automation_rule').filter((r) => r.action_playbook === undefined)).toHaveLength(0);
  });
});

test('a spoke in its own subscription gets the same Defender plans and Activity Log export there, through an aliased provider', () => {
  const base = embeddedConfig('dev');
  const other = '00000000-0000-0000-0000-000000000042';
  const config = { ...base, spokes: base.spokes.map((s, i) => (i === 0 ? { ...s, subscriptionId: other } : s)) };
  const management = stackNamed(synthEnvironments([config]), 'dev-management');
  const alias = `sub_${other.replace(/-/g, '_')}`;
  expect(management.provider?.azurerm).toContainEqual(expect.objectContaining({ alias, subscription_id: other }));
  const pricings = resourcesOfType(management, 'azurerm_security_center_subscription_pricing');
  expect(pricings.filter((p) => p.provider === `azurerm.${alias}`)).toHaveLength(pricings.length / 2);
  const activity = resourcesOfType(management, 'azurerm_monitor_diagnostic_setting').filter((d) => String(d.target_resource_id).startsWith('/subscriptions/'));
  expect(activity.map((d) => [d.target_resource_id, d.provider])).toEqual(
    expect.arrayContaining([
      [`/subscriptions/${base.subscriptionId}`, undefined],
      [`/subscriptions/${other}`, `azurerm.${alias}`],
    ]),
  );
  expect(resourcesOfType(management, 'azurerm_sentinel_data_connector_azure_security_center').map((c) => c.subscription_id).sort()).toEqual([base.subscriptionId, other].sort());
});
