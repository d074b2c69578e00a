/**
 * `ThreeTierSpoke.allowFlow`: one call writes both sides of a tier-to-tier flow (outbound on the source tier's NSG,
 * inbound on the destination's), ahead of the deny rules, at a deterministic priority, and records the flow for the
 * intent check. The composed-environment proof (verifier, matrix before/after) is in test/stacks/open-stacks.test.ts.
 */
import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { FLOW_RULE_PRIORITIES, SpokeHubContext, ThreeTierSpoke, ThreeTierSpokeProps } from '../../constructs/landing-zone/three-tier-spoke';
import { HubVirtualNetwork } from '../../constructs/network/hub-virtual-network';
import { ResourceNamer } from '../../lib/naming';
import { DECLARED_FLOWS_KEY, declaredFlowsOf } from '../../lib/stack-metadata';
import { OriginTier, TargetTier } from '../../lib/spoke-tiers';
import { parse, resourcesOfType, SynthesizedStack, synthWithMetadata, TEST_RESOURCE_GROUP } from '../helpers';

const HUB: Omit<SpokeHubContext, 'network'> = {
  firewallPrivateIp: '10.0.0.4',
  firewallSubnetPrefix: '10.0.0.0/26',
  bastionSubnetPrefix: '10.0.0.64/26',
  dnsProxyEnabled: true,
  privateRanges: ['10.0.0.0/8'],
};
const HUB_VNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub';
const PROPS: Omit<ThreeTierSpokeProps, 'hub'> & { readonly hub: typeof HUB } = {
  resourceGroup: TEST_RESOURCE_GROUP,
  names: new ResourceNamer({ workload: 'shop', environment: 'test', regionShortName: 'weu' }),
  workload: 'shop',
  addressSpace: ['10.1.0.0/24'],
  subnets: { web: '10.1.0.0/26', app: '10.1.0.64/26', data: '10.1.0.128/27', privateEndpoints: '10.1.0.160/27' },
  hub: HUB,
  ingress: { sources: ['10.0.1.0/26'], ports: ['443'] },
  ports: { app: ['8080'], data: ['1433'], privateEndpoints: ['443'] },
};

/** The props with the hub network imported into `scope` (the hub type is nominal: no object literal). */
function propsIn(scope: Construct): ThreeTierSpokeProps {
  return { ...PROPS, hub: { ...HUB, network: HubVirtualNetwork.fromExisting(scope, 'Hub', { virtualNetworkId: HUB_VNET_ID }) } };
}

function withSpoke(build: (spoke: ThreeTierSpoke) => void): SynthesizedStack {
  return parse(Testing.synthScope((scope: Construct) => build(new ThreeTierSpoke(scope, 'Spoke', propsIn(scope)))));
}

const metadataOf = (json: SynthesizedStack) => (json as Record<string, unknown>)['//'];

/** The NSG rule resources of an NSG, by rule name. */
function rulesOf(json: SynthesizedStack, nsg: string): Map<string, Record<string, unknown>> {
  const nsgRef = Object.entries(json.resource?.azurerm_network_security_group ?? {}).find(([, r]) => r.name === nsg)?.[0];
  return new Map(
    resourcesOfType(json, 'azurerm_network_security_rule')
      .filter((r) => String(r.network_security_group_name).includes(`.${nsgRef}.`))
      .map((r) => [String(r.name), r]),
  );
}

