/**
 * Tenant files (`config/tenants/<tenant>.yaml`) and the checks that span environments: what is tenant-wide is
 * declared once, and environments that share a tenant (or reach the same on-premises network) never share address
 * space. Like the rest of the loader, nothing here throws for bad input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cidr, overlaps } from '../lib/cidr';
import { pairs } from '../lib/collections';
import { closestMatch } from '../lib/suggest';
import { ConfigProblem, ProblemCollector } from './problems';
import type { LandingZoneConfig } from './schema';
import { TenantConfig, TenantConfigSchema } from './tenant-schema';
import { describeIssue, displayPath, formatPath, parseYaml, readConfigFile } from './yaml-document';
import { PROJECT_ROOT } from '../lib/project-root';

/** Where the embedded tenants live: next to `config/environments/`. */
export const DEFAULT_TENANT_DIR = path.join(PROJECT_ROOT, 'config', 'tenants');

/** Environment variable naming a directory of tenant files; default `tenants/` beside the environments directory. */
export const TENANTS_ENV_VAR = 'LZ_TENANTS';

/** Tenants by name; `undefined` marks a tenant whose file exists but has errors (reported with the file). */
export type TenantLookup = ReadonlyMap<string, TenantConfig | undefined>;

export interface TenantLoadResult {
  readonly tenants: TenantLookup;
  readonly problems: ConfigProblem[];
}

/** The tenant directory for an environment source: LZ_TENANTS, else `tenants/` beside the environments directory. */
export function tenantDirectoryFor(source: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[TENANTS_ENV_VAR];
  if (fromEnv) return fromEnv;
  const resolved = path.resolve(source);
  const environmentsDir = fs.existsSync(resolved) && fs.statSync(resolved).isDirectory() ? resolved : path.dirname(resolved);
  return path.join(path.dirname(environmentsDir), 'tenants');
}

/** Loads every `*.yaml` tenant file of a directory; a missing directory is no tenants (environments then say so). */
export function loadTenants(directory: string): TenantLoadResult {
  const tenants = new Map<string, TenantConfig | undefined>();
  const problems: ConfigProblem[] = [];
  if (!fs.existsSync(directory) || !fs.statSync(directory).isDirectory()) return { tenants, problems };
  for (const file of fs.readdirSync(directory).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const name = file.replace(/\.ya?ml$/, '');
    const source = displayPath(path.join(directory, file));
    const text = readConfigFile(path.join(directory, file));
    if (typeof text !== 'string') {
      problems.push({ severity: 'error', source, path: '', message: text.problem });
      tenants.set(name, undefined);
      continue;
    }
    const result = loadTenantText(text, source);
    problems.push(...result.problems);
    tenants.set(result.tenant?.tenant ?? name, result.tenant);
  }
  return { tenants, problems };
}

let embedded: TenantLookup | undefined;

/** The embedded tenants (config/tenants/), loaded once: the default for loading one environment document. */
export function embeddedTenants(): TenantLookup {
  embedded ??= loadTenants(DEFAULT_TENANT_DIR).tenants;
  return embedded;
}

/** Validates one tenant document; its file must be named `<tenant>.yaml`. */
export function loadTenantText(text: string, source: string): { tenant?: TenantConfig; problems: ConfigProblem[] } {
  const problems = new ProblemCollector(source);
  const document = parseYaml(text, problems);
  if (problems.problems.length > 0) return { problems: problems.problems };
  const parsed = TenantConfigSchema.safeParse(document, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.error(formatPath(issue.path), describeIssue(issue, TenantConfigSchema));
    return { problems: problems.problems };
  }
  const baseName = path.basename(source).replace(/\.ya?ml$/, '');
  if (path.extname(source) && baseName !== parsed.data.tenant) {
    problems.error('tenant', `is '${parsed.data.tenant}' but the file is named ${path.basename(source)}; rename the file to ${parsed.data.tenant}.yaml or fix the name`);
    return { problems: problems.problems };
  }
  const { $schema: _schema, ...tenant } = parsed.data;
  return { tenant: { ...tenant, source }, problems: problems.problems };
}

