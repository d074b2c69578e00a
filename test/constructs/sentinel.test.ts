import { deterministicGuid, IncidentAutomationProps, Sentinel, SentinelProps } from '../../constructs/security/sentinel';
import { AnalyticsRuleDefinition } from '../../lib/sentinel-analytics';
import { SentinelAlertRuleScheduled } from '../../providers/azurerm';
import { onlyResource, referenceTo, resourcesOfType, SynthesizedStack, synthWith, TEST_SUBSCRIPTION_ID, TEST_TENANT_ID, TEST_WORKSPACE_ID } from '../helpers';

const PROPS: SentinelProps = { logAnalyticsWorkspaceId: TEST_WORKSPACE_ID, tenantId: TEST_TENANT_ID, subscriptionId: TEST_SUBSCRIPTION_ID };
const withSentinel = synthWith((scope, props: SentinelProps) => new Sentinel(scope, 'Sentinel', props), PROPS);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const RULE: AnalyticsRuleDefinition = {
  key: 'TestRule',
  displayName: 'Test rule',
  description: 'A rule for tests.',
  severity: 'Low',
  query: 'Heartbeat | summarize by Computer, ResourceId',
  queryFrequency: 'PT15M',
  queryPeriod: 'PT1H',
  tactics: ['Discovery', 'Collection'],
  techniques: ['T1087', 'T1005'],
  entityMappings: [
    { entityType: 'Host', fieldMapping: [{ identifier: 'HostName', columnName: 'Computer' }] },
    { entityType: 'AzureResource', fieldMapping: [{ identifier: 'ResourceId', columnName: 'ResourceId' }] },
  ],
  tables: ['Heartbeat'],
};
const OTHER_RULE: AnalyticsRuleDefinition = { ...RULE, key: 'OtherRule', displayName: 'Other rule' };

/** The onboarding's `workspace_id`, which content references so it is created after onboarding. */
const onboardedWorkspace = (synth: SynthesizedStack): string => {
  const [key] = Object.keys(synth.resource?.azurerm_sentinel_log_analytics_workspace_onboarding ?? {});
  return `\${azurerm_sentinel_log_analytics_workspace_onboarding.${key}.workspace_id}`;
};

const ruleId = (synth: SynthesizedStack, key: string): string => referenceTo(synth, 'azurerm_sentinel_alert_rule_scheduled', key);

function withAutomation(props: Partial<IncidentAutomationProps> = {}, id = 'Escalation', sentinelProps: Partial<SentinelProps> = {}): SynthesizedStack {
  return withSentinel((sentinel) => {
    const rules = [sentinel.addAnalyticsRule(RULE), sentinel.addAnalyticsRule(OTHER_RULE)];
    sentinel.addIncidentAutomation(id, { displayName: 'Escalate', rules, severity: 'High', labels: ['break-glass', 'page-on-call'], order: 1, ...props });
  }, sentinelProps);
}
const automationOf = (...args: Parameters<typeof withAutomation>) => onlyResource(withAutomation(...args), 'azurerm_sentinel_automation_rule');

describe('Sentinel onboarding and data connectors', () => {
  test('onboards the workspace without a customer-managed key', () => {
    expect(onlyResource(withSentinel(), 'azurerm_sentinel_log_analytics_workspace_onboarding')).toEqual({
      workspace_id: TEST_WORKSPACE_ID,
      customer_managed_key_enabled: false,
    });
  });

  test('exposes the onboarded workspace ID, not the raw one', () => {
    withSentinel((sentinel) => {
      expect(sentinel.workspaceId).not.toBe(TEST_WORKSPACE_ID);
    });
  });

  test.each([
    ['azurerm_sentinel_data_connector_azure_security_center', { name: 'defender-for-cloud', subscription_id: TEST_SUBSCRIPTION_ID }],
    ['azurerm_sentinel_data_connector_microsoft_threat_protection', { name: 'defender-xdr', tenant_id: TEST_TENANT_ID }],
    ['azurerm_sentinel_data_connector_azure_active_directory', { name: 'entra-id-protection', tenant_id: TEST_TENANT_ID }],
  ])('connects %s on the onboarded workspace', (type, expected) => {
    const synth = withSentinel();
    expect(onlyResource(synth, type)).toEqual({ ...expected, log_analytics_workspace_id: onboardedWorkspace(synth) });
  });

  test('has no rules until asked', () => {
    const synth = withSentinel();
    expect(resourcesOfType(synth, 'azurerm_sentinel_alert_rule_scheduled')).toEqual([]);
    expect(resourcesOfType(synth, 'azurerm_sentinel_automation_rule')).toEqual([]);
  });
});

