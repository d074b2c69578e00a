/** The `management` section: defaults, errors with paths, and warnings for weaker-than-baseline choices. */
import { stringify } from 'yaml';
import { loadEnvironmentText } from '../../config/load';

type Json = Record<string, unknown>;

function load(management: Json | undefined) {
  const doc: Json = {
    environment: 'dev',
    location: 'westeurope',
    tenant: 'contoso',
    subscriptionId: '00000000-0000-0000-0000-000000000001',
    tags: { owner: 'platform-team@example.com', 'cost-center': 'CC-0000-DEV' },
    hub: { addressSpace: ['10.10.0.0/22'] },
    ...(management ? { management } : {}),
  };
  const result = loadEnvironmentText(stringify(doc), 'config/environments/dev.yaml');
  const pick = (severity: string) => result.problems.filter((p) => p.severity === severity && p.path.startsWith('management')).map(({ path, message }) => ({ path, message }));
  return { config: result.config, errors: pick('error'), warnings: pick('warning') };
}

const CONTACT = { defender: { securityContact: { email: 'soc@example.com' } } };

test('defaults: 90-day retention, Sentinel on, every Defender plan, 90-day flow logs every 10 minutes', () => {
  const { config, errors } = load(CONTACT);
  expect(errors).toEqual([]);
  expect(config?.management).toMatchObject({
    logAnalytics: { retentionInDays: 90, publicIngestionEnabled: true, publicQueryEnabled: true },
    sentinel: { enabled: true, idpsDenyThreshold: 20, keyVaultForbiddenThreshold: 10 },
    flowLogs: { retentionInDays: 90, trafficAnalyticsIntervalInMinutes: 10, networkWatcherResourceGroupName: 'NetworkWatcherRG' },
  });
  expect(config?.management.defender.plans).toHaveLength(10);
});

test('without a security contact, synth warns that alerts reach only owners', () => {
  expect(load(undefined).warnings).toEqual([{ path: 'management.defender.securityContact', message: expect.stringMatching(/reach only subscription owners/) }]);
});

test('retention under 90 days warns; under 30 is an error', () => {
  expect(load({ ...CONTACT, logAnalytics: { retentionInDays: 60 } }).warnings).toEqual([
    { path: 'management.logAnalytics.retentionInDays', message: expect.stringMatching(/^is 60: investigations need at least 90 days/) },
  ]);
  expect(load({ ...CONTACT, logAnalytics: { retentionInDays: 29 } }).errors).toEqual([{ path: 'management.logAnalytics.retentionInDays', message: expect.any(String) }]);
});

test('Sentinel off and no Defender plans warn', () => {
  const { warnings } = load({ ...CONTACT, sentinel: { enabled: false }, defender: { plans: [], securityContact: { email: 'soc@example.com' } } });
  expect(warnings.map((w) => w.path).sort()).toEqual(['management.defender.plans', 'management.sentinel.enabled']);
});

test.each([
  ['an unknown Defender plan', { defender: { plans: ['servers', 'mainframes'] } }, 'management.defender.plans[1]'],
  ['a bad contact email', { defender: { securityContact: { email: 'soc at example' } } }, 'management.defender.securityContact.email'],
  ['flow-log retention under 90 days', { ...CONTACT, flowLogs: { retentionInDays: 30 } }, 'management.flowLogs.retentionInDays'],
  ['a Traffic Analytics interval other than 10 or 60', { ...CONTACT, flowLogs: { trafficAnalyticsIntervalInMinutes: 15 } }, 'management.flowLogs.trafficAnalyticsIntervalInMinutes'],
  ['an unknown key', { ...CONTACT, sentinal: {} }, 'management'],
  ['a non-GUID incident owner', { ...CONTACT, sentinel: { incidentOwnerObjectId: 'alice' } }, 'management.sentinel.incidentOwnerObjectId'],
])('rejects %s', (_case, management, path) => {
  expect(load(management).errors).toEqual([{ path, message: expect.any(String) }]);
});

test('the Entra ID diagnostic setting is tenant-wide: in an environment file it is an error pointing at the tenant file', () => {
  expect(load({ ...CONTACT, entraIdLogs: { enabled: true } }).errors).toEqual([{ path: 'management.entraIdLogs', message: expect.stringContaining('set `entraIdLogs: { environment: <env> }` in the tenant file') }]);
});
