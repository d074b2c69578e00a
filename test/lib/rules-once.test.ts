/**
 * Each rule once: a construct's validation is a pure `xxxProblems(props)` function in lib/; the construct throws what
 * it returns and the config reports the same problems at config paths. For every rule the issue found written twice,
 * the construct error and the config error carry the function's own words.
 */
import { Testing } from 'cdktf';
import { stringify } from 'yaml';
import { loadEnvironmentText } from '../../config/load';
import { platformKeyVaultName } from '../../config/plan';
import { KeyVault } from '../../constructs/data/key-vault';
import { BastionHost } from '../../constructs/network/bastion-host';
import { FirewallPolicy, FirewallPolicyProps } from '../../constructs/network/firewall-policy';
import { HubVirtualNetwork } from '../../constructs/network/hub-virtual-network';
import { SpokeVirtualNetwork } from '../../constructs/network/spoke-virtual-network';
import { applicationGatewaySubnetProblem } from '../../lib/application-gateway';
import { bastionHostProblems } from '../../lib/bastion-rules';
import { cidr } from '../../lib/cidr';
import { firewallPolicyProblems } from '../../lib/firewall-policy-rules';
import { hubPrivateEndpointSubnetProblems } from '../../lib/hub-subnets';
import { keyVaultNameProblem, keyVaultProblems } from '../../lib/key-vault-rules';
import { nameRuleProblem } from '../../lib/naming';
import { PropertyProblem, problemText, throwIfProblems } from '../../lib/property-problems';
import { spokeSubnetProblems } from '../../lib/spoke-tiers';
import { storageAccountNameProblem, storageContainerNameProblem } from '../../lib/storage-rules';
import { StorageAccount } from '../../constructs/data/storage-account';
import { LogAnalyticsWorkspace } from '../../constructs/monitoring/log-analytics-workspace';
import { flowLogRetentionProblem, workspaceRetentionProblem } from '../../lib/monitoring-rules';
import { TEST_RESOURCE_GROUP } from '../helpers';

type Json = Record<string, unknown>;

