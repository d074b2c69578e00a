/**
 * loadEnvironments over files and directories, resolveConfigSource precedence, and the terminal formatting of problems.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { platformKeyVaultName } from '../../config/plan';
import { stringify } from 'yaml';
import { CONFIG_CONTEXT_KEY, CONFIG_ENV_VAR, DEFAULT_CONFIG_DIR, loadEnvironments, resolveConfigSource } from '../../config/load';
import { ConfigProblem, formatErrors, formatWarnings, hasErrors } from '../../config/problems';
import { PROJECT_ROOT } from '../../lib/project-root';
import { DEFAULT_TENANT_DIR } from '../../config/tenants';

/** How loadEnvironments names a file: relative to the working directory when it is inside it. */
function display(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

/** A complete environment document (with a TLS inspection CA in its platform vault, so it loads without warnings). */
function environmentDoc(environment: string, hubSpace: string, extra: Record<string, unknown> = {}): string {
  const base = { environment, location: 'westeurope', subscriptionId: '00000000-0000-0000-0000-000000000001' } as const;
  const certificateSecretId = `https://${platformKeyVaultName(base)}.vault.azure.net/secrets/tls-inspection-ca`;
  const { hub, ...rest } = extra as { hub?: Record<string, unknown> };
  return stringify({
    ...base,
    tenant: 'contoso',
    tags: { owner: 'platform-team@example.com', 'cost-center': 'CC-1' },
    hub: { addressSpace: [hubSpace], firewall: { tlsInspection: { certificateSecretId } }, ...hub },
    management: { defender: { securityContact: { email: 'soc@example.com' } } },
    ...rest,
  });
}

describe('loadEnvironments', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-config-test-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, text: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  }

  describe('the embedded environments (DEFAULT_CONFIG_DIR)', () => {
    const embedded = loadEnvironments(DEFAULT_CONFIG_DIR);
    const byName = (name: string) => {
      const config = embedded.configs.find((c) => c.environment === name);
      if (!config) throw new Error(`no embedded environment ${name}`);
      return config;
    };

    test('load every environment file without errors', () => {
      expect(hasErrors(embedded.problems)).toBe(false);
      expect(formatErrors(embedded.problems)).toBe('');
      const files = fs.readdirSync(DEFAULT_CONFIG_DIR).filter((f) => /\.ya?ml$/.test(f)).map((f) => f.replace(/\.ya?ml$/, ''));
      expect(embedded.configs.map((c) => c.environment)).toEqual(files.sort());
    });

    test('warn only about the weaker choices each file makes (DDoS plan off, no TLS inspection CA)', () => {
      const expected = embedded.configs.flatMap((c) => [
        ...(c.hub.ddosProtection.enabled ? [] : [`${c.environment} hub.ddosProtection.enabled`]),
        ...(c.hub.firewall.tlsInspection.certificateSecretId ? [] : [`${c.environment} hub.firewall.tlsInspection.certificateSecretId`]),
      ]);
      expect(expected.length).toBeGreaterThan(0);
      const warnings = embedded.problems.filter((p) => p.severity === 'warning').map((p) => `${path.basename(p.source).replace(/\.ya?ml$/, '')} ${p.path}`);
      expect(warnings.sort()).toEqual(expected.sort());
      const tls = embedded.problems.find((p) => p.path === 'hub.firewall.tlsInspection.certificateSecretId');
      const tlsEnvironment = embedded.configs.find((c) => tls && tls.source.endsWith(`${c.environment}.yaml`));
      expect(tls?.message).toBe(`is not set, so TLS inspection is off; import an intermediate CA into ${platformKeyVaultName(tlsEnvironment ?? byName('dev'))} (out of band) and set its secret ID here`);
    });

    test('plan dev hub subnets by carving and keep the explicit prod plan', () => {
      expect(byName('dev').hub.subnets).toEqual({ AzureFirewallSubnet: '10.10.0.0/26', AzureBastionSubnet: '10.10.0.64/26', privateEndpoints: '10.10.0.128/27' });
      expect(byName('prod').hub.subnets).toEqual({
        AzureFirewallSubnet: '10.20.0.0/26',
        AzureFirewallManagementSubnet: '10.20.0.64/26',
        AzureBastionSubnet: '10.20.0.128/26',
        GatewaySubnet: '10.20.0.192/27',
        privateEndpoints: '10.20.0.224/27',
      });
    });

    test('environments of one tenant name the same tenant file and use distinct address space', () => {
      const tenants = new Set(embedded.configs.map((c) => c.tenantConfig.tenant));
      expect(tenants.size).toBe(1);
      expect(byName('prod').onPremisesAddressSpaces).toEqual(['172.16.0.0/16']);
    });

    test('apply the Zero Trust settings prod relies on, with remote state through Entra ID', () => {
      expect(byName('prod')).toMatchObject({
        environment: 'prod',
        production: true,
        backend: { type: 'azurerm', containerName: 'tfstate' },
        tags: { owner: 'platform-team@example.com', 'cost-center': 'CC-0000-PRD', 'data-classification': 'confidential' },
        hub: {
          gatewaySubnetEnabled: true,
          firewall: { tier: 'Premium', threatIntelMode: 'Deny', intrusionDetectionMode: 'Deny', dnsProxyEnabled: true, forcedTunnelingEnabled: true },
          bastion: { sku: 'Premium', copyPasteEnabled: false, fileCopyEnabled: false, sessionRecordingEnabled: false },
          ddosProtection: { enabled: true },
        },
      });
      expect(byName('prod').tenantConfig.backend).toMatchObject({ type: 'azurerm' });
    });

    test('load a single embedded file when pointed at it', () => {
      const result = loadEnvironments(path.join(DEFAULT_CONFIG_DIR, 'prod.yaml'));
      expect(result.problems).toEqual([]);
      expect(result.configs.map((c) => c.environment)).toEqual(['prod']);
    });
  });

  test('loads every *.yaml and *.yml file of a directory, sorted by environment, ignoring other files', () => {
    write('test.yml', environmentDoc('test', '10.30.0.0/22'));
    write('acc.yaml', environmentDoc('acc', '10.40.0.0/22'));
    write('README.md', '# not an environment');
    write('notes.json', '{}');
    write('old.yaml.bak', 'not: yaml: at: all:');
    const result = loadEnvironments(dir, { tenantDirectory: DEFAULT_TENANT_DIR });
    expect(result.problems).toEqual([]);
    expect(result.configs.map((c) => c.environment)).toEqual(['acc', 'test']);
  });

  test('reports duplicate environment names across two files', () => {
    write('dev.yaml', environmentDoc('dev', '10.10.0.0/22'));
    const second = write('dev.yml', environmentDoc('dev', '10.30.0.0/22'));
    const result = loadEnvironments(dir, { tenantDirectory: DEFAULT_TENANT_DIR });
    expect(result.configs).toEqual([]);
    expect(result.problems).toEqual([
      {
        severity: 'error',
        source: display(second),
        path: 'environment',
        message: `'dev' is already defined in ${display(path.join(dir, 'dev.yaml'))}; environment names must be unique`,
      },
    ]);
  });

  test('reports problems of every file and returns no configs when any file has an error', () => {
    write('acc.yaml', environmentDoc('acc', '10.40.0.0/22'));
    const bad = write('test.yaml', environmentDoc('test', '10.30.0.1/22', { location: 'westeurop' }));
    const warns = write('zz.yaml', environmentDoc('zz', '10.50.0.0/22', { hub: { addressSpace: ['10.50.0.0/22'], ddosProtection: { enabled: false } } }));
    const result = loadEnvironments(dir, { tenantDirectory: DEFAULT_TENANT_DIR });
    expect(result.configs).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'error', source: display(bad), path: 'location' }),
      expect.objectContaining({ severity: 'error', source: display(bad), path: 'hub.addressSpace[0]' }),
      expect.objectContaining({ severity: 'warning', source: display(warns), path: 'hub.ddosProtection.enabled' }),
    ]);
  });

  test('returns configs when the only problems are warnings', () => {
    write('acc.yaml', environmentDoc('acc', '10.40.0.0/22', { hub: { addressSpace: ['10.40.0.0/22'], ddosProtection: { enabled: false } } }));
    const result = loadEnvironments(dir, { tenantDirectory: DEFAULT_TENANT_DIR });
    expect(hasErrors(result.problems)).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.configs.map((c) => c.environment)).toEqual(['acc']);
  });

  test('reports a YAML file whose name does not match its environment', () => {
    const file = write('staging.yaml', environmentDoc('stage', '10.30.0.0/22'));
    const result = loadEnvironments(dir, { tenantDirectory: DEFAULT_TENANT_DIR });
    expect(result.configs).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'error', source: display(file), path: 'environment', message: expect.stringContaining('rename the file to stage.yaml') }),
    ]);
  });

  test('reports an empty directory with an actionable message', () => {
    const result = loadEnvironments(dir, { tenantDirectory: DEFAULT_TENANT_DIR });
    expect(result).toEqual({
      configs: [],
      problems: [
        {
          severity: 'error',
          source: display(dir),
          path: '',
          message: 'has no *.yaml environment files; copy config/environments/dev.yaml there as a starting point',
        },
      ],
    });
  });

  test('reports a directory without YAML files like an empty one', () => {
    write('README.md', '# nothing here');
    const result = loadEnvironments(dir, { tenantDirectory: DEFAULT_TENANT_DIR });
    expect(result.configs).toEqual([]);
    expect(result.problems).toEqual([expect.objectContaining({ severity: 'error', path: '', message: expect.stringContaining('has no *.yaml environment files') })]);
  });

  test('reports a missing path with an actionable message naming LZ_CONFIG', () => {
    const missing = path.join(dir, 'does-not-exist');
    const result = loadEnvironments(missing, { tenantDirectory: DEFAULT_TENANT_DIR });
    expect(result).toEqual({
      configs: [],
      problems: [
        {
          severity: 'error',
          source: display(missing),
          path: '',
          message: 'does not exist; point LZ_CONFIG at an environment YAML file or a directory of them',
        },
      ],
    });
  });

  test('reports a path relative to the working directory when it is inside it', () => {
    const result = loadEnvironments(path.join(process.cwd(), 'no-such-config-dir-for-test'));
    expect(result.problems[0]!.source).toBe('no-such-config-dir-for-test');
  });

  test('loads a single file given directly', () => {
    const file = write('acc.yaml', environmentDoc('acc', '10.40.0.0/22'));
    write('other.yaml', 'this: [is broken');
    const result = loadEnvironments(file, { tenantDirectory: DEFAULT_TENANT_DIR });
    expect(result.problems).toEqual([]);
    expect(result.configs.map((c) => c.environment)).toEqual(['acc']);
  });
});

