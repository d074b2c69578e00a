import { Testing } from 'cdktf';
import { TierFlow, tierSecurityRules, TierSecurityRulesInput } from '../../constructs/landing-zone/tier-security-rules';
import { NetworkSecurityGroup, SecurityRule } from '../../constructs/network/network-security-group';
import { SPOKE_TIERS, SpokeTier, WORKLOAD_TIERS } from '../../lib/spoke-tiers';
import { TEST_RESOURCE_GROUP } from '../helpers';

const WEB = '10.1.0.0/26';
const APP = '10.1.0.64/26';
const DATA = '10.1.0.128/27';
const PE = '10.1.0.160/27';
const ASI = '10.1.0.192/27';
const FIREWALL_SUBNET = '10.0.0.0/26';
const PRIVATE = '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10';

const INPUT: TierSecurityRulesInput = {
  subnets: { web: WEB, app: APP, data: DATA, privateEndpoints: PE },
  ingress: { sources: ['10.0.1.0/26'], ports: ['80', '443'] },
  ports: { app: ['8080', '8081'], data: ['1433'], privateEndpoints: ['443'] },
  bastionSubnetPrefix: '10.0.0.64/26',
  dnsProxySubnetPrefix: FIREWALL_SUBNET,
  privateRanges: PRIVATE.split(','),
  outboundFlows: [],
  inboundFlows: [],
};
const WITH_INTEGRATION: TierSecurityRulesInput = { ...INPUT, subnets: { ...INPUT.subnets, appServiceIntegration: ASI } };

/** One line per rule, in order: `direction priority access protocol name sources -> destinations:ports`. */
function summary(rules: readonly SecurityRule[] | undefined): string[] {
  if (!rules) throw new Error('no rules for this tier');
  return rules.map((r) => `${r.direction} ${r.priority} ${r.access} ${r.protocol} ${r.name} ${r.sourceAddresses.join()} -> ${r.destinationAddresses.join()}:${r.destinationPorts.join()}`);
}

/** The workload-tier inbound tail: Bastion management, load balancer probes, deny-all. */
const workloadInboundTail = (prefix: string) => [
  `Inbound 300 Allow Tcp AllowBastionManagement 10.0.0.64/26 -> ${prefix}:22,3389`,
  `Inbound 400 Allow * AllowAzureLoadBalancerProbes AzureLoadBalancer -> ${prefix}:*`,
  'Inbound 4096 Deny * DenyAllInbound * -> *:*',
];
const dnsOutbound = (prefix: string) => [
  `Outbound 100 Allow Udp AllowDnsUdpToFirewall ${prefix} -> ${FIREWALL_SUBNET}:53`,
  `Outbound 101 Allow Tcp AllowDnsTcpToFirewall ${prefix} -> ${FIREWALL_SUBNET}:53`,
];
const outboundTail = (prefix: string) => [
  `Outbound 120 Allow Tcp AllowToPrivateEndpoints ${prefix} -> ${PE}:443`,
  `Outbound 4000 Deny * DenyPrivateOutbound * -> ${PRIVATE}:*`,
];

const flow = (name: string, tier: SpokeTier, remotePrefix: string, protocol: TierFlow['protocol'] = 'Tcp'): TierFlow => ({ name, tier, remotePrefix, ports: ['8443'], protocol });