const PLACEMENT = { environment: 'dev', location: 'westeurope', subscriptionId: '00000000-0000-0000-0000-000000000001' } as const;
const CA = `https://${platformKeyVaultName(PLACEMENT)}.vault.azure.net/secrets/tls-inspection-ca`;
const TLS = { keyVaultSecretId: CA, certificateName: 'ca', identityId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id' };

/** The config errors of an environment file with this hub (and extra top-level keys). */
function configErrors(hub: Json, extra: Json = {}) {
  const document = { ...PLACEMENT, tenant: 'contoso', tags: { owner: 'platform-team@example.com', 'cost-center': 'CC-0000-DEV' }, hub: { addressSpace: ['10.10.0.0/22'], ...hub }, ...extra };
  return loadEnvironmentText(stringify(document), 'config/environments/dev.yaml').problems.filter((p) => p.severity === 'error');
}

/** The message a construct throws, or a failure when it does not throw. */
function constructError(define: () => void): string {
  try {
    define();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the construct did not throw');
}

const firewallPolicy = (props: Partial<FirewallPolicyProps>) => () =>
  Testing.synthScope((scope) => new FirewallPolicy(scope, 'Policy', { resourceGroup: TEST_RESOURCE_GROUP, name: 'afwp-test', ...props }));

const spokeNetwork = (subnets: Record<string, string>) => () =>
  Testing.synthScope(
    (scope) =>
      new SpokeVirtualNetwork(scope, 'Spoke', {
        resourceGroup: TEST_RESOURCE_GROUP,
        name: 'vnet-shop-dev-weu',
        workload: 'shop',
        addressSpace: ['10.11.0.0/24'],
        subnets: Object.entries(subnets).map(([tier, addressPrefix]) => ({ tier: tier as 'web', name: `snet-${tier}`, addressPrefix })),
      }),
  );
const SPOKE_SUBNETS = { web: '10.11.0.0/26', app: '10.11.0.64/26', data: '10.11.0.128/27', privateEndpoints: '10.11.0.160/27' };
const spokeConfig = (subnets: Record<string, string>) => ({ spokes: [{ name: 'shop', addressSpace: ['10.11.0.0/24'], subnets }] });

interface Case {
  /** The rule's problems for the failing input (the validator's failing case). */
  readonly problems: PropertyProblem[];
  /** The construct, given the same input. */
  readonly construct: () => void;
  readonly constructName: string;
  /** The config errors for the same input, and the config path the problem must be reported at. */
  readonly config: () => ReturnType<typeof configErrors>;
  readonly configPath: string;
}

const CASES: Record<string, Case> = {
  'firewall IDPS needs Premium': {
    problems: firewallPolicyProblems({ tier: 'Standard', intrusionDetectionMode: 'Alert' }),
    construct: firewallPolicy({ tier: 'Standard', intrusionDetectionMode: 'Alert' }),
    constructName: "FirewallPolicy 'afwp-test'",
    config: () => configErrors({ firewall: { tier: 'Standard', intrusionDetectionMode: 'Alert' } }),
    configPath: 'hub.firewall.intrusionDetectionMode',
  },
  'firewall TLS inspection needs Premium': {
    problems: firewallPolicyProblems({ tier: 'Standard', intrusionDetectionMode: 'Off', tlsInspection: TLS }),
    construct: firewallPolicy({ tier: 'Standard', intrusionDetectionMode: 'Off', tlsInspection: TLS }),
    constructName: "FirewallPolicy 'afwp-test'",
    config: () => configErrors({ firewall: { tier: 'Standard', intrusionDetectionMode: 'Off', tlsInspection: { certificateSecretId: CA } } }),
    configPath: 'hub.firewall.tlsInspection.certificateSecretId',
  },
  'firewall DNS servers need the proxy': {
    problems: firewallPolicyProblems({ dnsProxyEnabled: false, dnsServers: ['10.1.0.4'] }),
    construct: firewallPolicy({ dnsProxyEnabled: false, dnsServers: ['10.1.0.4'] }),
    constructName: "FirewallPolicy 'afwp-test'",
    config: () => configErrors({ firewall: { dnsProxyEnabled: false, dnsServers: ['10.1.0.4'] } }),
    configPath: 'hub.firewall.dnsServers',
  },
  'Bastion session recording needs Premium': {
    problems: bastionHostProblems({ sku: 'Standard', sessionRecordingEnabled: true }),
    construct: () =>
      Testing.synthScope(
        (scope) => new BastionHost(scope, 'Bastion', { resourceGroup: TEST_RESOURCE_GROUP, name: 'bas-test', subnetId: 'subnet', copyPasteEnabled: false, sessionRecordingEnabled: true }),
      ),
    constructName: "BastionHost 'bas-test'",
    config: () => configErrors({ bastion: { sku: 'Standard', sessionRecordingEnabled: true } }),
    configPath: 'hub.bastion.sessionRecordingEnabled',
  },
  'Key Vault names follow Azure (no consecutive hyphens)': {
    problems: keyVaultProblems({ name: 'kv--shop' }),
    construct: () => Testing.synthScope((scope) => new KeyVault(scope, 'Vault', { resourceGroup: TEST_RESOURCE_GROUP, name: 'kv--shop', tenantId: PLACEMENT.subscriptionId })),
    constructName: "KeyVault 'kv--shop'",
    config: () => configErrors({}, { spokes: [{ name: 'shop', addressSpace: ['10.11.0.0/24'], keyVault: { enabled: true, name: 'kv--shop' } }] }),
    configPath: 'spokes[0].keyVault.name',
  },
  'spoke tier size': {
    problems: spokeSubnetProblems([cidr('10.11.0.0/24')], [{ tier: 'data', prefix: cidr('10.11.0.248/30') }]),
    construct: spokeNetwork({ ...SPOKE_SUBNETS, data: '10.11.0.248/30' }),
    constructName: "SpokeVirtualNetwork 'vnet-shop-dev-weu'",
    config: () => configErrors({}, spokeConfig({ data: '10.11.0.248/30' })),
    configPath: 'spokes[0].subnets.data',
  },
  'spoke tier containment': {
    problems: spokeSubnetProblems([cidr('10.11.0.0/24')], [{ tier: 'web', prefix: cidr('10.12.0.0/26') }]),
    construct: spokeNetwork({ ...SPOKE_SUBNETS, web: '10.12.0.0/26' }),
    constructName: "SpokeVirtualNetwork 'vnet-shop-dev-weu'",
    config: () => configErrors({}, spokeConfig({ web: '10.12.0.0/26' })),
    configPath: 'spokes[0].subnets.web',
  },
  'spoke tier overlap': {
    problems: spokeSubnetProblems(
      [cidr('10.11.0.0/24')],
      [
        { tier: 'web', prefix: cidr('10.11.0.0/26') },
        { tier: 'app', prefix: cidr('10.11.0.0/27') },
      ],
    ),
    construct: spokeNetwork({ ...SPOKE_SUBNETS, app: '10.11.0.0/27' }),
    constructName: "SpokeVirtualNetwork 'vnet-shop-dev-weu'",
    config: () => configErrors({}, spokeConfig({ web: '10.11.0.0/26', app: '10.11.0.0/27' })),
    configPath: 'spokes[0].subnets.app',
  },
  'storage account names (state backend and constructs)': {
    problems: [storageAccountNameProblem('St_TfState') as PropertyProblem],
    construct: () => Testing.synthScope((scope) => new StorageAccount(scope, 'Storage', { resourceGroup: TEST_RESOURCE_GROUP, name: 'St_TfState' })),
    constructName: "StorageAccount 'St_TfState'",
    config: () => configErrors({}, { backend: { type: 'azurerm', resourceGroupName: 'rg', storageAccountName: 'St_TfState', containerName: 'tfstate' } }),
    configPath: 'backend.storageAccountName',
  },
  'blob container names': {
    problems: [storageContainerNameProblem('Bad_Name') as PropertyProblem],
    construct: () => Testing.synthScope((scope) => new StorageAccount(scope, 'Storage', { resourceGroup: TEST_RESOURCE_GROUP, name: 'stshop' }).addContainer('Bad_Name')),
    constructName: "StorageAccount 'stshop'",
    config: () => configErrors({}, { backend: { type: 'azurerm', resourceGroupName: 'rg', storageAccountName: 'sttfstate', containerName: 'Bad_Name' } }),
    configPath: 'backend.containerName',
  },
  'workspace retention': {
    problems: [workspaceRetentionProblem(29) as PropertyProblem],
    construct: () => Testing.synthScope((scope) => new LogAnalyticsWorkspace(scope, 'Workspace', { resourceGroup: TEST_RESOURCE_GROUP, name: 'log-mgmt-dev-weu', retentionInDays: 29 })),
    constructName: "LogAnalyticsWorkspace 'log-mgmt-dev-weu'",
    config: () => configErrors({}, { management: { logAnalytics: { retentionInDays: 29 } } }),
    configPath: 'management.logAnalytics.retentionInDays',
  },
  'hub private-endpoint subnet size': {
    problems: hubPrivateEndpointSubnetProblems(cidr('10.10.3.0/30'), [cidr('10.10.0.0/22')]),
    construct: () =>
      Testing.synthScope(
        (scope) =>
          new HubVirtualNetwork(scope, 'Hub', {
            resourceGroup: TEST_RESOURCE_GROUP,
            name: 'vnet-hub-dev-weu',
            addressSpace: ['10.10.0.0/22'],
            subnets: { AzureFirewallSubnet: '10.10.0.0/26' },
            privateEndpointSubnet: { name: 'snet-pe', addressPrefix: '10.10.3.0/30' },
          }),
      ),
    constructName: "HubVirtualNetwork 'vnet-hub-dev-weu'",
    config: () => configErrors({ subnets: { privateEndpoints: '10.10.3.0/30' } }),
    configPath: 'hub.subnets.privateEndpoints',
  },
};

describe.each(Object.entries(CASES))('%s', (_rule, { problems, construct, constructName, config, configPath }) => {
  test('the rule finds exactly one problem, with a path and what to do', () => {
    expect(problems).toHaveLength(1);
    expect(problems[0]).toEqual({ path: expect.any(String), message: expect.any(String), fix: expect.any(String) });
  });

  test('the construct throws it in the rule’s words', () => {
    const [problem] = problems;
    expect(constructError(construct)).toContain(`${constructName}: `);
    expect(constructError(construct)).toContain(`${problem!.path} ${problemText(problem!)}`);
  });

  test('the config reports it at its config path in the same words', () => {
    expect(config()).toContainEqual(expect.objectContaining({ path: configPath, message: problemText(problems[0]!) }));
  });
});

test('flow log retention: the config says what VirtualNetworkFlowLog says', () => {
  const problem = flowLogRetentionProblem(30) as PropertyProblem;
  expect(configErrors({}, { management: { flowLogs: { retentionInDays: 30 } } })).toContainEqual(
    expect.objectContaining({ path: 'management.flowLogs.retentionInDays', message: problemText(problem) }),
  );
  expect(flowLogRetentionProblem(90)).toBeUndefined();
  expect(flowLogRetentionProblem(366)).toEqual(expect.objectContaining({ path: 'retentionInDays' }));
});

describe('the validators pass what Azure accepts', () => {
  test('firewall defaults (Premium, IDPS Deny, proxy on), and Standard with IDPS off', () => {
    expect(firewallPolicyProblems({})).toEqual([]);
    expect(firewallPolicyProblems({ tier: 'Standard' })).toEqual([]);
    expect(firewallPolicyProblems({ tier: 'Premium', tlsInspection: TLS, dnsServers: ['10.1.0.4'] })).toEqual([]);
  });

  test('Bastion: 2-50 whole scale units; recording with Premium', () => {
    expect(bastionHostProblems({ sku: 'Premium', sessionRecordingEnabled: true, scaleUnits: 50 })).toEqual([]);
    expect(bastionHostProblems({ scaleUnits: 1 }).map((p) => p.path)).toEqual(['scaleUnits']);
    expect(bastionHostProblems({ scaleUnits: 2.5 }).map((p) => p.path)).toEqual(['scaleUnits']);
  });

  test.each(['kv1', 'kv-shop-dev-weu-1a2b', 'KV-Shop-01', `k${'a'.repeat(23)}`])('Key Vault name %s is accepted', (name) => {
    expect(keyVaultNameProblem(name)).toBeUndefined();
  });

  test.each(['kv', `k${'a'.repeat(24)}`, '1kv', 'kv-', 'kv--a', 'kv_a', 'kv.a', '-kv'])('Key Vault name %s is rejected', (name) => {
    expect(keyVaultNameProblem(name)).toEqual(expect.objectContaining({ path: 'name' }));
  });

  test('construct names follow the same NAME_RULES as generated names (Azure: gateway 1-80, private endpoint 2-64)', () => {
    expect(nameRuleProblem('applicationGateway', 'a', 'Application Gateway')).toBeUndefined();
    expect(nameRuleProblem('privateEndpoint', 'p', 'private endpoint')).toEqual(expect.objectContaining({ path: 'name' }));
    expect(nameRuleProblem('privateEndpoint', `pe-${'x'.repeat(61)}`, 'private endpoint')).toBeUndefined();
    expect(nameRuleProblem('privateEndpoint', `pe-${'x'.repeat(62)}`, 'private endpoint')?.message).toMatch(/is 65 characters; Azure allows 2-64/);
    expect(nameRuleProblem('webApp', 'App-Shop', 'web app')).toBeUndefined();
    expect(nameRuleProblem('route', 'to_crm_', 'route')).toBeUndefined();
    expect(nameRuleProblem('securityRule', 'Allow-', 'security rule')).toEqual(expect.objectContaining({ path: 'name' }));
  });

  test('an Application Gateway needs a /26 web subnet', () => {
    expect(applicationGatewaySubnetProblem(cidr('10.0.0.0/26'))).toBeUndefined();
    expect(applicationGatewaySubnetProblem(cidr('10.0.0.0/27'))).toEqual(expect.objectContaining({ path: 'subnets.web' }));
  });

  test('every problem is thrown at once, each with its path', () => {
    expect(() =>
      throwIfProblems('Thing', 'x', [
        { path: 'a', message: 'is 1', fix: 'use 2' },
        { path: 'b', message: 'is 3', fix: 'use 4' },
      ]),
    ).toThrow("Thing 'x': a is 1; use 2; b is 3; use 4");
    expect(() => throwIfProblems('Thing', 'x', [])).not.toThrow();
  });
});
