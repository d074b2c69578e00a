/**
 * scripts/build.cjs on throw-away projects: incremental, never stale, the same output from worker threads, and
 * output copied from another checkout only for byte-identical sources whose build there is current.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';

interface BuildResult {
  readonly transpiled: number;
  readonly threads: number;
  readonly reused: number;
  readonly removed: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { build: runBuild } = require(path.join(PROJECT_ROOT, 'scripts', 'build.cjs')) as {
  build: (options: { quiet?: boolean; reuseFrom?: string; root?: string }) => BuildResult;
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A project directory with `files` (relative path -> TypeScript source). */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-test-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function build(root: string, options: { reuseFrom?: string; workers?: number } = {}): Omit<BuildResult, 'sourceHash'> {
  const saved = process.env.BUILD_WORKERS;
  process.env.BUILD_WORKERS = String(options.workers ?? 1);
  try {
    const { transpiled, threads, reused, removed } = runBuild({ quiet: true, root, reuseFrom: options.reuseFrom });
    return { transpiled, threads, reused, removed };
  } finally {
    if (saved === undefined) delete process.env.BUILD_WORKERS;
    else process.env.BUILD_WORKERS = saved;
  }
}

const output = (dir: string, file: string) => fs.readFileSync(path.join(dir, 'dist', file.replace(/\.ts$/, '.js')), 'utf8');

test('compiles only what changed and deletes the output of a removed source', () => {
  const dir = project({ 'a.ts': 'export const a: number = 1;\n', 'lib/b.ts': 'export const b = 2;\n' });
  expect(build(dir)).toEqual({ transpiled: 2, threads: 1, reused: 0, removed: 0 });
  expect(build(dir)).toEqual({ transpiled: 0, threads: 0, reused: 0, removed: 0 });
  fs.writeFileSync(path.join(dir, 'a.ts'), 'export const a: number = 3;\n');
  fs.rmSync(path.join(dir, 'lib', 'b.ts'));
  expect(build(dir)).toEqual({ transpiled: 1, threads: 1, reused: 0, removed: 1 });
  expect(output(dir, 'a.ts')).toContain('exports.a = 3;');
  expect(fs.existsSync(path.join(dir, 'dist', 'lib', 'b.js'))).toBe(false);
});

test('worker threads write exactly what one thread writes', () => {
  const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`src/m${i}.ts`, `export const v${i}: string = '${i}';\n`]));
  const one = project(files);
  const two = project(files);
  expect(build(one, { workers: 1 })).toMatchObject({ transpiled: 5, threads: 1 });
  expect(build(two, { workers: 2 })).toMatchObject({ transpiled: 5, threads: 2 });
  for (const file of Object.keys(files)) expect(output(two, file)).toBe(output(one, file));
});

test('--reuse-from copies byte-identical sources built there, and compiles the rest', () => {
  const base = project({ 'same.ts': 'export const same = 1;\n', 'differs.ts': 'export const x = "base";\n', 'stale.ts': 'export const s = 1;\n' });
  build(base);
  // Changed after base's build: its output there is stale, so it must not be copied.
  fs.writeFileSync(path.join(base, 'stale.ts'), 'export const s = 2;\n');
  const head = project({ 'same.ts': 'export const same = 1;\n', 'differs.ts': 'export const x = "head";\n', 'stale.ts': 'export const s = 2;\n' });
  expect(build(head, { reuseFrom: base })).toEqual({ transpiled: 2, threads: 1, reused: 1, removed: 0 });
  expect(output(head, 'same.ts')).toBe(output(base, 'same.ts'));
  expect(output(head, 'differs.ts')).toContain('"head"');
  expect(output(head, 'stale.ts')).toContain('exports.s = 2;');
  // An unbuilt or missing checkout is no reason to fail: everything compiles.
  const other = project({ 'same.ts': 'export const same = 1;\n' });
  expect(build(other, { reuseFrom: path.join(other, 'nowhere') })).toEqual({ transpiled: 1, threads: 1, reused: 0, removed: 0 });
});