describe('Sentinel.addAnalyticsRule', () => {
  test('maps every field of the definition to a scheduled rule that creates incidents, one alert per result', () => {
    const synth = withSentinel((sentinel) => {
      expect(sentinel.addAnalyticsRule(RULE)).toBeInstanceOf(SentinelAlertRuleScheduled);
    });
    expect(onlyResource(synth, 'azurerm_sentinel_alert_rule_scheduled')).toEqual({
      name: 'TestRule',
      log_analytics_workspace_id: onboardedWorkspace(synth),
      display_name: 'Test rule',
      description: 'A rule for tests.',
      severity: 'Low',
      query: 'Heartbeat | summarize by Computer, ResourceId',
      query_frequency: 'PT15M',
      query_period: 'PT1H',
      trigger_operator: 'GreaterThan',
      trigger_threshold: 0,
      tactics: ['Discovery', 'Collection'],
      techniques: ['T1087', 'T1005'],
      event_grouping: { aggregation_method: 'AlertPerResult' },
      incident: { create_incident_enabled: true, grouping: { enabled: true, lookback_duration: 'PT5H', entity_matching_method: 'AllEntities', reopen_closed_incidents: false } },
      entity_mapping: [
        { entity_type: 'Host', field_mapping: [{ identifier: 'HostName', column_name: 'Computer' }] },
        { entity_type: 'AzureResource', field_mapping: [{ identifier: 'ResourceId', column_name: 'ResourceId' }] },
      ],
      suppression_enabled: false,
      suppression_duration: 'PT5H',
      enabled: true,
    });
  });

  test('adds one rule per definition, named by its key', () => {
    const synth = withSentinel((sentinel) => [RULE, OTHER_RULE].forEach((r) => sentinel.addAnalyticsRule(r)));
    expect(resourcesOfType(synth, 'azurerm_sentinel_alert_rule_scheduled').map((r) => r.name).sort()).toEqual(['OtherRule', 'TestRule']);
  });
});

describe('Sentinel.addIncidentAutomation', () => {
  test('on incident creation from the given rules, raises severity, labels, keeps the incident active and assigns it', () => {
    const synth = withAutomation({ ownerObjectId: '66666666-6666-6666-6666-666666666666', order: 7 });
    const automation = onlyResource(synth, 'azurerm_sentinel_automation_rule');
    expect(automation).toMatchObject({
      display_name: 'Escalate',
      log_analytics_workspace_id: onboardedWorkspace(synth),
      order: 7,
      triggers_on: 'Incidents',
      triggers_when: 'Created',
      action_incident: [{ order: 1, severity: 'High', status: 'Active', labels: ['break-glass', 'page-on-call'], owner_id: '66666666-6666-6666-6666-666666666666' }],
    });
    expect(automation.name).toMatch(GUID);
    expect(automation.condition_json).toBe(
      `\${jsonencode([{"conditionType" = "Property", "conditionProperties" = {"propertyName" = "IncidentRelatedAnalyticRuleIds", "operator" = "Contains", "propertyValues" = [${ruleId(synth, 'TestRule').slice(2, -1)}, ${ruleId(synth, 'OtherRule').slice(2, -1)}]}}])}`,
    );
  });

  test('leaves incidents unassigned without an owner', () => {
    expect((automationOf().action_incident as Record<string, unknown>[])[0]!.owner_id).toBeUndefined();
  });

  test('its name is the same for the same tenant, subscription and ID, and differs when any of them differs', () => {
    const name = automationOf().name;
    expect(name).toBe(deterministicGuid(`${TEST_TENANT_ID}/${TEST_SUBSCRIPTION_ID}/Escalation`));
    expect(automationOf({ severity: 'Medium', order: 2 }).name).toBe(name);
    expect(automationOf({}, 'OtherEscalation').name).not.toBe(name);
    expect(automationOf({}, undefined, { subscriptionId: '77777777-7777-7777-7777-777777777777' }).name).not.toBe(name);
    expect(automationOf({}, undefined, { tenantId: '77777777-7777-7777-7777-777777777777' }).name).not.toBe(name);
  });

  test.each([1, 1000])('accepts order %i', (order) => {
    expect(automationOf({ order }).order).toBe(order);
  });

  test.each([0, 1001, 1.5])('fails on order %d', (order) => {
    expect(() => withAutomation({ order })).toThrow(`Sentinel automation 'Escalation': order ${order} is outside 1-1000`);
  });

  test('fails without rules', () => {
    expect(() => withAutomation({ rules: [] })).toThrow("Sentinel automation 'Escalation': no analytics rules given; pass the rules whose incidents it handles");
  });
});

describe('deterministicGuid', () => {
  test.each(['', 'a', `${TEST_TENANT_ID}/${TEST_SUBSCRIPTION_ID}/BreakGlassEscalation`, 'ü'.repeat(500)])('is a version-5-shaped, RFC 4122 variant GUID (input #%#)', (text) => {
    const guid = deterministicGuid(text);
    expect(guid).toMatch(GUID);
    expect(guid[14]).toBe('5');
    expect(guid[19]).toBe('a');
  });

  test('is stable and tells inputs apart', () => {
    expect(deterministicGuid('x')).toBe(deterministicGuid('x'));
    expect(deterministicGuid('x')).not.toBe(deterministicGuid('y'));
    // sha256('abc') = ba7816bf 8f01 cfea 4141 40de 5dae2223b00361a396177a9cb410ff61f20015ad
    expect(deterministicGuid('abc')).toBe('ba7816bf-8f01-5fea-a141-40de5dae2223');
  });
});
