import { Testing } from 'cdktf';
import { DefenderForCloud, DefenderForCloudProps } from '../../constructs/security/defender-for-cloud';
import { DEFENDER_PLAN_NAMES, DEFENDER_PLANS, DefenderPlan } from '../../lib/defender-plans';
import { AzurermProvider } from '../../providers/azurerm';
import { onlyResource, parse, resourcesOfType, SynthesizedStack, synthWith, TEST_SUBSCRIPTION_ID } from '../helpers';

const withDefender = synthWith((scope, props: DefenderForCloudProps) => new DefenderForCloud(scope, 'Defender', props), { plans: [] });
const PRICING = 'azurerm_security_center_subscription_pricing';
const CONTACT = 'azurerm_security_center_contact';

/** Pricings by resource type, each with `depends_on` rendered as the resource types it waits for. */
function pricingsByType(synth: SynthesizedStack): Record<string, Record<string, unknown>> {
  const typeOf = Object.fromEntries(Object.entries(synth.resource?.[PRICING] ?? {}).map(([key, r]) => [`${PRICING}.${key}`, r.resource_type as string]));
  return Object.fromEntries(
    resourcesOfType(synth, PRICING).map((r) => [r.resource_type as string, { ...r, depends_on: (r.depends_on as string[] | undefined)?.map((address) => typeOf[address]) }]),
  );
}

describe('DefenderForCloud plans', () => {
  test.each<[DefenderPlan, Record<string, Record<string, unknown>>]>([
    ['servers', { VirtualMachines: { tier: 'Standard', resource_type: 'VirtualMachines', subplan: 'P2' } }],
    [
      'storage',
      {
        StorageAccounts: {
          tier: 'Standard',
          resource_type: 'StorageAccounts',
          subplan: 'DefenderForStorageV2',
          extension: [
            { name: 'OnUploadMalwareScanning', additional_extension_properties: { CapGBPerMonthPerStorageAccount: '5000' } },
            { name: 'SensitiveDataDiscovery' },
          ],
        },
      },
    ],
    ['keyVault', { KeyVaults: { tier: 'Standard', resource_type: 'KeyVaults', subplan: 'PerKeyVault' } }],
    ['resourceManager', { Arm: { tier: 'Standard', resource_type: 'Arm', subplan: 'PerSubscription' } }],
    ['cspm', { CloudPosture: { tier: 'Standard', resource_type: 'CloudPosture' } }],
    ['sql', { SqlServers: { tier: 'Standard', resource_type: 'SqlServers' }, SqlServerVirtualMachines: { tier: 'Standard', resource_type: 'SqlServerVirtualMachines', depends_on: ['SqlServers'] } }],
    ['appService', { AppServices: { tier: 'Standard', resource_type: 'AppServices' } }],
    ['containers', { Containers: { tier: 'Standard', resource_type: 'Containers' } }],
  ])('%s: one Standard pricing per resource type with its sub-plan and extensions', (plan, expected) => {
    expect(pricingsByType(withDefender(undefined, { plans: [plan] }))).toEqual(expected);
  });

  test('every plan enables exactly its resource types, each once', () => {
    const types = Object.keys(pricingsByType(withDefender(undefined, { plans: DEFENDER_PLAN_NAMES })));
    const expected = DEFENDER_PLAN_NAMES.flatMap((p) => DEFENDER_PLANS[p].resourceTypes.map((t) => t.resourceType));
    expect(types.sort()).toEqual([...expected].sort());
    expect(new Set(expected).size).toBe(expected.length);
  });

  test('chains the pricings one after another, in plan-name order whatever the input order', () => {
    const chainOf = (plans: DefenderPlan[]) => Object.fromEntries(Object.entries(pricingsByType(withDefender(undefined, { plans }))).map(([type, r]) => [type, r.depends_on]));
    // cspm -> keyVault -> resourceManager -> servers -> storage
    const expected = { CloudPosture: undefined, KeyVaults: ['CloudPosture'], Arm: ['KeyVaults'], VirtualMachines: ['Arm'], StorageAccounts: ['VirtualMachines'] };
    expect(chainOf(['servers', 'storage', 'keyVault', 'resourceManager', 'cspm'])).toStrictEqual(expected);
    expect(chainOf(['cspm', 'resourceManager', 'keyVault', 'storage', 'servers'])).toStrictEqual(expected);
  });

  test('the exposed pricings follow the chain', () => {
    withDefender((defender) => {
      expect(defender.pricings.map((p) => p.resourceTypeInput)).toEqual(['VirtualMachines', 'SqlServers', 'SqlServerVirtualMachines']);
    }, { plans: ['sql', 'servers'] });
  });

  test('no plans, no contact: nothing', () => {
    expect(withDefender().resource).toBeUndefined();
  });

  test.each<[string, Partial<DefenderForCloudProps>, string]>([
    ['an unknown plan', { plans: ['servers', 'dns' as DefenderPlan] }, `DefenderForCloud: unknown plans dns; use ${Object.keys(DEFENDER_PLANS).join(', ')}`],
    ['a plan inherited from Object.prototype', { plans: ['toString' as DefenderPlan] }, 'DefenderForCloud: unknown plans toString'],
    ['a duplicate plan', { plans: ['servers', 'storage', 'servers'] }, 'DefenderForCloud: a plan is listed twice'],
    ['a contact without an email address', { securityContact: { email: 'soc.example.com' } }, "DefenderForCloud: securityContact.email 'soc.example.com' is not an email address"],
    ['a contact email with a space', { securityContact: { email: 'soc team@example.com' } }, "securityContact.email 'soc team@example.com' is not an email address"],
    ['a contact email without a domain dot', { securityContact: { email: 'soc@example' } }, "securityContact.email 'soc@example' is not an email address"],
  ])('fails on %s', (_case, props, message) => {
    expect(() => withDefender(undefined, props)).toThrow(message);
  });
});

