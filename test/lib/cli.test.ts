/** The shared CLI contract: --help on every CLI, paths from the caller's directory, written confirmations. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';
import { CliIo, fromCaller, runCommand, withCallerPath, writeOutputFile } from '../../lib/cli';
import { run as policy } from '../../policy/cli';
import { sourceLocator } from '../../policy/source-locations';

const ROOT = PROJECT_ROOT;

function collect(): CliIo & { text: { out: string; err: string } } {
  const text = { out: '', err: '' };
  return { text, out: (t) => (text.out += t), err: (t) => (text.err += t) };
}

describe('lib/cli', () => {
  test('--help prints the usage and exits 0; an unknown option is one line and the error exit code', () => {
    const io = collect();
    const spec = { name: 'demo', usage: 'usage: demo [--x <v>]', options: { x: { type: 'string' } } as const, errorExitCode: 2 };
    expect(runCommand(spec, ['--help'], io, () => 5)).toBe(0);
    expect(io.text.out).toBe('usage: demo [--x <v>]\n');
    expect(runCommand(spec, ['--y'], io, () => 5)).toBe(2);
    expect(io.text.err).toMatch(/^demo: Unknown option '--y'[^\n]*\n$/);
    expect(runCommand(spec, ['--x', 'v'], io, (values) => (values.x === 'v' ? 5 : 6))).toBe(5);
  });

  test('paths resolve against INIT_CWD (where npm was run), else the working directory', () => {
    const previous = process.env.INIT_CWD;
    try {
      process.env.INIT_CWD = '/somewhere/else';
      expect(fromCaller('report.md')).toBe('/somewhere/else/report.md');
      expect(fromCaller('/abs/report.md')).toBe('/abs/report.md');
      expect(withCallerPath({ INIT_CWD: '/somewhere/else', LZ_CONFIG: 'env/dev.yaml' }, 'LZ_CONFIG').LZ_CONFIG).toBe('/somewhere/else/env/dev.yaml');
      expect(withCallerPath({ INIT_CWD: '/somewhere/else' }, 'LZ_CONFIG').LZ_CONFIG).toBeUndefined();
      delete process.env.INIT_CWD;
      expect(fromCaller('report.md')).toBe(path.join(process.cwd(), 'report.md'));
    } finally {
      if (previous === undefined) delete process.env.INIT_CWD;
      else process.env.INIT_CWD = previous;
    }
  });

  test('writing a file confirms it on stderr and leaves no temporary file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const io = collect();
    const file = writeOutputFile('demo', path.join(dir, 'sub', 'out.md'), 'a\nb\n', io);
    expect(fs.readFileSync(file, 'utf8')).toBe('a\nb\n');
    expect(io.text.err).toBe(`demo: wrote ${file} (2 lines)\n`);
    expect(fs.readdirSync(path.join(dir, 'sub'))).toEqual(['out.md']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('--help on every CLI', () => {
  test.each([
    ['flows', 'dist/verifier/cli.js'],
    ['whatif', 'dist/verifier/identity/cli.js'],
    ['policy', 'dist/policy/cli.js'],
    ['review', 'dist/review/cli.js'],
  ])('npm run %s -- --help', (name, file) => {
    const result = spawnSync(process.execPath, [file, '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith(`usage: npm run ${name} -- `)).toBe(true);
    expect(result.stderr).toBe('');
  });
});

describe('policy CLI', () => {
  test('a bad --format is one line and exit 2', () => {
    expect(policy(['--format', 'xml'])).toEqual({ code: 2, stdout: '', stderr: "policy: --format must be one of table, json, sarif, got 'xml'\n" });
  });
});

describe('SARIF source locations', () => {
  const locate = sourceLocator(path.join(ROOT, 'config/environments'), ROOT);
  const lineOf = (file: string, text: string): number => fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

  test('a spoke resource points at its spoke entry in the environment file, never at cdktf.out', () => {
    const location = locate('prod-lz-crm', 'prod-lz-crm/Spoke/webNsg/Rule');
    expect(location).toEqual({ uri: 'config/environments/prod.yaml', line: lineOf('config/environments/prod.yaml', '- name: crm'), key: 'spokes[1]' });
  });

  test('a spoke\'s firewall rules (in the hub stack) point at the spoke; hub parts at their hub key', () => {
    expect(locate('prod-connectivity', 'prod-connectivity/FirewallPolicy/rcg-spoke-shop/Resource').key).toBe('spokes[0]');
    const firewall = locate('prod-connectivity', 'prod-connectivity/Firewall/Resource');
    expect(firewall).toEqual({ uri: 'config/environments/prod.yaml', line: lineOf('config/environments/prod.yaml', '  firewall:'), key: 'hub.firewall' });
  });

  test('a key the file does not set points at the deepest key it does set, reported in full; tenant stacks at the tenant file', () => {
    const location = locate('contoso-identity', 'contoso-identity/CA009/Resource');
    expect(location.uri).toBe('config/tenants/contoso.yaml');
    expect(location.key).toBe('identity.conditionalAccess.policies.CA009');
    expect(location.line).toBe(lineOf('config/tenants/contoso.yaml', '    policies:'));
  });

  test('an environment without a config file points at the stack source', () => {
    expect(locate('test-lz-x', 'test-lz-x/Spoke/Network')).toEqual({ uri: 'stacks/spoke-stack.ts' });
  });
});
