import { LogAnalyticsWorkspace, LogAnalyticsWorkspaceProps } from '../../constructs/monitoring/log-analytics-workspace';
import { onlyResource, referenceTo, rendered, synthWith, TEST_RESOURCE_GROUP } from '../helpers';

const NAME = 'log-mgmt-test-weu';
const PROPS: LogAnalyticsWorkspaceProps = { resourceGroup: TEST_RESOURCE_GROUP, name: NAME };
const withWorkspace = synthWith((scope, props: LogAnalyticsWorkspaceProps) => new LogAnalyticsWorkspace(scope, 'Workspace', props), PROPS);
const workspaceOf = (props: Partial<LogAnalyticsWorkspaceProps> = {}) => onlyResource(withWorkspace(undefined, props), 'azurerm_log_analytics_workspace');

describe('LogAnalyticsWorkspace', () => {
  test('defaults: PerGB2018, local authentication off, 90 days, no cap, public ingestion and query on', () => {
    expect(workspaceOf()).toEqual({
      name: NAME,
      resource_group_name: 'rg-test',
      location: 'westeurope',
      sku: 'PerGB2018',
      retention_in_days: 90,
      local_authentication_enabled: false,
      internet_ingestion_enabled: true,
      internet_query_enabled: true,
    });
  });

  test('passes an explicit retention, daily quota, location and tags through', () => {
    expect(workspaceOf({ retentionInDays: 365, dailyQuotaGb: 5, location: 'northeurope', tags: { workload: 'mgmt' } })).toMatchObject({
      retention_in_days: 365,
      daily_quota_gb: 5,
      location: 'northeurope',
      tags: { workload: 'mgmt' },
      local_authentication_enabled: false,
    });
  });

  test.each([30, 730])('accepts a retention of %i days', (days) => {
    expect(workspaceOf({ retentionInDays: days }).retention_in_days).toBe(days);
  });

  test.each<[Partial<LogAnalyticsWorkspaceProps>, boolean, boolean]>([
    [{ publicIngestionEnabled: false }, false, true],
    [{ publicQueryEnabled: false }, true, false],
    [{ publicIngestionEnabled: false, publicQueryEnabled: false }, false, false],
  ])('public access can be turned off (%j)', (props, ingestion, query) => {
    expect(workspaceOf(props)).toMatchObject({ internet_ingestion_enabled: ingestion, internet_query_enabled: query });
  });

  test('exposes the resource ID, the workspace GUID and the location', () => {
    const { synth, values } = rendered((scope) => {
      const workspace = new LogAnalyticsWorkspace(scope, 'Workspace', { ...PROPS, location: 'northeurope' });
      expect(workspace.location).toBe('northeurope');
      return { id: workspace.logAnalyticsWorkspaceId, guid: workspace.workspaceGuid };
    });
    expect(values).toEqual({
      id: referenceTo(synth, 'azurerm_log_analytics_workspace', NAME),
      guid: referenceTo(synth, 'azurerm_log_analytics_workspace', NAME, 'workspace_id'),
    });
  });

  test.each(['log1', `l${'a'.repeat(61)}1`])('accepts the name %s', (name) => {
    expect(workspaceOf({ name }).name).toBe(name);
  });

  const RULE = "(letters, digits and hyphens, starting and ending with a letter or digit); pick a name that follows the rule";
  const LENGTH = 'characters; Azure allows 4-63 for workspace names; pick a name of that length';
  const RETENTION = 'use a whole number of days from 30 to 730';
  test.each<[string, Partial<LogAnalyticsWorkspaceProps>, string]>([
    ['a name of 3 characters', { name: 'log' }, `LogAnalyticsWorkspace 'log': name 'log' is 3 ${LENGTH}`],
    ['a name of 64 characters', { name: 'l'.repeat(64) }, `name '${'l'.repeat(64)}' is 64 ${LENGTH}`],
    ['a name starting with a hyphen', { name: '-log-mgmt' }, `name '-log-mgmt' is not a valid workspace name ${RULE}`],
    ['a name ending with a hyphen', { name: 'log-mgmt-' }, `name 'log-mgmt-' is not a valid workspace name ${RULE}`],
    ['a name with an underscore', { name: 'log_mgmt' }, `name 'log_mgmt' is not a valid workspace name ${RULE}`],
    ['a retention of 29 days', { retentionInDays: 29 }, `: retentionInDays is 29; ${RETENTION}`],
    ['a retention of 731 days', { retentionInDays: 731 }, `retentionInDays is 731; ${RETENTION}`],
    ['a fractional retention', { retentionInDays: 90.5 }, `retentionInDays is 90.5; ${RETENTION}`],
    ['a daily quota of 0', { dailyQuotaGb: 0 }, ': dailyQuotaGb is 0; use a positive number of GB (omit it for no cap)'],
    ['a negative daily quota', { dailyQuotaGb: -1 }, 'dailyQuotaGb is -1; use a positive number of GB (omit it for no cap)'],
  ])('fails on %s', (_case, props, message) => {
    expect(() => withWorkspace(undefined, props)).toThrow(message);
  });

  test('reports every problem at once', () => {
    expect(() => withWorkspace(undefined, { name: 'l_', retentionInDays: 29, dailyQuotaGb: 0 })).toThrow(
      /^LogAnalyticsWorkspace 'l_': name 'l_' is .*; retentionInDays is 29; .*; dailyQuotaGb is 0; /,
    );
  });
});
