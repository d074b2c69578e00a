/**
 * Config for response, private telemetry and PIM: defaults, every bad combination reported with its path and what to
 * do, and the warnings for weaker-than-baseline choices.
 */
import { stringify } from 'yaml';
import { loadEnvironmentText } from '../../config/load';
import { loadTenantText } from '../../config/tenants';

type Json = Record<string, unknown>;
const SOURCE = 'config/environments/dev.yaml';
const CONTACT = { defender: { securityContact: { email: 'soc@example.com' } } };

function load(sections: Json = {}) {
  const doc: Json = {
    environment: 'dev',
    location: 'westeurope',
    tenant: 'contoso',
    subscriptionId: '00000000-0000-0000-0000-000000000001',
    tags: { owner: 'platform-team@example.com', 'cost-center': 'CC-0000-DEV' },
    hub: { addressSpace: ['10.10.0.0/22'] },
    management: CONTACT,
    ...sections,
  };
  const result = loadEnvironmentText(stringify(doc), SOURCE);
  // The hub's own warnings (TLS inspection without a CA) are not this file's subject.
  const pick = (severity: string) => result.problems.filter((p) => p.severity === severity && !p.path.startsWith('hub.firewall')).map(({ path, message }) => ({ path, message }));
  return { config: result.config, errors: pick('error'), warnings: pick('warning') };
}

test('defaults: playbooks on, private link scope open, PIM for Azure roles at PT4H with 180-day eligibility', () => {
  const { config, errors } = load();
  expect(errors).toEqual([]);
  expect(config?.management).toMatchObject({
    playbooks: { enabled: true },
    notifications: { emails: [], webhookEnabled: false },
    privateLink: { enabled: true, ingestionAccessMode: 'Open', queryAccessMode: 'Open' },
    sentinel: { businessHours: { timeZone: 'UTC', startHour: 7, endHour: 19, weekdaysOnly: true } },
  });
  expect(config?.privilegedAccess.azureRoles).toMatchObject({ enabled: true, maximumActivation: 'PT4H', ownerApprovalRequired: false, eligibleExpiry: 'P180D', activeExpiry: 'P15D' });
});

test('playbooks off need a reason and warn', () => {
  expect(load({ management: { ...CONTACT, playbooks: { enabled: false } } }).errors).toEqual([{ path: 'management.playbooks.reason', message: expect.stringMatching(/^is required when playbooks are off/) }]);
  const { errors, warnings } = load({ management: { ...CONTACT, playbooks: { enabled: false, reason: 'no Defender for Endpoint licences yet' } } });
  expect(errors).toEqual([]);
  expect(warnings).toEqual([{ path: 'management.playbooks.enabled', message: expect.stringMatching(/not contained automatically/) }]);
});

test('PrivateOnly needs the scope, and the scope needs the Azure Monitor zones in the hub', () => {
  expect(load({ management: { ...CONTACT, privateLink: { enabled: false, queryAccessMode: 'PrivateOnly' } } }).errors).toEqual([
    { path: 'management.privateLink.queryAccessMode', message: expect.stringMatching(/no scope to be private through/) },
  ]);
  expect(load({ hub: { addressSpace: ['10.10.0.0/22'], privateDns: { services: ['keyVault'] } } }).errors).toEqual([
    { path: 'hub.privateDns.services', message: expect.stringMatching(/^does not include azureMonitor/) },
  ]);
  expect(load({ management: { ...CONTACT, privateLink: { enabled: false }, logAnalytics: { publicIngestionEnabled: false } } }).warnings).toEqual([
    { path: 'management.logAnalytics.publicIngestionEnabled', message: expect.stringMatching(/agents have no way to send data/) },
  ]);
});

test('business hours: a real time zone, start before end', () => {
  expect(load({ management: { ...CONTACT, sentinel: { businessHours: { timeZone: 'Mars/Olympus' } } } }).errors).toEqual([
    { path: 'management.sentinel.businessHours.timeZone', message: "'Mars/Olympus' is not an IANA time zone such as Europe/Amsterdam (or UTC)" },
  ]);
  expect(load({ management: { ...CONTACT, sentinel: { businessHours: { startHour: 18, endHour: 8 } } } }).errors).toEqual([
    { path: 'management.sentinel.businessHours.endHour', message: 'startHour must be before endHour' },
  ]);
});

test('no receiver at all warns that nobody is paged', () => {
  expect(load({ management: {} }).warnings.map((w) => w.path)).toContain('management.notifications');
  expect(load({ management: { notifications: { webhookEnabled: true } } }).warnings.map((w) => w.path)).not.toContain('management.notifications');
});

