/**
 * synthAtomically: a stack removed from config disappears from the output on the first run (no ENOENT, no stale
 * folder, the manifest lists only what exists), and a failed synth leaves the previous output as it was.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { synthAtomically } from '../../lib/atomic-synth';
import type { App } from '../../providers/cdktf';

function defineStacks(app: App, names: readonly string[]): void {
  for (const name of names) new TerraformOutput(new TerraformStack(app, name), 'name', { value: name });
}

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
}

describe('synthAtomically', () => {
  let dir: string;
  let outdir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-synth-'));
    outdir = path.join(dir, 'cdktf.out');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a stack removed from config is gone after the first run, and the manifest lists only the others', () => {
    synthAtomically(outdir, (app) => defineStacks(app, ['dev-connectivity', 'dev-lz-crm', 'dev-lz-shop']));
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['dev-connectivity', 'dev-lz-crm', 'dev-lz-shop']);

    synthAtomically(outdir, (app) => defineStacks(app, ['dev-connectivity', 'dev-lz-shop']));
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['dev-connectivity', 'dev-lz-shop']);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
    expect(Object.keys(manifest.stacks).sort()).toEqual(['dev-connectivity', 'dev-lz-shop']);
    expect(fs.readdirSync(dir)).toEqual(['cdktf.out']);
  });

  test('a failing synth after a removal keeps the previous output byte for byte', () => {
    synthAtomically(outdir, (app) => defineStacks(app, ['dev-connectivity', 'dev-lz-crm']));
    const before = snapshot(outdir);
    expect(() =>
      synthAtomically(outdir, (app) => {
        defineStacks(app, ['dev-connectivity']);
        throw new Error('config rejected');
      }),
    ).toThrow('config rejected');
    expect(snapshot(outdir)).toEqual(before);
    expect(fs.readdirSync(dir)).toEqual(['cdktf.out']);
  });
});