describe('resolveConfigSource', () => {
  test('uses the constants the documentation names', () => {
    expect(CONFIG_ENV_VAR).toBe('LZ_CONFIG');
    expect(CONFIG_CONTEXT_KEY).toBe('landingZoneConfig');
  });

  test('prefers the LZ_CONFIG environment variable over the context value', () => {
    expect(resolveConfigSource({ LZ_CONFIG: '/from/env' }, '/from/context')).toBe('/from/env');
  });

  test('uses the context value when LZ_CONFIG is not set', () => {
    expect(resolveConfigSource({}, '/from/context')).toBe('/from/context');
  });

  test('ignores an empty LZ_CONFIG', () => {
    expect(resolveConfigSource({ LZ_CONFIG: '' }, '/from/context')).toBe('/from/context');
    expect(resolveConfigSource({ LZ_CONFIG: '' })).toBe(DEFAULT_CONFIG_DIR);
  });

  test('falls back to the embedded environments', () => {
    expect(resolveConfigSource({})).toBe(DEFAULT_CONFIG_DIR);
    expect(DEFAULT_CONFIG_DIR).toBe(path.join(PROJECT_ROOT, 'config', 'environments'));
  });

  test.each([[''], [42], [true], [{ path: '/x' }], [null]])('ignores the non-usable context value %j', (contextValue) => {
    expect(resolveConfigSource({}, contextValue)).toBe(DEFAULT_CONFIG_DIR);
  });

  test('does not read process.env itself', () => {
    const saved = process.env.LZ_CONFIG;
    process.env.LZ_CONFIG = '/from/process/env';
    try {
      expect(resolveConfigSource({})).toBe(DEFAULT_CONFIG_DIR);
      expect(resolveConfigSource(process.env)).toBe('/from/process/env');
    } finally {
      if (saved === undefined) delete process.env.LZ_CONFIG;
      else process.env.LZ_CONFIG = saved;
    }
  });
});

