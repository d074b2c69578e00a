/**
 * The response half of Sentinel and private telemetry, on the synthesized management and connectivity stacks of every
 * embedded environment: each playbook's workflow parses and calls exactly what its definition claims with managed
 * identity auth, its identity gets exactly the permissions named, automation rules run it, Sentinel may run it,
 * labels page through the action group, and the workspace is reached through the Private Link Scope.
 */
import { LandingZoneConfig } from '../../config/schema';
import { newlyLabelledIncidentsQuery } from '../../constructs/security/incident-paging';
import { sentinelConnectionTemplate } from '../../constructs/security/playbook';
import { PAGE_LABEL, NOTIFY_LABEL, playbookDefinitions, PlaybookDefinition, SENTINEL_AUTOMATION_APP_ID, WorkflowElement } from '../../lib/playbooks';
import { privateDnsZonesFor } from '../../lib/private-link-zones';
import { securityNotificationEmails, SECURITY_WEBHOOK_VARIABLE } from '../../stacks/security-operations';
import { embeddedConfigs, resourcesOfType, synthEnvironments, SynthesizedStack, stackNamed } from '../helpers';

type Resource = Record<string, unknown>;
const DEFINITIONS = playbookDefinitions();

/** The key of the resource of `type` whose attribute `name` is `value`. */
function keyOf(stack: SynthesizedStack, type: string, attribute: string, value: unknown): string {
  const keys = Object.entries(stack.resource?.[type] ?? {}).filter(([, r]) => r[attribute] === value).map(([k]) => k);
  const [only] = keys;
  if (only === undefined || keys.length !== 1) throw new Error(`expected one ${type} with ${attribute}=${String(value)}, found ${keys.length}`);
  return only;
}

/** Every HTTP action in a workflow element tree (Foreach bodies included), with its name. */
function httpActions(actions: Record<string, WorkflowElement>): { name: string; inputs: { method: string; uri: string; authentication: unknown } }[] {
  return Object.entries(actions).flatMap(([name, action]) => [
    ...(action.type === 'Http' ? [{ name, inputs: action.inputs as { method: string; uri: string; authentication: unknown } }] : []),
    ...(action.actions ? httpActions(action.actions as Record<string, WorkflowElement>) : []),
  ]);
}

/** A URI with its Logic App expressions (`@{...}`) replaced by `{}`, to compare with the claimed call templates. */
const shape = (uri: string) => uri.replace(/@\{[^}]*\}\)?\}?/g, '{}').replace(/\{[a-zA-Z]+\}/g, '{}');

