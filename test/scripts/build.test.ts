/**
 * scripts/build.cjs on throw-away projects: incremental, never stale, the same output from worker threads, and
 * output copied from another checkout only for byte-identical sources whose build there is current.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A project with the real build script and `files` (relative path -> TypeScript source). */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-test-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.copyFileSync(path.join(PROJECT_ROOT, 'scripts', 'build.cjs'), path.join(dir, 'scripts', 'build.cjs'));
  fs.writeFileSync(path.join(dir, 'package-lock.json'), '{}');
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function build(dir: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): string {
  // The throw-away project has no node_modules: TypeScript comes from this one.
  const result = spawnSync(process.execPath, ['scripts/build.cjs', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.join(PROJECT_ROOT, 'node_modules'), ...env },
  });
  expect(result.status).toBe(0);
  return result.stderr;
}

const output = (dir: string, file: string) => fs.readFileSync(path.join(dir, 'dist', file.replace(/\.ts$/, '.js')), 'utf8');

test('compiles only what changed and deletes the output of a removed source', () => {
  const dir = project({ 'a.ts': 'export const a: number = 1;\n', 'lib/b.ts': 'export const b = 2;\n' });
  expect(build(dir, [], { BUILD_WORKERS: '1' })).toBe('build: 2 compiled, 0 reused, 0 removed (dist/)\n');
  expect(build(dir)).toBe('');
  fs.writeFileSync(path.join(dir, 'a.ts'), 'export const a: number = 3;\n');
  fs.rmSync(path.join(dir, 'lib', 'b.ts'));
  expect(build(dir)).toBe('build: 1 compiled, 0 reused, 1 removed (dist/)\n');
  expect(output(dir, 'a.ts')).toContain('exports.a = 3;');
  expect(fs.existsSync(path.join(dir, 'dist', 'lib', 'b.js'))).toBe(false);
});

test('worker threads write exactly what one thread writes', () => {
  const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`src/m${i}.ts`, `export const v${i}: string = '${i}';\n`]));
  const one = project(files);
  const two = project(files);
  expect(build(one, [], { BUILD_WORKERS: '1' })).toBe('build: 5 compiled, 0 reused, 0 removed (dist/)\n');
  expect(build(two, [], { BUILD_WORKERS: '2' })).toBe('build: 5 compiled (2 threads), 0 reused, 0 removed (dist/)\n');
  for (const file of Object.keys(files)) expect(output(two, file)).toBe(output(one, file));
});

test('--reuse-from copies byte-identical sources built there, and compiles the rest', () => {
  const base = project({ 'same.ts': 'export const same = 1;\n', 'differs.ts': 'export const x = "base";\n', 'stale.ts': 'export const s = 1;\n' });
  build(base, ['--quiet']);
  // Changed after base's build: its output there is stale, so it must not be copied.
  fs.writeFileSync(path.join(base, 'stale.ts'), 'export const s = 2;\n');
  const head = project({ 'same.ts': 'export const same = 1;\n', 'differs.ts': 'export const x = "head";\n', 'stale.ts': 'export const s = 2;\n' });
  expect(build(head, ['--reuse-from', base])).toBe('build: 2 compiled, 1 reused, 0 removed (dist/)\n');
  expect(output(head, 'same.ts')).toBe(output(base, 'same.ts'));
  expect(output(head, 'differs.ts')).toContain('"head"');
  expect(output(head, 'stale.ts')).toContain('exports.s = 2;');
  // An unbuilt or missing checkout is no reason to fail: everything compiles.
  const other = project({ 'same.ts': 'export const same = 1;\n' });
  expect(build(other, ['--reuse-from', path.join(other, 'nowhere')])).toBe('build: 1 compiled, 0 reused, 0 removed (dist/)\n');
});