describe('DefenderForCloud security contact and provider', () => {
  test('a security contact named default1 gets alert notifications, also to admins, by default', () => {
    expect(onlyResource(withDefender(undefined, { securityContact: { email: 'soc@example.com' } }), CONTACT)).toEqual({
      name: 'default1',
      email: 'soc@example.com',
      alert_notifications: true,
      alerts_to_admins: true,
    });
  });

  test('passes the phone and turned-off notifications through', () => {
    expect(
      onlyResource(withDefender(undefined, { securityContact: { email: 'soc@example.com', phone: '+31201234567', alertNotifications: false, alertsToAdmins: false } }), CONTACT),
    ).toMatchObject({ phone: '+31201234567', alert_notifications: false, alerts_to_admins: false });
  });

  test('has no contact unless one is given', () => {
    expect(resourcesOfType(withDefender(undefined, { plans: ['servers'] }), CONTACT)).toEqual([]);
  });

  test('uses the default provider unless given one, then puts every pricing and the contact on it', () => {
    const props: DefenderForCloudProps = { plans: ['servers', 'sql'], securityContact: { email: 'soc@example.com' } };
    const providersOf = (synth: SynthesizedStack) => [...resourcesOfType(synth, PRICING), ...resourcesOfType(synth, CONTACT)].map((r) => r.provider);
    expect(providersOf(withDefender(undefined, props))).toEqual([undefined, undefined, undefined, undefined]);
    const synth = parse(
      Testing.synthScope((scope) => {
        const provider = new AzurermProvider(scope, 'Workload', { alias: 'workload', features: [{}], subscriptionId: TEST_SUBSCRIPTION_ID });
        new DefenderForCloud(scope, 'Defender', { ...props, provider });
      }),
    );
    expect(providersOf(synth)).toEqual(Array(4).fill('azurerm.workload'));
  });
});