describe('privilegedAccess.azureRoles', () => {
  const azure = (azureRoles: Json) => load({ privilegedAccess: { azureRoles } });

  test.each(['PT5H', 'PT8H', 'PT4H1M', 'PT10M', 'P1D', '4h'])('rejects activation window %s', (maximumActivation) => {
    expect(azure({ maximumActivation }).errors).toEqual([{ path: 'privilegedAccess.azureRoles.maximumActivation', message: expect.stringMatching(/PT4H/) }]);
  });

  test.each(['PT4H', 'PT1H30M', 'PT30M'])('accepts activation window %s', (maximumActivation) => {
    expect(azure({ maximumActivation }).errors).toEqual([]);
  });

  test('Owner approval needs an approver group', () => {
    expect(azure({ ownerApprovalRequired: true }).errors).toEqual([{ path: 'privilegedAccess.azureRoles.approverGroupObjectIds', message: expect.stringMatching(/no one could approve/) }]);
    expect(azure({ ownerApprovalRequired: true, approverGroupObjectIds: ['00000000-0000-0000-0000-00000000b001'] }).errors).toEqual([]);
  });

  test('eligible assignments: on a subscription of the environment, once each, only with PIM settings on', () => {
    const principalObjectId = '00000000-0000-0000-0000-00000000b002';
    expect(azure({ eligibleAssignments: [{ principalObjectId, role: 'Owner', subscriptionId: '00000000-0000-0000-0000-000000000009' }] }).errors).toEqual([
      { path: 'privilegedAccess.azureRoles.eligibleAssignments[0].subscriptionId', message: expect.stringMatching(/is not a subscription of this environment; use 00000000-0000-0000-0000-000000000001/) },
    ]);
    expect(azure({ eligibleAssignments: [{ principalObjectId, role: 'Owner' }, { principalObjectId, role: 'Owner' }] }).errors).toEqual([
      { path: 'privilegedAccess.azureRoles.eligibleAssignments[1]', message: expect.stringMatching(/already eligible for Owner/) },
    ]);
    expect(azure({ eligibleAssignments: [{ principalObjectId, role: 'Reader' }] }).errors.map((e) => e.path)).toEqual(['privilegedAccess.azureRoles.eligibleAssignments[0].role']);
    const off = azure({ enabled: false, eligibleAssignments: [{ principalObjectId, role: 'Contributor' }] });
    expect(off.errors).toEqual([{ path: 'privilegedAccess.azureRoles.eligibleAssignments', message: expect.stringMatching(/enable PIM settings first/) }]);
    expect(off.warnings.map((w) => w.path)).toContain('privilegedAccess.azureRoles.enabled');
  });
});

/** Entra ID is tenant-wide: identity settings load from a tenant file. */
function loadTenant(sections: Json) {
  const result = loadTenantText(stringify({ tenant: 'contoso', tenantId: '00000000-0000-0000-0000-000000000000', ...sections }), 'config/tenants/contoso.yaml');
  return { errors: result.problems.filter((p) => p.severity === 'error').map(({ path, message }) => ({ path, message })) };
}

describe('identity.pim.groupActivation', () => {
  const load = loadTenant;
  const identity = (patch: Json) => ({
    identity: {
      tenantDomain: 'contoso.onmicrosoft.com',
      deploymentIdentity: { type: 'servicePrincipal', objectId: '00000000-0000-0000-0000-0000000000d1' },
      ...patch,
    },
  });
  const group = (duration: string) => ({ adminGroups: [{ name: 'PAG-Ops', roles: ['Security Reader'], eligibleMembers: [{ principalObjectId: '00000000-0000-0000-0000-00000000a003', duration }] }] });

  test('an eligible membership may not outlast the group policy (permanent never does)', () => {
    expect(load(identity(group('P180D'))).errors).toEqual([]);
    expect(load(identity({ ...group('permanent') })).errors).toEqual([
      { path: 'identity.adminGroups[0].eligibleMembers[0].duration', message: expect.stringMatching(/^'permanent' outlasts pim.groupActivation.eligibleExpiry \(P365D\)/) },
    ]);
    expect(load(identity({ ...group('P180D'), pim: { groupActivation: { eligibleExpiry: 'P90D' } } })).errors).toEqual([
      { path: 'identity.adminGroups[0].eligibleMembers[0].duration', message: expect.stringMatching(/use at most P90D/) },
    ]);
  });

  test('activation at most PT4H; approval needs approvers', () => {
    expect(load(identity({ pim: { groupActivation: { maximumDuration: 'PT8H' } } })).errors.map((e) => e.path)).toEqual(['identity.pim.groupActivation.maximumDuration']);
    expect(load(identity({ pim: { groupActivation: { requireApproval: true } } })).errors).toEqual([
      { path: 'identity.pim.groupActivation.approverGroupObjectIds', message: expect.stringMatching(/nobody could approve/) },
    ]);
  });
});
