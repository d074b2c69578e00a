/**
 * The `workloads/` recipe (quoted verbatim by the README): a storage account and a SQL database added to a spoke in
 * TypeScript synthesize, pass the whole policy pack, open exactly their ports, and keep the segmentation intact.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { RoleAssignment } from '../../constructs/access/role-assignment';
import { LandingZoneConfig } from '../../config/schema';
import { PROJECT_ROOT } from '../../lib/project-root';
import { evaluateStacks, isFinding } from '../../policy/evaluate';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import { defineEnvironment } from '../../stacks/environment';
import { SpokeStack } from '../../stacks/spoke-stack';
import type { TerraformJson } from '../../verifier/load';
import { buildNetworkModel } from '../../verifier/model';
import { checkIntendedSegmentation } from '../../verifier/segmentation-intent';
import { verifyFlow } from '../../verifier/verify';
import { addOrdersData, OrdersDataOptions } from '../../workloads/orders-data';
import { embeddedConfig, resourcesOfType, SynthesizedStack } from '../helpers';

const OPTIONS: OrdersDataOptions = {
  storageAccountName: 'stordersdevweu01',
  sqlServerName: 'sql-orders-dev-weu-01',
  sqlAdministrators: { loginName: 'SQL-Admins-Orders', objectId: '00000000-0000-0000-0000-00000000c001' },
};

/** dev, with the first spoke that runs no configured workload given a vault (and so a workload identity). */
function config(): { config: LandingZoneConfig; spokeName: string } {
  const dev = embeddedConfig('dev');
  const target = dev.spokes.find((s) => !s.workload);
  if (!target) throw new Error('dev has no spoke without a workload');
  return { config: { ...dev, spokes: dev.spokes.map((s) => (s === target ? { ...s, keyVault: { ...s.keyVault, enabled: true } } : s)) }, spokeName: target.name };
}

function synthesize(build: (stacks: ReturnType<typeof defineEnvironment>, spokeName: string) => void): { stacks: Record<string, SynthesizedStack>; config: LandingZoneConfig; spokeName: string } {
  const { config: cfg, spokeName } = config();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-workload-'));
  try {
    const app = new App({ outdir, stackTraces: false });
    // As main.ts does: the team's code runs before the platform locks and policy exemptions are derived.
    defineEnvironment(app, cfg, { workloads: (stacks) => build(stacks, spokeName) });
    app.synth();
    const dir = path.join(outdir, 'stacks');
    const stacks = Object.fromEntries(fs.readdirSync(dir).map((name) => [name, JSON.parse(fs.readFileSync(path.join(dir, name, 'cdk.tf.json'), 'utf8')) as SynthesizedStack]));
    return { stacks, config: cfg, spokeName };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function spokeOf(environment: ReturnType<typeof defineEnvironment>, name: string): SpokeStack {
  const spoke = environment.spokes.get(name);
  if (!spoke) throw new Error(`no spoke ${name}`);
  return spoke;
}

describe('workloads/orders-data.ts', () => {
  const { stacks, config: cfg, spokeName } = synthesize((environment, name) => addOrdersData(spokeOf(environment, name), OPTIONS));
  const stackName = `${cfg.environment}-lz-${spokeName}`;
  const spoke = stacks[stackName];

  test('the README recipe is this file, verbatim', () => {
    const source = fs.readFileSync(path.join(PROJECT_ROOT, 'workloads', 'orders-data.ts'), 'utf8');
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(['```ts', source.trimEnd(), '```'].join('\n'));
  });

  test('adds the storage account, the SQL server and database, their endpoints, and a data-plane grant on one container', () => {
    expect(resourcesOfType(spoke!, 'azurerm_storage_account').map((a) => a.name)).toEqual([OPTIONS.storageAccountName]);
    expect(resourcesOfType(spoke!, 'azurerm_mssql_server').map((a) => a.name)).toEqual([OPTIONS.sqlServerName]);
    expect(resourcesOfType(spoke!, 'azurerm_mssql_database').map((a) => a.name)).toEqual(['orders']);
    expect(resourcesOfType(spoke!, 'azurerm_private_endpoint').map((e) => (e.private_service_connection as { subresource_names: string[] }).subresource_names[0]).sort()).toEqual(['blob', 'sqlServer', 'vault']);
    const grants = resourcesOfType(spoke!, 'azurerm_role_assignment').map((a) => [a.role_definition_name, String(a.scope).replace(/^\$\{[^}]+\}/, '<account>')]);
    expect(grants).toContainEqual(['Storage Blob Data Contributor', '<account>/blobServices/default/containers/orders']);
    expect(String(spoke!.output?.orders_sql_contained_user?.value)).toContain(`CREATE USER [id-${spokeName}-${cfg.environment}-weu] FROM EXTERNAL PROVIDER;`);
  });

  test('passes the whole pack with zero unsuppressed findings, the storage and SQL rules evaluated on these resources', () => {
    const results = evaluateStacks(stacks as unknown as Record<string, TerraformJson>, ZERO_TRUST_PACK);
    expect(results.flatMap((r) => r.rows.filter(isFinding).map((row) => `${r.stack} ${row.rule} ${row.resource}`))).toEqual([]);
    const rows = results.find((r) => r.stack === stackName)?.rows ?? [];
    const compliant = new Set(rows.filter((row) => row.outcome === 'compliant').map((row) => row.rule));
    for (const rule of ZERO_TRUST_PACK.map((r) => r.id).filter((id) => /^ZT-DATA-0[12]\d$/.test(id))) expect(compliant).toContain(rule);
  });

  test('opens 1433 from the app tier only and 443 from every tier to the endpoints; the intent still holds', () => {
    const model = buildNetworkModel(stacks as unknown as Record<string, TerraformJson>);
    const subnet = (tier: string) => ({ subnet: `snet-${tier}-${spokeName}-${cfg.environment}-weu` });
    expect(verifyFlow(model, { source: subnet('app'), destination: subnet('pe'), port: 1433, protocol: 'Tcp' }).outcome).toBe('allowed');
    expect(verifyFlow(model, { source: subnet('web'), destination: subnet('pe'), port: 1433, protocol: 'Tcp' }).outcome).toBe('denied');
    expect(verifyFlow(model, { source: subnet('web'), destination: subnet('pe'), port: 443, protocol: 'Tcp' }).outcome).toBe('allowed');
    expect(checkIntendedSegmentation(model, cfg).map((v) => v.message)).toEqual([]);
  });

  test("role: 'Contributor' on the storage account for the workload identity fails, naming the data-plane roles", () => {
    expect(() =>
      synthesize((environment, name) => {
        const spokeStack = spokeOf(environment, name);
        const { storage } = addOrdersData(spokeStack, OPTIONS);
        if (!spokeStack.workloadIdentity) throw new Error('no workload identity');
        new RoleAssignment(spokeStack, 'TooBroad', { scope: storage, role: 'Contributor', principal: spokeStack.workloadIdentity });
      }),
    ).toThrow(/Contributor for a workload identity is not allowed at resource scope either; use Storage Blob Data Reader or Storage Blob Data Contributor/);
  });
});
