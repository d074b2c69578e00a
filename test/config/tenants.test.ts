/**
 * Tenant files and the checks across environments: tenant-wide identity declared once per tenant, environments of a
 * tenant never sharing address space. Every check has its failing case, naming both files involved.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_CONFIG_DIR, loadEnvironments, loadEnvironmentText } from '../../config/load';
import { DEFAULT_TENANT_DIR, tenantDirectoryFor } from '../../config/tenants';

type Json = Record<string, unknown>;

/** The embedded dev file as data, to copy into new environments. */
function devDocument(): Json {
  return parse(fs.readFileSync(path.join(DEFAULT_CONFIG_DIR, 'dev.yaml'), 'utf8')) as Json;
}

/** A copy of the embedded tenant file as data. */
function tenantDocument(): Json {
  return parse(fs.readFileSync(path.join(DEFAULT_TENANT_DIR, 'contoso.yaml'), 'utf8')) as Json;
}

/** Writes `environments/<name>.yaml` and `tenants/<name>.yaml` files into a fresh directory and loads them. */
function loadTree(environments: Record<string, Json>, tenants: Record<string, Json> = { contoso: tenantDocument() }) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-tenants-'));
  try {
    fs.mkdirSync(path.join(root, 'environments'));
    fs.mkdirSync(path.join(root, 'tenants'));
    for (const [name, doc] of Object.entries(environments)) fs.writeFileSync(path.join(root, 'environments', `${name}.yaml`), stringify(doc));
    for (const [name, doc] of Object.entries(tenants)) fs.writeFileSync(path.join(root, 'tenants', `${name}.yaml`), stringify(doc));
    const result = loadEnvironments(path.join(root, 'environments'));
    const relative = (p: string) => path.relative(root, p);
    return { ...result, errors: result.problems.filter((p) => p.severity === 'error').map((p) => ({ source: relative(p.source), path: p.path, message: p.message })) };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** dev.yaml copied to a new environment with its own region and address space (what the README tells users to do). */
function testEnvironment(overrides: Json = {}): Json {
  const dev = devDocument();
  const spokes = (dev.spokes as Json[]).map((spoke, i) => ({ ...spoke, addressSpace: [`10.31.${i}.0/24`] }));
  return { ...dev, environment: 'test', location: 'northeurope', hub: { ...(dev.hub as Json), addressSpace: ['10.30.0.0/22'] }, spokes, ...overrides };
}

describe('tenant files', () => {
  test('the tenant directory defaults to tenants/ beside the environments directory; LZ_TENANTS overrides it', () => {
    expect(tenantDirectoryFor(DEFAULT_CONFIG_DIR, {})).toBe(DEFAULT_TENANT_DIR);
    expect(tenantDirectoryFor(path.join(DEFAULT_CONFIG_DIR, 'dev.yaml'), {})).toBe(DEFAULT_TENANT_DIR);
    expect(tenantDirectoryFor(DEFAULT_CONFIG_DIR, { LZ_TENANTS: '/elsewhere' })).toBe('/elsewhere');
  });

  test('a copy of dev.yaml with its own region and address space loads beside dev, in the same tenant', () => {
    const { errors, configs } = loadTree({ dev: devDocument(), test: testEnvironment() });
    expect(errors).toEqual([]);
    expect(configs.map((c) => c.environment)).toEqual(['dev', 'test']);
    expect(configs[0]!.tenantConfig).toBe(configs[1]!.tenantConfig);
  });

  test('the same copy with dev address space fails, naming both files and paths', () => {
    const { errors, configs } = loadTree({ dev: devDocument(), test: testEnvironment({ hub: devDocument().hub }) });
    expect(configs).toEqual([]);
    expect(errors).toEqual([
      {
        source: 'environments/test.yaml',
        path: 'hub.addressSpace[0]',
        message: expect.stringMatching(/^10\.10\.0\.0\/22 overlaps 10\.10\.0\.0\/22 \(.*environments\/dev\.yaml hub\.addressSpace\[0\]\); environments of tenant contoso must not share address space/),
      },
    ]);
  });

  test("an environment's Azure range may not overlap another environment's on-premises range; shared on-premises ranges are fine", () => {
    const onPremises = { onPremisesAddressSpaces: ['172.16.0.0/16'] };
    expect(loadTree({ dev: { ...devDocument(), ...onPremises }, test: testEnvironment(onPremises) }).errors).toEqual([]);
    const clash = loadTree({ dev: { ...devDocument(), onPremisesAddressSpaces: ['10.30.0.0/16'] }, test: testEnvironment() }).errors;
    expect(clash).toContainEqual({ source: 'environments/test.yaml', path: 'hub.addressSpace[0]', message: expect.stringContaining('overlaps 10.30.0.0/16 (') });
    expect(clash[0]!.message).toContain('environments/dev.yaml onPremisesAddressSpaces[0]');
  });

  test('environments in different tenants may reuse address space', () => {
    const other = { ...tenantDocument(), tenant: 'fabrikam', tenantId: '00000000-0000-0000-0000-0000000000f1' };
    const { errors } = loadTree({ dev: devDocument(), test: testEnvironment({ tenant: 'fabrikam', hub: devDocument().hub }) }, { contoso: tenantDocument(), fabrikam: other });
    expect(errors).toEqual([]);
  });

  test('two tenant files with one tenant ID would each declare tenant-wide identity: error naming both files', () => {
    const twin = { ...tenantDocument(), tenant: 'contosotest' };
    const { errors } = loadTree({ dev: devDocument(), test: testEnvironment({ tenant: 'contosotest' }) }, { contoso: tenantDocument(), contosotest: twin });
    expect(errors).toEqual([
      {
        source: 'tenants/contosotest.yaml',
        path: 'tenantId',
        message: expect.stringMatching(/is also the tenant of .*tenants\/contoso\.yaml \(used by .*environments\/dev\.yaml\); .*must name the same tenant file/),
      },
    ]);
  });

  test('an environment that declares identity or a tenant ID itself is told to move them to the tenant file', () => {
    const tenant = tenantDocument();
    const { errors } = loadTree({ dev: { ...devDocument(), tenantId: tenant.tenantId, identity: tenant.identity } });
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ['tenantId', expect.stringContaining('move tenantId to config/tenants/<name>.yaml')],
      ['identity', expect.stringContaining('move this section to config/tenants/<tenant>.yaml')],
    ]);
  });

  test('a tenant name without a file is an error with a suggestion', () => {
    const { errors } = loadTree({ dev: { ...devDocument(), tenant: 'contosso' } });
    expect(errors).toEqual([{ source: 'environments/dev.yaml', path: 'tenant', message: expect.stringContaining("'contosso' has no tenant file; did you mean 'contoso'?") }]);
  });

  test('a broken tenant file is reported once, with its path; its environments say to fix it first', () => {
    const { errors } = loadTree({ dev: devDocument() }, { contoso: { ...tenantDocument(), tenantId: 'nope' } });
    expect(errors).toEqual([
      { source: 'tenants/contoso.yaml', path: 'tenantId', message: expect.stringContaining("'nope' is not a lower-case GUID") },
      { source: 'environments/dev.yaml', path: 'tenant', message: expect.stringContaining('its tenant file has errors') },
    ]);
  });

  test('the tenant file name must match its tenant; an azurerm backend names its subscription', () => {
    const { backend: _backend, ...rest } = tenantDocument();
    const { errors } = loadTree({ dev: devDocument() }, { other: rest, contoso: { ...rest, backend: { type: 'azurerm', resourceGroupName: 'rg', storageAccountName: 'stx1', containerName: 'tfstate' } } });
    expect(errors).toEqual([
      { source: 'tenants/contoso.yaml', path: 'backend.subscriptionId', message: expect.stringContaining('is required for a tenant') },
      { source: 'tenants/other.yaml', path: 'tenant', message: expect.stringContaining("is 'contoso' but the file is named other.yaml") },
      { source: 'environments/dev.yaml', path: 'tenant', message: expect.stringContaining('its tenant file has errors') },
    ]);
  });

  test('entraIdLogs must name an environment of its own tenant; a tenant may not share a name with an environment', () => {
    const other = { ...tenantDocument(), tenant: 'test', tenantId: '00000000-0000-0000-0000-0000000000f1', entraIdLogs: { environment: 'dev' } };
    const { errors } = loadTree({ dev: devDocument(), test: testEnvironment({ tenant: 'test' }) }, { contoso: tenantDocument(), test: other });
    expect(errors.map((e) => `${e.source} ${e.path}`)).toEqual(['environments/test.yaml environment', 'tenants/test.yaml entraIdLogs.environment']);
  });

  test('loading one document resolves its tenant from the embedded tenants by default', () => {
    const { config } = loadEnvironmentText(fs.readFileSync(path.join(DEFAULT_CONFIG_DIR, 'dev.yaml'), 'utf8'), 'config/environments/dev.yaml');
    expect(config?.tenantId).toBe(tenantDocument().tenantId);
  });
});