/** The tenant an environment names, or a problem saying what to create. */
export function resolveTenant(name: string, tenants: TenantLookup, problems: ProblemCollector): TenantConfig | undefined {
  if (!tenants.has(name)) {
    const known = [...tenants.keys()];
    const suggestion = closestMatch(name, known);
    problems.error(
      'tenant',
      `'${name}' has no tenant file; ${suggestion ? `did you mean '${suggestion}'? ` : ''}create config/tenants/${name}.yaml (tenant, tenantId, identity; see config/tenants/contoso.yaml)`,
    );
    return undefined;
  }
  const tenant = tenants.get(name);
  if (!tenant) problems.error('tenant', `'${name}': its tenant file has errors (listed with that file); fix them first`);
  return tenant;
}

/**
 * Checks across every loaded environment and tenant: one tenant file per tenant ID, tenant names distinct from
 * environment names (both prefix stack names), Entra ID logs sent to an environment of that tenant, and no
 * overlapping address space between environments of one tenant (Azure ranges against Azure and on-premises ranges).
 */
export function checkAcrossEnvironments(environments: readonly { config: LandingZoneConfig; source: string }[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const error = (source: string, at: string, message: string) => problems.push({ severity: 'error', source, path: at, message });

  const tenants = new Map<string, TenantConfig>();
  for (const { config } of environments) tenants.set(config.tenantConfig.tenant, config.tenantConfig);
  const byTenantId = new Map<string, TenantConfig>();
  for (const tenant of [...tenants.values()].sort((a, b) => a.source.localeCompare(b.source))) {
    const first = byTenantId.get(tenant.tenantId);
    if (first) {
      const users = (t: TenantConfig) => environments.filter((e) => e.config.tenantConfig === t).map((e) => e.source).join(', ');
      error(
        tenant.source,
        'tenantId',
        `${tenant.tenantId} is also the tenant of ${first.source} (used by ${users(first)}); tenant-wide identity exists once per tenant, so environments of one tenant (here ${users(tenant)}) must name the same tenant file`,
      );
    } else byTenantId.set(tenant.tenantId, tenant);
  }

  for (const { config, source } of environments) {
    const tenant = tenants.get(config.environment);
    if (tenant) error(source, 'environment', `'${config.environment}' is also the name of tenant ${tenant.source}; both prefix stack names, rename one`);
  }

  for (const tenant of tenants.values()) {
    const target = tenant.entraIdLogs.environment;
    const receiver = environments.find((e) => e.config.environment === target);
    if (target && receiver && receiver.config.tenantConfig !== tenant) {
      error(tenant.source, 'entraIdLogs.environment', `'${target}' (${receiver.source}) belongs to tenant ${receiver.config.tenantConfig.tenant}; name an environment of tenant ${tenant.tenant}`);
    }
  }

  problems.push(...checkAddressSpacesAcrossEnvironments(environments));
  return problems;
}

interface LabelledRange {
  readonly path: string;
  readonly text: string;
  readonly onPremises: boolean;
}

function rangesOf(config: LandingZoneConfig): LabelledRange[] {
  return [
    ...config.hub.addressSpace.map((text, i) => ({ path: `hub.addressSpace[${i}]`, text, onPremises: false })),
    ...config.spokes.flatMap((spoke, s) => spoke.addressSpace.map((text, i) => ({ path: `spokes[${s}].addressSpace[${i}]`, text, onPremises: false }))),
    ...config.onPremisesAddressSpaces.map((text, i) => ({ path: `onPremisesAddressSpaces[${i}]`, text, onPremises: true })),
  ];
}

/**
 * Environments of one tenant share Entra ID, often a network and an on-premises connection: their Azure ranges may
 * overlap neither each other nor any of their on-premises ranges (two environments naming the same on-premises
 * network is fine).
 */
export function checkAddressSpacesAcrossEnvironments(environments: readonly { config: LandingZoneConfig; source: string }[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [a, b] of pairs(environments)) {
    if (a.config.tenantConfig.tenantId !== b.config.tenantConfig.tenantId) continue;
    for (const ra of rangesOf(a.config)) {
      for (const rb of rangesOf(b.config)) {
        if (ra.onPremises && rb.onPremises) continue;
        if (!overlaps(cidr(ra.text), cidr(rb.text))) continue;
        problems.push({
          severity: 'error',
          source: b.source,
          path: rb.path,
          message: `${rb.text} overlaps ${ra.text} (${a.source} ${ra.path}); environments of tenant ${b.config.tenantConfig.tenant} must not share address space, give one of them its own range`,
        });
      }
    }
  }
  return problems;
}