describe.each(embeddedConfigs().map((c) => [c.environment, c] as const))('%s', (environment, config) => {
  const stacks = synthEnvironments([config]);
  const management = stackNamed(stacks, `${environment}-management`);
  const connectivity = stackNamed(stacks, `${environment}-connectivity`);
  const playbooksOn = config.management.sentinel.enabled && config.management.playbooks.enabled;

  describe.each(DEFINITIONS.map((d) => [d.key, d] as const))('playbook %s', (_key, definition: PlaybookDefinition) => {
    const workflowKey = () => keyOf(management, 'azurerm_logic_app_workflow', 'name', `logic-${definition.key}-mgmt-${environment}-weu`);
    const workflowRef = (attribute: string) => `\${azurerm_logic_app_workflow.${workflowKey()}.${attribute}}`;
    const ownedBy = (r: Resource) => r.logic_app_id === workflowRef('id');

    (playbooksOn ? test : test.skip)('a managed-identity Logic App with the Sentinel incident trigger and the managed-identity connection', () => {
      const workflow = management.resource?.azurerm_logic_app_workflow?.[workflowKey()] as Resource;
      expect(workflow.identity).toEqual({ type: 'SystemAssigned' });
      expect(JSON.parse(String((workflow.workflow_parameters as Resource).$connections))).toEqual({ type: 'Object', defaultValue: {} });
      const connections = String((workflow.parameters as Resource).$connections);
      expect(connections).toContain('"connectionProperties" = {"authentication" = {"type" = "ManagedServiceIdentity"}}');
      expect(connections).toContain(`managedApis/azuresentinel`);
      const triggers = resourcesOfType(management, 'azurerm_logic_app_trigger_custom').filter(ownedBy);
      expect(triggers).toHaveLength(1);
      const trigger = JSON.parse(String(triggers[0]!.body)) as { type: string; inputs: { path: string; host: { connection: { name: string } } } };
      expect(trigger).toMatchObject({ type: 'ApiConnectionWebhook', inputs: { path: '/incident-creation', host: { connection: { name: "@parameters('$connections')['azuresentinel']['connectionId']" } } } });
    });

    (playbooksOn ? test : test.skip)('its actions parse, run after actions created before them, and call exactly the claimed APIs with managed identity', () => {
      // Creation order: the one without depends_on first, then each that depends on the previous one.
      const all = Object.entries(management.resource?.azurerm_logic_app_action_custom ?? {}).filter(([, a]) => ownedBy(a));
      const actions: Resource[] = [];
      let previous: string | undefined;
      for (let i = 0; i < all.length; i++) {
        const next = all.find(([, a]) => (previous === undefined ? a.depends_on === undefined : (a.depends_on as string[] | undefined)?.[0] === `azurerm_logic_app_action_custom.${previous}`));
        if (!next) break;
        actions.push(next[1]);
        previous = next[0];
      }
      expect(actions.map((a) => a.name)).toEqual(definition.actions.map((a) => a.name));
      const parsed = Object.fromEntries(actions.map((a) => [String(a.name), JSON.parse(String(a.body)) as WorkflowElement]));
      const created = new Set<string>();
      for (const action of actions) {
        for (const predecessor of Object.keys(parsed[String(action.name)]!.runAfter ?? {})) expect(created).toContain(predecessor);
        created.add(String(action.name));
      }
      const calls = httpActions(parsed);
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) {
        const audience = new URL(call.inputs.uri).origin;
        expect(call.inputs.authentication).toEqual({ type: 'ManagedServiceIdentity', audience });
      }
      expect(calls.map((c) => `${c.inputs.method} ${shape(c.inputs.uri)}`).sort()).toEqual(definition.calls.map((c) => `${c.method} ${shape(c.uri)}`).sort());
      // The Graph call the seed names, verbatim.
      if (definition.key === 'risky-sign-in') expect(calls.some((c) => c.inputs.method === 'POST' && /\/v1\.0\/users\/.+\/revokeSignInSessions$/.test(c.inputs.uri))).toBe(true);
      if (definition.key === 'device-isolation') expect(calls.some((c) => c.inputs.method === 'POST' && /api\.securitycenter\.microsoft\.com\/api\/machines\/.+\/isolate$/.test(c.inputs.uri))).toBe(true);
      // It records what it did on the incident.
      expect(Object.values(parsed).some((a) => a.type === 'ApiConnection' && (a.inputs as Resource).path === '/Incidents/Comment')).toBe(true);
    });

    (playbooksOn ? test : test.skip)('its identity holds exactly the named application permissions and Sentinel Responder on the workspace', () => {
      const grants = resourcesOfType(management, 'azuread_app_role_assignment').filter((g) => g.principal_object_id === workflowRef('identity[0].principal_id'));
      const roles = grants.map((g) => /app_role_ids\["([^"]+)"\]/.exec(String(g.app_role_id))?.[1]).sort();
      expect(roles).toEqual(definition.permissions.map((p) => p.appRole).sort());
      for (const grant of grants) {
        const api = /data\.azuread_service_principal\.([^.]+)\./.exec(String(grant.resource_object_id))?.[1] as string;
        const permission = definition.permissions.find((p) => String(grant.app_role_id).includes(`"${p.appRole}"`));
        expect((management.data?.azuread_service_principal?.[api] as Resource).client_id).toBe(permission?.resourceAppId);
      }
      const responder = resourcesOfType(management, 'azurerm_role_assignment').filter((r) => r.principal_id === workflowRef('identity[0].principal_id'));
      expect(responder).toEqual([expect.objectContaining({ role_definition_name: 'Microsoft Sentinel Responder', scope: expect.stringMatching(/sentinel_log_analytics_workspace_onboarding/) })]);
    });

    (playbooksOn ? test : test.skip)('an automation rule labels high-severity incidents of its product for the SOC and runs it', () => {
      const rules = resourcesOfType(management, 'azurerm_sentinel_automation_rule').filter((r) => (r.action_playbook as Resource[] | undefined)?.[0]?.logic_app_id === workflowRef('id'));
      expect(rules).toHaveLength(1);
      expect(rules[0]).toMatchObject({ triggers_on: 'Incidents', triggers_when: 'Created', action_incident: [{ labels: expect.arrayContaining([NOTIFY_LABEL]) }] });
      expect((rules[0]!.action_playbook as Resource[])[0]!.tenant_id).toBe(config.tenantId);
      expect(String(rules[0]!.condition_json)).toContain(`"propertyName" = "AlertProductNames", "operator" = "Contains", "propertyValues" = [${definition.alertProducts.map((p) => `"${p}"`).join(', ')}]`);
      expect(String(rules[0]!.condition_json)).toContain('"propertyName" = "IncidentSeverity", "operator" = "Equals", "propertyValues" = ["High"]');
    });
  });

  (playbooksOn ? test : test.skip)('Sentinel may run the playbooks: Automation Contributor on their own resource group for its service principal', () => {
    const sentinelPrincipal = Object.entries(management.data?.azuread_service_principal ?? {}).filter(([, d]) => d.client_id === SENTINEL_AUTOMATION_APP_ID);
    expect(sentinelPrincipal).toHaveLength(1);
    const grants = resourcesOfType(management, 'azurerm_role_assignment').filter((r) => r.role_definition_name === 'Microsoft Sentinel Automation Contributor');
    const playbookGroup = keyOf(management, 'azurerm_resource_group', 'name', `rg-playbooks-mgmt-${environment}-weu`);
    expect(grants).toEqual([
      expect.objectContaining({ principal_id: `\${data.azuread_service_principal.${sentinelPrincipal[0]![0]}.object_id}`, scope: `\${azurerm_resource_group.${playbookGroup}.id}` }),
    ]);
    // Every workflow lives there, nowhere else.
    for (const workflow of resourcesOfType(management, 'azurerm_logic_app_workflow')) expect(workflow.resource_group_name).toBe(`\${azurerm_resource_group.${playbookGroup}.name}`);
  });

  (playbooksOn ? test : test.skip)('the Sentinel connection is a managed-identity Microsoft.Web/connections (parameterValueType Alternative)', () => {
    const deployments = resourcesOfType(management, 'azurerm_resource_group_template_deployment');
    expect(deployments).toHaveLength(1);
    const template = JSON.parse(String(deployments[0]!.template_content)) as typeof sentinelConnectionTemplate extends () => infer T ? T : never;
    expect(template).toEqual(sentinelConnectionTemplate());
    const connection = (template.resources as Resource[])[0];
    expect(connection).toMatchObject({ type: 'Microsoft.Web/connections', properties: { parameterValueType: 'Alternative' } });
    expect(JSON.stringify(deployments[0])).not.toMatch(/secret|password|key=/i);
  });

  (config.management.sentinel.enabled ? test : test.skip)('labels page: the action group gets config receivers, the break-glass escalation labels page-on-call', () => {
    const group = resourcesOfType(management, 'azurerm_monitor_action_group');
    expect(group).toHaveLength(1);
    expect((group[0]!.email_receiver as { email_address: string }[]).map((r) => r.email_address)).toEqual(securityNotificationEmails(config).sort());
    if (config.management.notifications.webhookEnabled) {
      expect(group[0]!.webhook_receiver).toEqual([expect.objectContaining({ service_uri: `\${var.${SECURITY_WEBHOOK_VARIABLE}}`, use_common_alert_schema: true })]);
      expect((management as { variable?: Record<string, Resource> }).variable?.[SECURITY_WEBHOOK_VARIABLE]).toMatchObject({ sensitive: true, type: 'string' });
      expect((management as { variable?: Record<string, Resource> }).variable?.[SECURITY_WEBHOOK_VARIABLE]).not.toHaveProperty('default');
    } else {
      expect(group[0]!.webhook_receiver).toBeUndefined();
    }
    const alerts = resourcesOfType(management, 'azurerm_monitor_scheduled_query_rules_alert_v2');
    const groupKey = Object.keys(management.resource?.azurerm_monitor_action_group ?? {})[0];
    for (const [label, severity] of [[PAGE_LABEL, 0], [NOTIFY_LABEL, 1]] as const) {
      const alert = alerts.find((a) => (a.criteria as { query: string }[])[0]!.query === newlyLabelledIncidentsQuery(label));
      expect(alert).toMatchObject({ severity, action: { action_groups: [`\${azurerm_monitor_action_group.${groupKey}.id}`] } });
    }
    if (config.tenantConfig.identity && config.tenantConfig.entraIdLogs.environment === config.environment) {
      const escalation = resourcesOfType(management, 'azurerm_sentinel_automation_rule').find((r) => String(r.condition_json).includes('BreakGlassSignIn'));
      expect((escalation?.action_incident as { labels: string[] }[])[0]!.labels).toContain(PAGE_LABEL);
    }
  });

  test('the Azure Monitor Private Link Scope holds the workspace and the hub reaches it through a private endpoint', () => {
    const { privateLink } = config.management;
    const scopes = resourcesOfType(management, 'azurerm_monitor_private_link_scope');
    if (!privateLink.enabled) {
      expect(scopes).toEqual([]);
      return;
    }
    expect(scopes).toEqual([expect.objectContaining({ ingestion_access_mode: privateLink.ingestionAccessMode, query_access_mode: privateLink.queryAccessMode })]);
    const workspaceKey = Object.keys(management.resource?.azurerm_log_analytics_workspace ?? {})[0];
    expect(resourcesOfType(management, 'azurerm_monitor_private_link_scoped_service')).toEqual([
      expect.objectContaining({ linked_resource_id: `\${azurerm_log_analytics_workspace.${workspaceKey}.id}` }),
    ]);
    const endpoint = resourcesOfType(connectivity, 'azurerm_private_endpoint').find((e) => (e.private_service_connection as { subresource_names: string[] }).subresource_names[0] === 'azuremonitor');
    expect(endpoint).toBeDefined();
    expect(String((endpoint?.private_service_connection as { private_connection_resource_id: string }).private_connection_resource_id)).toMatch(/terraform_remote_state/);
    expect((endpoint?.private_dns_zone_group as { private_dns_zone_ids: string[] }).private_dns_zone_ids).toHaveLength(privateDnsZonesFor('azureMonitor', 'azuremonitor').length);
  });
});

