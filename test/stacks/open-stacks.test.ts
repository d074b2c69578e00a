/**
 * Issue 12's "done when" for open stacks: a team adds constructs to a spoke of the composed landing zone through the
 * handles the stacks expose (workloads hook of defineLandingZone, as main.ts uses it), and opens a web -> app port
 * with the two-sided `allowFlow`; the verifier proves that flow allowed and every other cell of the reachability
 * matrix unchanged, and the intent check treats it as intended.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { StorageAccount } from '../../constructs/data/storage-account';
import { LandingZoneConfig, SpokeConfig } from '../../config/schema';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import { defineLandingZone, LandingZoneStacks, spokeStack } from '../../stacks/landing-zone';
import { stackName } from '../../stacks/landing-zone-stack';
import { spokeSubnetName } from '../../config/spoke-names';
import type { TerraformJson } from '../../verifier/load';
import { reachabilityMatrix, defaultProbes, Probe } from '../../verifier/matrix';
import { buildNetworkModel } from '../../verifier/model';
import { checkIntendedSegmentation, declaredFlowsIn, intendedFlows } from '../../verifier/segmentation-intent';
import { verifyFlow } from '../../verifier/verify';
import { at, embeddedConfig, resourcesOfType, synthEnvironments, SynthesizedStack } from '../helpers';

type Stacks = Record<string, SynthesizedStack>;
const asJson = (stacks: Stacks) => stacks as unknown as Record<string, TerraformJson>;

/** Synthesizes `config` as main.ts does, with `workloads` as the team's code; returns every stack's JSON. */
function synthWithWorkloads(config: LandingZoneConfig, workloads: (landingZone: LandingZoneStacks) => void): Stacks {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-open-stacks-'));
  try {
    const app = new App({ outdir, stackTraces: false });
    defineLandingZone(app, [config], { guardrailRules: ZERO_TRUST_PACK, workloads });
    app.synth();
    const dir = path.join(outdir, 'stacks');
    return Object.fromEntries(fs.readdirSync(dir).sort().map((name) => [name, JSON.parse(fs.readFileSync(path.join(dir, name, 'cdk.tf.json'), 'utf8')) as SynthesizedStack]));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const config = embeddedConfig('dev');
/** A spoke with a workload identity (keyVault.enabled), from config. */
const withIdentity = config.spokes.find((s) => s.keyVault.enabled) as SpokeConfig;
const target = at(config.spokes, 0);
/** A TCP port the spoke's app tier does not accept from web today. */
const newPort = [8443, 9443, 10443].find((p) => !target.ports.app.map(String).includes(String(p))) as number;

describe('a team adds constructs through the exposed handles', () => {
  const stacks = synthWithWorkloads(config, (landingZone) => {
    const spoke = spokeStack(landingZone, config.environment, withIdentity.name);
    const identity = spoke.workloadIdentity;
    if (!identity) throw new Error('spoke has no workload identity');
    const storage = new StorageAccount(spoke, 'TeamStorage', { resourceGroup: spoke.resourceGroup, name: 'stteamdevweu01' });
    storage.addPrivateEndpoint('Blob', { subnet: spoke.privateEndpointSubnet, dnsZones: spoke.dnsZones, subresource: 'blob', name: spoke.names.name('privateEndpoint', 'team-blob') });
    storage.grantBlobRead(identity);
  });
  const json = stacks[stackName(config.environment, `lz-${withIdentity.name}`)];

  test('the storage account lands in the spoke resource group, its endpoint in the spoke private-endpoint subnet', () => {
    expect(resourcesOfType(json!, 'azurerm_storage_account').map((a) => a.name)).toContain('stteamdevweu01');
    const rg = Object.entries(json!.resource?.azurerm_resource_group ?? {}).find(([, r]) => String(r.name).startsWith('rg-'))?.[0];
    const account = resourcesOfType(json!, 'azurerm_storage_account').find((a) => a.name === 'stteamdevweu01');
    expect(account?.resource_group_name).toBe(`\${azurerm_resource_group.${rg}.name}`);
    const endpoint = resourcesOfType(json!, 'azurerm_private_endpoint').find((e) => String(e.name).includes('team-blob'));
    const peSubnet = Object.entries(json!.resource?.azurerm_subnet ?? {}).find(([, s]) => s.name === spokeSubnetName(config, withIdentity.name, 'privateEndpoints'))?.[0];
    expect(endpoint?.subnet_id).toBe(`\${azurerm_subnet.${peSubnet}.id}`);
    // Registered in the hub's central zone (a cross-stack reference to the connectivity stack).
    expect(JSON.stringify(endpoint?.private_dns_zone_group)).toMatch(/dev-connectivity.*privatelink-blob-core-windows-net/);
  });

  test('the workload identity gets a data-plane read role on the account', () => {
    const identityKey = Object.keys(json!.resource?.azurerm_user_assigned_identity ?? {})[0];
    const grants = resourcesOfType(json!, 'azurerm_role_assignment').filter((a) => a.role_definition_name === 'Storage Blob Data Reader');
    expect(grants).toHaveLength(1);
    expect(grants[0]!.principal_id).toBe(`\${azurerm_user_assigned_identity.${identityKey}.principal_id}`);
  });

  test('no other stack changes', () => {
    const before = synthEnvironments([config]);
    for (const name of Object.keys(before).filter((n) => n !== stackName(config.environment, `lz-${withIdentity.name}`))) {
      expect({ [name]: JSON.stringify(stacks[name]) }).toEqual({ [name]: JSON.stringify(before[name]) });
    }
  });

  test('an unknown environment or spoke fails with what exists', () => {
    expect(() => synthWithWorkloads(config, (lz) => spokeStack(lz, 'nope', withIdentity.name))).toThrow(new RegExp(`no environment 'nope' \\(environments: ${config.environment}\\)`));
    expect(() => synthWithWorkloads(config, (lz) => spokeStack(lz, config.environment, 'nope'))).toThrow(/has no spoke 'nope' \(spokes: .+\); add it to spokes in its config/);
  });
});

describe('defineLandingZone', () => {
  test('calls the workloads hook once, with every environment and spoke, before locks are derived, and returns the stacks', () => {
    const configs = [config, embeddedConfig('prod')];
    const seen: string[] = [];
    let locksBeforeHook = -1;
    const landingZone = defineLandingZone(Testing.app(), configs, {
      workloads: (lz) => {
        for (const [environment, stacks] of lz.environments) seen.push(`${environment}: ${[...stacks.spokes.keys()].join(', ')}`);
        locksBeforeHook = [...lz.environments.values()].filter((e) => e.connectivity.node.tryFindChild('Locks')).length;
      },
    });
    expect(seen).toEqual(configs.map((c) => `${c.environment}: ${c.spokes.map((s) => s.name).join(', ')}`));
    expect(locksBeforeHook).toBe(0);
    const locked = configs.filter((c) => c.locks.enabled).map((c) => c.environment);
    expect([...landingZone.environments].filter(([, e]) => e.connectivity.node.tryFindChild('Locks')).map(([name]) => name)).toEqual(locked);
  });

  test('every spoke stack exposes its subnets, NSGs, hub and management by tier', () => {
    const landingZone = defineLandingZone(Testing.app(), [config]);
    const spoke = spokeStack(landingZone, config.environment, target.name);
    const tiers = Object.keys(target.subnets) as (keyof typeof target.subnets)[];
    for (const tier of tiers) {
      expect(spoke.subnet(tier)).toBe(spoke.spoke.network.subnet(tier));
      expect(spoke.securityGroup(tier)).toBe(spoke.spoke.securityGroup(tier));
    }
    const environment = landingZone.environments.get(config.environment);
    expect(spoke.hub).toBe(environment?.connectivity.hub);
    expect(spoke.management).toBe(environment?.management.management);
    expect(environment?.management.management.logAnalyticsWorkspaceId).toBe(environment?.management.workspace.logAnalyticsWorkspaceId);
  });
});

describe(`${config.environment} ${target.name}: web -> app on ${newPort} with allowFlow`, () => {
  const before = synthEnvironments([config]);
  const after = synthWithWorkloads(config, (landingZone) => {
    spokeStack(landingZone, config.environment, target.name).allowFlow('web', 'app', newPort);
  });
  const web = spokeSubnetName(config, target.name, 'web');
  const app = spokeSubnetName(config, target.name, 'app');
  const modelBefore = buildNetworkModel(asJson(before));
  const modelAfter = buildNetworkModel(asJson(after));
  const query = { source: { subnet: web }, destination: { subnet: app }, port: newPort, protocol: 'Tcp' as const };

  test('was denied before and is allowed after, directly (no firewall hop inside the spoke)', () => {
    expect(verifyFlow(modelBefore, query).outcome).toBe('denied');
    const verdict = verifyFlow(modelAfter, query);
    expect(verdict).toMatchObject({ outcome: 'allowed', viaFirewall: false });
  });

  test('every other cell of the reachability matrix is unchanged', () => {
    const probes: Probe[] = [...defaultProbes(modelBefore), { port: newPort, protocol: 'Tcp' }];
    const outcomes = (model: typeof modelBefore) => {
      const matrix = reachabilityMatrix(model, { probes });
      const cells = new Map<string, string>();
      matrix.cells.forEach((row, r) =>
        row.forEach((cell, c) => cell.results.forEach(({ probe, verdict }) => cells.set(`${matrix.sources[r]} -> ${matrix.destinations[c]} ${probe.port}/${probe.protocol}`, verdict.outcome))),
      );
      return cells;
    };
    const was = outcomes(modelBefore);
    const now = outcomes(modelAfter);
    expect([...now.keys()]).toEqual([...was.keys()]);
    const changed = [...now].filter(([key, outcome]) => was.get(key) !== outcome).map(([key, outcome]) => `${key}: ${was.get(key)} -> ${outcome}`);
    // Labels are subnet names (vnet/subnet only when a name is ambiguous).
    expect(changed).toEqual([expect.stringMatching(new RegExp(`^(\\S+/)?${web} -> (\\S+/)?${app} ${newPort}/Tcp: denied -> allowed$`))]);
  });

  test('the intent check treats the flow as intended: one more flow checked, none violated', () => {
    const declared = declaredFlowsIn(asJson(after));
    expect(declared).toEqual([{ spoke: target.name, fromTier: 'web', toTier: 'app', fromSubnet: web, toSubnet: app, ports: [String(newPort)], protocol: 'Tcp' }]);
    expect(declaredFlowsIn(asJson(before))).toEqual([]);
    expect(intendedFlows(config, { declaredFlows: declared }).length).toBe(intendedFlows(config).length + 1);
    expect(checkIntendedSegmentation(modelAfter, config, { declaredFlows: declared })).toEqual([]);
  });

  test('fails the intent check when a declared flow does not hold (a hand-made deny shadows it)', () => {
    const broken = synthWithWorkloads(config, (landingZone) => {
      const spoke = spokeStack(landingZone, config.environment, target.name);
      spoke.securityGroup('web').addRule({ name: 'DenyTeamPort', priority: 450, direction: 'Outbound', access: 'Deny', protocol: 'Tcp', sourceAddresses: ['*'], destinationAddresses: ['*'], destinationPorts: [String(newPort)] });
      spoke.allowFlow('web', 'app', newPort);
    });
    const violations = checkIntendedSegmentation(buildNetworkModel(asJson(broken)), config, { declaredFlows: declaredFlowsIn(asJson(broken)) });
    expect(violations.map((v) => v.message)).toEqual([expect.stringMatching(new RegExp(`${target.name} web -> ${target.name} app \\(allowFlow\\) ${newPort}/Tcp: expected allowed, got denied.*DenyTeamPort`))]);
  });

  test('the README recipe of before (one inbound rule on app) stays denied by the web tier: why allowFlow writes both sides', () => {
    const oneSided = synthWithWorkloads(config, (landingZone) => {
      const spoke = spokeStack(landingZone, config.environment, target.name);
      spoke.securityGroup('app').addRule({ name: 'AllowWebToApp8443', priority: 150, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddresses: [target.subnets.web], destinationAddresses: [target.subnets.app], destinationPorts: [String(newPort)] });
    });
    const verdict = verifyFlow(buildNetworkModel(asJson(oneSided)), query);
    expect(verdict.outcome).toBe('denied');
    expect(JSON.stringify(verdict.decidedBy)).toContain('DenyPrivateOutbound');
  });
});