describe('ThreeTierSpoke.allowFlow', () => {
  test('writes the outbound rule on the source tier and the inbound rule on the destination tier, at one priority ahead of the denies', () => {
    // GIVEN a spoke; WHEN web may reach app on 8443
    let priority = 0;
    const json = withSpoke((spoke) => {
      priority = spoke.allowFlow('web', 'app', 8443).priority;
    });
    // THEN both sides exist with the same addresses, port and priority, below DenyPrivateOutbound and DenyAllInbound
    const out = rulesOf(json, 'nsg-web-shop-test-weu').get('AllowTierOut-web-to-app-Tcp-8443');
    const inbound = rulesOf(json, 'nsg-app-shop-test-weu').get('AllowTierIn-web-to-app-Tcp-8443');
    const common = { access: 'Allow', protocol: 'Tcp', source_address_prefix: '10.1.0.0/26', destination_address_prefix: '10.1.0.64/26', destination_port_range: '8443', priority };
    expect(out).toMatchObject({ ...common, direction: 'Outbound' });
    expect(inbound).toMatchObject({ ...common, direction: 'Inbound' });
    expect(priority).toBe(FLOW_RULE_PRIORITIES.first);
    expect(priority).toBeLessThan(Number(rulesOf(json, 'nsg-web-shop-test-weu').get('DenyPrivateOutbound')?.priority));
    expect(priority).toBeLessThan(Number(rulesOf(json, 'nsg-app-shop-test-weu').get('DenyAllInbound')?.priority));
  });

  test('allocates the lowest priority free on both NSGs, skipping rules added by hand, in call order', () => {
    const priorities: number[] = [];
    withSpoke((spoke) => {
      spoke.securityGroup('app').addRule({ name: 'HandMade', priority: 500, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddresses: ['10.1.0.0/26'], destinationAddresses: ['10.1.0.64/26'], destinationPorts: ['9000'] });
      priorities.push(spoke.allowFlow('web', 'app', 8443).priority); // 500 taken inbound on app
      priorities.push(spoke.allowFlow('web', 'data', { ports: ['5432', '6379'] }).priority); // web outbound has 501, data inbound nothing: 500
      priorities.push(spoke.allowFlow('app', 'web', { ports: [53], protocol: 'Udp' }).priority); // app outbound and web inbound free at 500
    });
    expect(priorities).toEqual([501, 500, 500]);
  });

  test('is deterministic: the same calls give byte-identical output', () => {
    const build = (spoke: ThreeTierSpoke) => {
      spoke.allowFlow('web', 'app', '8000-8100');
      spoke.allowFlow('app', 'data', { ports: ['6379', '5432'], protocol: 'Tcp' });
    };
    expect(JSON.stringify(withSpoke(build))).toBe(JSON.stringify(withSpoke(build)));
  });

  test('asking for the same flow twice returns the first one and adds no rule', () => {
    let rules = 0;
    const json = withSpoke((spoke) => {
      const first = spoke.allowFlow('web', 'app', 8443);
      expect(spoke.allowFlow('web', 'app', '8443')).toBe(first);
      rules = spoke.allowedFlows.length;
    });
    expect(rules).toBe(1);
    expect(resourcesOfType(json, 'azurerm_network_security_rule').filter((r) => String(r.name).startsWith('AllowTier'))).toHaveLength(2);
  });

  test('records each flow in the stack metadata by subnet name, for the intent check', () => {
    const json = synthWithMetadata((scope) => {
      const spoke = new ThreeTierSpoke(scope, 'Spoke', propsIn(scope));
      spoke.allowFlow('web', 'app', 8443);
      spoke.allowFlow('app', 'data', { ports: ['6379'], protocol: 'Tcp' });
    });
    expect(metadataOf(json)).toHaveProperty(DECLARED_FLOWS_KEY);
    expect(declaredFlowsOf(json)).toEqual([
      { spoke: 'shop', fromTier: 'web', toTier: 'app', fromSubnet: 'snet-web-shop-test-weu', toSubnet: 'snet-app-shop-test-weu', ports: ['8443'], protocol: 'Tcp' },
      { spoke: 'shop', fromTier: 'app', toTier: 'data', fromSubnet: 'snet-app-shop-test-weu', toSubnet: 'snet-data-shop-test-weu', ports: ['6379'], protocol: 'Tcp' },
    ]);
  });

  test('a spoke without allowFlow records nothing (the synthesized output is unchanged)', () => {
    const json = synthWithMetadata((scope) => new ThreeTierSpoke(scope, 'Spoke', propsIn(scope)));
    expect(metadataOf(json)).toBeDefined();
    expect(metadataOf(json)).not.toHaveProperty(DECLARED_FLOWS_KEY);
  });

  describe('fails with a clear error', () => {
    const attempt = (from: string, to: string, ports: Parameters<ThreeTierSpoke['allowFlow']>[2]) => () => withSpoke((spoke) => spoke.allowFlow(from as OriginTier, to as TargetTier, ports));

    test.each([
      ['the same tier', 'app', 'app', 8443, /from and to are both 'app'/],
      ['an unknown tier', 'web', 'cache', 6379, /to 'cache' is not a spoke tier/],
      ['a tier that does not originate traffic', 'privateEndpoints', 'app', 8443, /from 'privateEndpoints' is not one of the tiers that originate traffic/],
      ['a tier the spoke lacks', 'appServiceIntegration', 'app', 8443, /this spoke has no appServiceIntegration subnet/],
      ['port 0', 'web', 'app', 0, /port 0 is not a port 1-65535/],
      ['a reversed range', 'web', 'app', '9000-8000', /port "9000-8000" is not a port/],
      ['any port', 'web', 'app', '*', /'\*' is never a flow/],
      ['no ports', 'web', 'app', { ports: [] }, /ports is empty/],
      ['a protocol other than Tcp or Udp', 'web', 'app', { ports: [1], protocol: 'Icmp' as 'Tcp' }, /protocol must be 'Tcp' or 'Udp'/],
    ])('fails for %s', (_what, from, to, ports, message) => {
      expect(attempt(from, to, ports)).toThrow(message);
    });

    test('names every problem at once', () => {
      expect(attempt('app', 'app', 70000)).toThrow(/both 'app'.*; port 70000/);
    });

    test('fails when no priority is free on both NSGs', () => {
      expect(() =>
        withSpoke((spoke) => {
          const web = spoke.securityGroup('web');
          for (let priority: number = FLOW_RULE_PRIORITIES.first; priority <= FLOW_RULE_PRIORITIES.last; priority++) {
            web.addRule({ name: `Filler-${priority}`, priority, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', sourceAddresses: ['10.1.0.0/26'], destinationAddresses: ['10.1.0.64/26'], destinationPorts: [String(priority)] });
          }
          spoke.allowFlow('web', 'app', 8443);
        }),
      ).toThrow(/no priority between 500 and 3999 is free on both the web NSG \(outbound\) and the app NSG \(inbound\)/);
    });
  });
});