describe('tierSecurityRules', () => {
  test.each<[SpokeTier, string[]]>([
    [
      'web',
      [
        `Inbound 100 Allow Tcp AllowIngressToWeb 10.0.1.0/26 -> ${WEB}:80,443`,
        ...workloadInboundTail(WEB),
        ...dnsOutbound(WEB),
        `Outbound 110 Allow Tcp AllowWebToApp ${WEB} -> ${APP}:8080,8081`,
        ...outboundTail(WEB),
      ],
    ],
    [
      'app',
      [
        `Inbound 100 Allow Tcp AllowWebToApp ${WEB} -> ${APP}:8080,8081`,
        ...workloadInboundTail(APP),
        ...dnsOutbound(APP),
        `Outbound 110 Allow Tcp AllowAppToData ${APP} -> ${DATA}:1433`,
        ...outboundTail(APP),
      ],
    ],
    ['data', [`Inbound 100 Allow Tcp AllowAppToData ${APP} -> ${DATA}:1433`, ...workloadInboundTail(DATA), ...dnsOutbound(DATA), ...outboundTail(DATA)]],
    [
      'privateEndpoints',
      [
        `Inbound 100 Allow Tcp AllowWorkloadsToPrivateEndpoints ${WEB},${APP},${DATA} -> ${PE}:443`,
        'Inbound 4096 Deny * DenyAllInbound * -> *:*',
        'Outbound 4096 Deny * DenyAllOutbound * -> *:*',
      ],
    ],
  ])('gives the %s tier exactly its rules', (tier, expected) => {
    expect(summary(tierSecurityRules(INPUT)[tier])).toEqual(expected);
  });

  test('returns rules for the tiers present only', () => {
    expect(Object.keys(tierSecurityRules(INPUT))).toEqual(['web', 'app', 'data', 'privateEndpoints']);
    expect(Object.keys(tierSecurityRules(WITH_INTEGRATION))).toEqual(['web', 'app', 'data', 'privateEndpoints', 'appServiceIntegration']);
  });

  test('an App Service integration subnet reaches app and private endpoints, accepts nothing, and gets no management', () => {
    const rules = tierSecurityRules(WITH_INTEGRATION);
    expect(summary(rules.appServiceIntegration)).toEqual([
      'Inbound 4096 Deny * DenyAllInbound * -> *:*',
      ...dnsOutbound(ASI),
      `Outbound 110 Allow Tcp AllowWebToApp ${ASI} -> ${APP}:8080,8081`,
      ...outboundTail(ASI),
    ]);
    expect(summary(rules.app)[0]).toBe(`Inbound 100 Allow Tcp AllowWebToApp ${WEB},${ASI} -> ${APP}:8080,8081`);
    expect(summary(rules.privateEndpoints)[0]).toBe(`Inbound 100 Allow Tcp AllowWorkloadsToPrivateEndpoints ${WEB},${APP},${DATA},${ASI} -> ${PE}:443`);
    // Web is reached from the ingress only, and data from app only, whatever else the spoke has.
    expect(summary(rules.web)[0]).toBe(`Inbound 100 Allow Tcp AllowIngressToWeb 10.0.1.0/26 -> ${WEB}:80,443`);
    expect(summary(rules.data)[0]).toBe(`Inbound 100 Allow Tcp AllowAppToData ${APP} -> ${DATA}:1433`);
  });

  test('allows SSH and RDP from Bastion on web, app and data only', () => {
    const rules = tierSecurityRules(WITH_INTEGRATION);
    for (const tier of SPOKE_TIERS) {
      const management = rules[tier]?.filter((r) => r.destinationPorts.includes('22') || r.destinationPorts.includes('3389')) ?? [];
      const expected = (WORKLOAD_TIERS as readonly SpokeTier[]).includes(tier) ? [{ sourceAddresses: ['10.0.0.64/26'], destinationPorts: ['22', '3389'] }] : [];
      expect({ tier, management }).toMatchObject({ tier, management: expected });
    }
  });

  test('ends every tier inbound with DenyAllInbound 4096, and denies private ranges outbound at 4000 except from private endpoints', () => {
    const rules = tierSecurityRules(WITH_INTEGRATION);
    for (const tier of SPOKE_TIERS) {
      const inbound = rules[tier]?.filter((r) => r.direction === 'Inbound') ?? [];
      expect(inbound[inbound.length - 1]).toMatchObject({ name: 'DenyAllInbound', priority: 4096, access: 'Deny', sourceAddresses: ['*'], destinationAddresses: ['*'] });
      const denyPrivate = rules[tier]?.find((r) => r.name === 'DenyPrivateOutbound');
      if (tier === 'privateEndpoints') expect(denyPrivate).toBeUndefined();
      else expect(denyPrivate).toMatchObject({ priority: 4000, direction: 'Outbound', access: 'Deny', destinationAddresses: INPUT.privateRanges });
    }
  });

  test('has no DNS rules when the firewall is not the DNS server', () => {
    const rules = tierSecurityRules({ ...WITH_INTEGRATION, dnsProxySubnetPrefix: undefined });
    for (const tier of SPOKE_TIERS) expect(rules[tier]?.filter((r) => r.destinationPorts.includes('53'))).toEqual([]);
    expect(summary(rules.app).filter((line) => line.startsWith('Outbound'))).toEqual([`Outbound 110 Allow Tcp AllowAppToData ${APP} -> ${DATA}:1433`, ...outboundTail(APP)]);
  });

  test('opens flows to and from other spokes on the local tier only, numbered from 200', () => {
    const rules = tierSecurityRules({
      ...INPUT,
      outboundFlows: [flow('shop-to-crm-api', 'app', '10.2.0.64/26'), flow('shop-to-crm-db', 'app', '10.2.0.128/27', 'Udp')],
      inboundFlows: [flow('erp-to-shop-data', 'data', '10.3.0.0/26'), flow('erp-to-shop-sync', 'data', '10.3.0.64/26', 'Udp')],
    });
    expect(rules.app).toContainEqual({
      name: 'AllowFlowOut-shop-to-crm-api',
      priority: 200,
      direction: 'Outbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourceAddresses: [APP],
      destinationAddresses: ['10.2.0.64/26'],
      destinationPorts: ['8443'],
      description: 'Spoke flow shop-to-crm-api, through the hub firewall',
    });
    expect(summary(rules.app)).toContain(`Outbound 201 Allow Udp AllowFlowOut-shop-to-crm-db ${APP} -> 10.2.0.128/27:8443`);
    expect(summary(rules.data)).toContain(`Inbound 200 Allow Tcp AllowFlowIn-erp-to-shop-data 10.3.0.0/26 -> ${DATA}:8443`);
    expect(summary(rules.data)).toContain(`Inbound 201 Allow Udp AllowFlowIn-erp-to-shop-sync 10.3.0.64/26 -> ${DATA}:8443`);
    const flowRules = (tier: SpokeTier) => summary(rules[tier]).filter((line) => line.includes('AllowFlow'));
    expect(flowRules('app')).toHaveLength(2);
    expect(flowRules('data')).toHaveLength(2);
    expect(flowRules('web')).toEqual([]);
    expect(flowRules('privateEndpoints')).toEqual([]);
  });

  test('produces rules a NetworkSecurityGroup accepts (valid names, one priority per direction)', () => {
    const rules = tierSecurityRules({
      ...WITH_INTEGRATION,
      outboundFlows: [flow('a', 'web', '10.2.0.0/26'), flow('b', 'web', '10.2.0.64/26')],
      inboundFlows: [flow('c', 'privateEndpoints', '10.3.0.0/26'), flow('d', 'web', '10.3.0.64/26')],
    });
    expect(() =>
      Testing.synthScope((scope) => {
        for (const tier of SPOKE_TIERS) new NetworkSecurityGroup(scope, tier, { resourceGroup: TEST_RESOURCE_GROUP, name: `nsg-${tier}`, rules: rules[tier] });
      }),
    ).not.toThrow();
  });

  test.each<[SpokeTier]>([['web'], ['app'], ['data'], ['privateEndpoints']])('fails when the spoke has no %s subnet', (tier) => {
    const subnets = { ...INPUT.subnets, [tier]: undefined };
    expect(() => tierSecurityRules({ ...INPUT, subnets })).toThrow(`tierSecurityRules: the spoke has no ${tier} subnet`);
  });
});
