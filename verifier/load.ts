/**
 * Reading synthesized Terraform JSON (`cdktf.out/stacks/<stack>/cdk.tf.json`). The verifier works on this output,
 * not on construct objects, so it checks exactly what Terraform would deploy.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isTenantWide } from '../lib/stack-metadata';
import { sortedEntries } from '../lib/collections';

/** Attributes of one resource or data source, as written by cdktf (snake_case; values may be `${...}` references). */
export type TerraformAttributes = Record<string, unknown>;

/** The parts of a cdktf 0.21 `cdk.tf.json` the verifier reads. */
export interface TerraformJson {
  readonly resource?: Record<string, Record<string, TerraformAttributes>>;
  readonly data?: Record<string, Record<string, TerraformAttributes>>;
  readonly output?: Record<string, { readonly value?: unknown }>;
  readonly [key: string]: unknown;
}

/**
 * Reads `<outdir>/stacks/<stack>/cdk.tf.json` of every stack, keyed by stack name in sorted order.
 * Throws an Error that says what to do when the output is missing or unreadable.
 */
export function loadSynthesizedStacks(outdir: string): Record<string, TerraformJson> {
  const stacksDir = path.join(outdir, 'stacks');
  if (!fs.existsSync(stacksDir) || !fs.statSync(stacksDir).isDirectory()) {
    throw new Error(`no synthesized stacks in ${stacksDir}; run npm run synth first (or pass --out <dir>)`);
  }
  const names = fs
    .readdirSync(stacksDir)
    .filter((name) => fs.existsSync(path.join(stacksDir, name, 'cdk.tf.json')))
    .sort();
  if (names.length === 0) {
    throw new Error(`no cdk.tf.json under ${stacksDir}/*/; run npm run synth first`);
  }
  const stacks: Record<string, TerraformJson> = {};
  for (const name of names) {
    const file = path.join(stacksDir, name, 'cdk.tf.json');
    try {
      stacks[name] = JSON.parse(fs.readFileSync(file, 'utf8')) as TerraformJson;
    } catch (error) {
      throw new Error(`cannot read ${file}: ${(error as Error).message}; run npm run synth again`);
    }
  }
  return stacks;
}

/** The environment of a stack: its name up to the first '-' (`dev-lz-app1` -> `dev`). */
export function environmentOf(stackName: string): string {
  const dash = stackName.indexOf('-');
  return dash < 0 ? stackName : stackName.slice(0, dash);
}

/** Splits stacks by environment (`<env>-<concern>`); environments and stacks keep sorted order. */
export function groupByEnvironment(stacks: Record<string, TerraformJson>): Record<string, Record<string, TerraformJson>> {
  const groups: Record<string, Record<string, TerraformJson>> = {};
  for (const [name, json] of sortedEntries(stacks)) {
    (groups[environmentOf(name)] ??= {})[name] = json;
  }
  return Object.fromEntries(sortedEntries(groups));
}

/**
 * Environments only: groups of stacks with Azure resources (an azurerm provider or `azurerm_*` resources). Tenant-wide
 * stacks (`<tenant>-identity`: Entra ID only) have no network to verify.
 */
export function azureEnvironments(stacks: Record<string, TerraformJson>): Record<string, Record<string, TerraformJson>> {
  const azure = (json: TerraformJson) =>
    !isTenantWide(json) &&
    ((json.provider as Record<string, unknown> | undefined)?.azurerm !== undefined || Object.keys(json.resource ?? {}).some((type) => type.startsWith('azurerm_')));
  return Object.fromEntries(Object.entries(groupByEnvironment(stacks)).filter(([, group]) => Object.values(group).some(azure)));
}