describe('config switches', () => {
  const prod = embeddedConfigs().find((c) => c.environment === 'prod') as LandingZoneConfig;

  test('playbooks off: no Logic Apps, grants or playbook automation, and the suppression is recorded with its reason', () => {
    const off = { ...prod, management: { ...prod.management, playbooks: { enabled: false, reason: 'pilot tenant without Defender for Endpoint' } } } as LandingZoneConfig;
    const management = stackNamed(synthEnvironments([off]), 'prod-management');
    for (const type of ['azurerm_logic_app_workflow', 'azuread_app_role_assignment', 'azurerm_resource_group_template_deployment']) expect(resourcesOfType(management, type)).toEqual([]);
    expect(resourcesOfType(management, 'azurerm_sentinel_automation_rule').filter((r) => r.action_playbook !== undefined)).toEqual([]);
    expect(JSON.stringify(management)).toContain('pilot tenant without Defender for Endpoint');
    expect(JSON.stringify(management)).toContain('ZT-VIS-041');
  });

  test('PrivateOnly turns the workspace public endpoints off; Open keeps the configured choice', () => {
    const open = { ...prod, management: { ...prod.management, privateLink: { enabled: true, ingestionAccessMode: 'Open', queryAccessMode: 'Open' } } } as LandingZoneConfig;
    const privateOnly = { ...prod, management: { ...prod.management, privateLink: { enabled: true, ingestionAccessMode: 'PrivateOnly', queryAccessMode: 'PrivateOnly' } } } as LandingZoneConfig;
    const workspace = (c: LandingZoneConfig) => resourcesOfType(stackNamed(synthEnvironments([c]), 'prod-management'), 'azurerm_log_analytics_workspace')[0];
    expect(workspace(open)).toMatchObject({ internet_ingestion_enabled: true, internet_query_enabled: true });
    expect(workspace(privateOnly)).toMatchObject({ internet_ingestion_enabled: false, internet_query_enabled: false });
  });
});