describe('formatErrors, formatWarnings and hasErrors', () => {
  const problems: ConfigProblem[] = [
    { severity: 'error', source: 'config/environments/dev.yaml', path: 'location', message: "'westeurop' is not an allowed Azure region; did you mean 'westeurope'?" },
    { severity: 'warning', source: 'config/environments/dev.yaml', path: 'hub.firewall.tier', message: "is 'Standard': use Premium" },
    { severity: 'error', source: 'config/environments/dev.yaml', path: 'hub.subnets.AzureBastionSubnet', message: 'is too small' },
    { severity: 'error', source: 'config/environments/prod.yaml', path: '', message: 'is not valid YAML: bad' },
    { severity: 'warning', source: 'config/environments/prod.yaml', path: 'hub.ddosProtection.enabled', message: 'is false' },
  ];

  test('formatErrors lists every error on its own line with its file and path, in order', () => {
    expect(formatErrors(problems).split('\n')).toEqual([
      'Configuration has 3 errors; nothing was synthesized:',
      "  ✖ config/environments/dev.yaml location: 'westeurop' is not an allowed Azure region; did you mean 'westeurope'?",
      '  ✖ config/environments/dev.yaml hub.subnets.AzureBastionSubnet: is too small',
      '  ✖ config/environments/prod.yaml: is not valid YAML: bad',
      '',
    ]);
  });

  test('formatErrors uses the singular for one error', () => {
    expect(formatErrors([problems[0]!])).toBe(
      "Configuration has 1 error; nothing was synthesized:\n  ✖ config/environments/dev.yaml location: 'westeurop' is not an allowed Azure region; did you mean 'westeurope'?\n",
    );
  });

  test('formatErrors is empty when there are only warnings or no problems', () => {
    expect(formatErrors(problems.filter((p) => p.severity === 'warning'))).toBe('');
    expect(formatErrors([])).toBe('');
  });

  test('formatWarnings lists every warning on its own line', () => {
    expect(formatWarnings(problems)).toBe(
      'Configuration warnings:\n' +
        "  ⚠ config/environments/dev.yaml hub.firewall.tier: is 'Standard': use Premium\n" +
        '  ⚠ config/environments/prod.yaml hub.ddosProtection.enabled: is false\n',
    );
    expect(formatWarnings([problems[1]!])).toBe("Configuration warning:\n  ⚠ config/environments/dev.yaml hub.firewall.tier: is 'Standard': use Premium\n");
  });

  test('formatWarnings is empty when there are none', () => {
    expect(formatWarnings(problems.filter((p) => p.severity === 'error'))).toBe('');
    expect(formatWarnings([])).toBe('');
  });

  test('hasErrors ignores warnings', () => {
    expect(hasErrors(problems)).toBe(true);
    expect(hasErrors(problems.filter((p) => p.severity === 'warning'))).toBe(false);
    expect(hasErrors([])).toBe(false);
  });

  describe('on real load results', () => {
    let dir: string;

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-config-format-'));
    });

    afterEach(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('formatErrors prints one line per error of every file, each with its file and path', () => {
      fs.writeFileSync(path.join(dir, 'acc.yaml'), environmentDoc('acc', '10.40.0.0/22', { location: 'mars', subscriptionId: 'x' }));
      fs.writeFileSync(path.join(dir, 'test.yaml'), environmentDoc('test', '10.30.0.0/22', { onPremisesAddressSpaces: ['10.0.0.0/8'] }));
      const result = loadEnvironments(dir, { tenantDirectory: DEFAULT_TENANT_DIR });
      const errors = result.problems.filter((p) => p.severity === 'error');
      expect(errors.map((p) => p.path)).toEqual(['location', 'subscriptionId', 'onPremisesAddressSpaces[0]']);

      const lines = formatErrors(result.problems).trimEnd().split('\n');
      expect(lines[0]).toBe('Configuration has 3 errors; nothing was synthesized:');
      expect(lines.slice(1)).toEqual(errors.map((p) => `  ✖ ${p.source} ${p.path}: ${p.message}`));
      expect(lines[1]).toContain(`${display(path.join(dir, 'acc.yaml'))} location: 'mars' is not an allowed Azure region`);
      expect(lines[3]).toContain(`${display(path.join(dir, 'test.yaml'))} onPremisesAddressSpaces[0]: 10.0.0.0/8 overlaps 10.30.0.0/22`);
      expect(formatWarnings(result.problems)).toBe('');
    });
  });
});
