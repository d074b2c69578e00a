/** Shared helpers for construct and stack tests. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import type { IPrincipal } from '../constructs/access/role-assignment';
import type { IPrivateDnsZoneLookup } from '../constructs/network/private-dns-zones';
import { defineLandingZone } from '../stacks/landing-zone';
import { addWorkloads } from '../workloads/add-workloads';
import { ZERO_TRUST_PACK } from '../policy/pack';
import { DEFAULT_CONFIG_DIR, loadEnvironments } from '../config/load';
import { LandingZoneConfig } from '../config/schema';
import { cachedDirectory, cachedJson } from './synth-cache';
import { withoutStackCapture } from '../lib/token-stack-traces';
import { PROJECT_ROOT } from '../lib/project-root';
import { azureRegion } from '../config/regions';

export interface SynthesizedStack {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly terraform?: Record<string, unknown>;
  readonly output?: Record<string, { value: unknown }>;
}

/** The embedded environments, loaded and validated like main.ts does (fails the test on any error). */
export function embeddedConfigs(): LandingZoneConfig[] {
  if (!cachedConfigs) {
    const { configs, problems } = loadEnvironments(DEFAULT_CONFIG_DIR, { policyRuleIds: ZERO_TRUST_PACK.map((rule) => rule.id) });
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) throw new Error(`embedded config has errors: ${JSON.stringify(errors)}`);
    cachedConfigs = configs;
  }
  return cachedConfigs;
}

let cachedConfigs: LandingZoneConfig[] | undefined;

/** A validated embedded environment by name. */
export function embeddedConfig(environment: string): LandingZoneConfig {
  const config = embeddedConfigs().find((c) => c.environment === environment);
  if (!config) throw new Error(`no embedded environment '${environment}'`);
  return config;
}

/** The region code an environment's resource names end with (`weu`), from its config. */
export function regionCode(config: Pick<LandingZoneConfig, 'location'>): string {
  return azureRegion(config.location).shortName;
}

/**
 * `value`, or a failed test naming what is missing: for the lookups `noUncheckedIndexedAccess` types as possibly
 * undefined (a stack by name, a resource by key), so a missing one reads as such instead of a TypeError.
 */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`expected ${what}, found none`);
  return value;
}

/** `items[index]` (negative counts from the end), or a failed test saying how many items there are. */
export function at<T>(items: readonly T[], index: number): T {
  const item = items.at(index);
  if (item === undefined) throw new Error(`expected an item at index ${index}, found ${items.length}`);
  return item;
}

/** One stack of `synthEnvironments` by name, or a failed test listing the stacks there are. */
export function stackNamed(stacks: Readonly<Record<string, SynthesizedStack>>, name: string): SynthesizedStack {
  const stack = stacks[name];
  if (!stack) throw new Error(`no stack '${name}'; stacks: ${Object.keys(stacks).join(', ')}`);
  return stack;
}

/** Parses the JSON of `Testing.synthScope`. */
export function parse(json: string): SynthesizedStack {
  return JSON.parse(json) as SynthesizedStack;
}

/** Every resource of a Terraform type, without cdktf's `//` metadata. */
export function resourcesOfType(synth: SynthesizedStack, type: string): Record<string, unknown>[] {
  return Object.values(synth.resource?.[type] ?? {}).map(({ '//': _metadata, ...rest }) => rest);
}

/** The single resource of a type; fails when there is not exactly one. */
export function onlyResource(synth: SynthesizedStack, type: string): Record<string, unknown> {
  const resources = resourcesOfType(synth, type);
  const [only] = resources;
  if (!only || resources.length !== 1) throw new Error(`expected one ${type}, found ${resources.length}`);
  return only;
}

/** A resource group reference for construct tests. */
export const TEST_RESOURCE_GROUP = { name: 'rg-test', location: 'westeurope' } as const;

/** azurerm resource types that have no `tags` argument (sub-resources and associations). */
export const UNTAGGABLE_TYPES: ReadonlySet<string> = new Set([
  'azurerm_subnet',
  'azurerm_network_security_rule',
  'azurerm_subnet_network_security_group_association',
  'azurerm_route',
  'azurerm_subnet_route_table_association',
  'azurerm_virtual_network_peering',
  'azurerm_firewall_policy_rule_collection_group',
  'azurerm_role_assignment',
  'azurerm_monitor_diagnostic_setting',
  'azurerm_mssql_server_extended_auditing_policy',
  'azurerm_mssql_server_security_alert_policy',
  'azurerm_storage_container',
]);

/**
 * Synthesizes environments the way `main.ts` does (a real App, so cross-stack references become remote-state
 * lookups) into a temporary directory and returns every stack's JSON by stack name. The directory is removed.
 * Each distinct config is synthesized once per test run, shared by every file and worker (test/synth-cache.ts);
 * tests that modify the result deep-copy it first.
 */
export function synthEnvironments(configs: readonly LandingZoneConfig[]): Record<string, SynthesizedStack> {
  return cachedJson({ synth: 'environments', configs }, () => synthToTemporaryDirectory(configs));
}

function synthToTemporaryDirectory(configs: readonly LandingZoneConfig[]): Record<string, SynthesizedStack> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-synth-'));
  try {
    // As main.ts synthesizes (lib/atomic-synth.ts): without cdktf's full-depth stack capture for every token.
    withoutStackCapture(() => {
      const app = new App({ outdir, stackTraces: false });
      defineLandingZone(app, configs, { guardrailRules: ZERO_TRUST_PACK, workloads: addWorkloads });
      app.synth();
    });
    const stacksDir = path.join(outdir, 'stacks');
    return Object.fromEntries(
      fs
        .readdirSync(stacksDir)
        .sort()
        .map((name) => [name, JSON.parse(fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8')) as SynthesizedStack]),
    );
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** A finished run of the main job: where it wrote, and what it printed. */
export interface MainJobRun {
  /** CDKTF_OUTDIR of the run (read only: copy it before editing). */
  readonly outdir: string;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `node dist/main.js` on the embedded environments, as `npm run synth` runs it, once per build and config for every
 * test file and worker of a run (test/synth-cache.ts): the tests that need the main job's real output share it.
 */
export function embeddedMainJob(): MainJobRun {
  const configFiles = [DEFAULT_CONFIG_DIR, path.join(PROJECT_ROOT, 'config', 'tenants')].flatMap((dir) =>
    fs.readdirSync(dir).sort().map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]),
  );
  const { dir, value } = cachedDirectory({ mainJob: 'embedded', configFiles }, (target) => runMainJob(path.join(target, 'out')));
  return { ...value, outdir: path.join(dir, 'out') };
}

/** One run of the main job into `outdir`; the embedded environments unless `extraEnv` says otherwise, whatever the shell has set. */
export function runMainJob(outdir: string, extraEnv: Record<string, string> = {}): Omit<MainJobRun, 'outdir'> {
  const { LZ_CONFIG: _config, LZ_TENANTS: _tenants, CDKTF_CONTEXT_JSON: _context, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = { ...inherited, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1', ...extraEnv };
  const { status, stdout, stderr } = spawnSync(process.execPath, ['dist/main.js'], { cwd: PROJECT_ROOT, env, encoding: 'utf8' });
  return { status, stdout, stderr };
}

/** Terraform addresses (`type.key`) of every resource of a type, as `depends_on` lists them. */
export function resourceAddresses(synth: SynthesizedStack, type: string): string[] {
  return Object.keys(synth.resource?.[type] ?? {}).map((key) => `${type}.${key}`);
}

/** The Terraform address of the one resource of a type with the given `name` argument; fails when there is none. */
export function addressOf(synth: SynthesizedStack, type: string, name: string): string {
  const keys = Object.entries(synth.resource?.[type] ?? {}).filter(([, r]) => r.name === name).map(([key]) => key);
  if (keys.length !== 1) throw new Error(`expected one ${type} named '${name}', found ${keys.length}`);
  return `${type}.${keys[0]}`;
}

/** A Terraform reference (`${type.key.attribute}`) to the resource of a type with the given `name` argument. */
export function referenceTo(synth: SynthesizedStack, type: string, name: string, attribute = 'id'): string {
  return `\${${addressOf(synth, type, name)}.${attribute}}`;
}

/** A valid spoke VNet for construct tests: workload `shop`, a /24 holding the four required tiers. */
export const TEST_SPOKE_NETWORK: import('../constructs/network/spoke-virtual-network').SpokeVirtualNetworkProps = {
  resourceGroup: TEST_RESOURCE_GROUP,
  name: 'vnet-shop-test-weu',
  workload: 'shop',
  addressSpace: ['10.1.0.0/24'],
  subnets: [
    { tier: 'web', name: 'snet-web-shop-test-weu', addressPrefix: '10.1.0.0/26' },
    { tier: 'app', name: 'snet-app-shop-test-weu', addressPrefix: '10.1.0.64/26' },
    { tier: 'data', name: 'snet-data-shop-test-weu', addressPrefix: '10.1.0.128/27' },
    { tier: 'privateEndpoints', name: 'snet-pe-shop-test-weu', addressPrefix: '10.1.0.160/27' },
  ],
};

/** Placeholder subscription and tenant for construct tests. */
export const TEST_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';
export const TEST_TENANT_ID = '11111111-1111-1111-1111-111111111111';

/** A zone lookup for construct tests: each zone's ID is a literal resource ID in `rg-dns`. */
export const TEST_ZONE_LOOKUP: IPrivateDnsZoneLookup = {
  zoneId: (zone) => `/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${zone}`,
};

/** A principal that is not a construct (e.g. an Entra ID group looked up elsewhere). */
export function testPrincipal(
  principalType: IPrincipal['principalType'] = 'ServicePrincipal',
  principalId = '22222222-2222-2222-2222-222222222222',
): IPrincipal {
  return { principalId, principalType };
}

/**
 * Synthesizes what `build` defines and returns the values it returns as Terraform renders them (each becomes an
 * output), e.g. `{ id: vault.keyVaultId }` -> `{ id: '${azurerm_key_vault.Vault_Resource_1234.id}' }`.
 */
export function rendered(build: (scope: Construct) => Record<string, unknown>): { synth: SynthesizedStack; values: Record<string, unknown> } {
  const synth = parse(
    Testing.synthScope((scope) => {
      for (const [name, value] of Object.entries(build(scope))) new TerraformOutput(scope, name, { value });
    }),
  );
  return { synth, values: Object.fromEntries(Object.entries(synth.output ?? {}).map(([name, output]) => [name, output.value])) };
}

/** A Log Analytics workspace resource ID for construct tests. */
export const TEST_WORKSPACE_ID = `/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/rg-mgmt/providers/Microsoft.OperationalInsights/workspaces/log-test`;

/**
 * Synthesizes one construct built by `create` from `defaults` merged with `props`, after `extra` ran on it;
 * the usual `withX(test, props)` of a construct test.
 */
export function synthWith<P extends object, C>(create: (scope: Construct, props: P) => C, defaults: P) {
  return (extra: (construct: C, scope: Construct) => void = () => undefined, props: Partial<P> = {}): SynthesizedStack =>
    parse(
      Testing.synthScope((scope) => {
        extra(create(scope, { ...defaults, ...props }), scope);
      }),
    );
}

/**
 * Synthesizes what `build` defines in one stack through a real App (skipping provider validation) and returns its
 * JSON with cdktf's `//` metadata kept, where policy suppressions are recorded.
 */
export function synthWithMetadata(build: (scope: Construct) => void): SynthesizedStack {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-metadata-'));
  try {
    const app = new App({ outdir, stackTraces: false, skipValidation: true });
    build(new TerraformStack(app, 'test'));
    app.synth();
    return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'test', 'cdk.tf.json'), 'utf8')) as SynthesizedStack;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The policy suppressions recorded on every resource of a type, in resource order. */
export function suppressionsOf(synth: SynthesizedStack, type: string): { ruleId: string; reason: string }[][] {
  return Object.values(synth.resource?.[type] ?? {}).map((r) => (((r['//'] as Record<string, unknown> | undefined)?.policySuppressions ?? []) as { ruleId: string; reason: string }[]));
}
