/**
 * Property tests over generated environments (fast-check, bounded runs so the file stays within a few seconds):
 * - a generated valid environment loads without errors, synthesizes and passes the whole policy pack;
 * - a mutated one (one value replaced by a realistic mistake, or removed) either loads, synthesizes and passes the
 *   pack, or fails with problems that each carry a file, a config path (or name the whole file) and a short message,
 *   never a stack trace; a failed synth never touches the previous output.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { DEFAULT_CONFIG_DIR, loadEnvironmentText } from '../../config/load';
import type { LandingZoneConfig } from '../../config/schema';
import { synthAtomically } from '../../lib/atomic-synth';
import { enforcePolicyPack } from '../../policy/check';
import { defineEnvironment } from '../../stacks/environment';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DEV = parse(fs.readFileSync(path.join(DEFAULT_CONFIG_DIR, 'dev.yaml'), 'utf8')) as Json;
const SPOKE_NAMES = ['shop', 'crm', 'hr'];

/** A valid environment: the embedded dev one with a generated name, region, spokes, ports, vaults and tags. */
const validEnvironment = fc
  .record({
    environment: fc.stringMatching(/^[a-z][a-z0-9]{1,5}$/),
    location: fc.constantFrom('westeurope', 'northeurope', 'swedencentral', 'eastus2'),
    spokes: fc.integer({ min: 0, max: 3 }),
    appPorts: fc.array(fc.integer({ min: 1024, max: 60000 }), { minLength: 3, maxLength: 3 }),
    vaults: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    extraTags: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/).filter((k) => !/^(microsoft|azure|windows|owner|cost-center|environment|managed-by)/.test(k)), fc.string({ maxLength: 20 }), { maxKeys: 5 }),
  })
  .map(({ environment, location, spokes, appPorts, vaults, extraTags }) => {
    const doc = structuredClone(DEV);
    doc.environment = environment;
    doc.location = location;
    doc.tags = { ...doc.tags, ...extraTags };
    doc.spokes = SPOKE_NAMES.slice(0, spokes).map((name, i) => ({
      name,
      addressSpace: [`10.11.${i}.0/24`],
      ports: { app: [appPorts[i]] },
      keyVault: { enabled: vaults[i] },
    }));
    return doc;
  });

/** Realistic mistakes a value can be replaced with. */
const MISTAKES: unknown[] = [
  '', -1, 0, 65536, 99999, 64001, '0.0.0.0/0', '198.51.100.0/33', '10.0.0.1/24', 'UK', 'smtp://host:587', '*', '1-65535', 'Any', null, [], {},
  'x'.repeat(300), 'sh\u043ep', 'a\u200Bb', true, '00000000-0000-0000-0000-000000000000', '/subscriptions/x', 'Premum', '${var.secret}',
];

/** Every path to a leaf or container in a document (arrays by index). */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const own = at.length > 0 ? [at] : [];
  if (Array.isArray(value)) return [...own, ...value.flatMap((v, i) => paths(v, [...at, i]))];
  if (typeof value === 'object' && value !== null) return [...own, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  return own;
}

function mutate(doc: Json, target: number, mistake: number, remove: boolean): Json {
  const copy = structuredClone(doc);
  const all = paths(copy);
  const at = all[target % all.length];
  const parent = at!.slice(0, -1).reduce<any>((node, key) => node[key], copy); // eslint-disable-line @typescript-eslint/no-explicit-any
  const key = at![at!.length - 1];
  if (remove) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key!];
  } else parent[key!] = structuredClone(MISTAKES[mistake % MISTAKES.length]);
  return copy;
}

const sourceOf = (doc: Json) => `config/environments/${typeof doc.environment === 'string' ? doc.environment : 'dev'}.yaml`;

/** Every problem is located, short and free of stack frames. */
function expectWellFormed(problems: readonly { source: string; path: string; message: string }[]): void {
  for (const problem of problems) {
    expect(problem.source).toMatch(/\.yaml$/);
    // Located: a mutated document is still a mapping, so every problem names the key it is about.
    expect(problem.path).toMatch(/^[^.[\]]/);
    expect(problem.path).not.toMatch(/undefined|\[object Object\]/);
    expect(problem.message.length).toBeGreaterThan(0);
    expect(problem.message.length).toBeLessThan(1000);
    expect(problem.message).not.toMatch(/\n\s+at |Error:|undefined|\[object Object\]/);
  }
}

/** Synthesizes with the pack gate into `outdir`; returns the error message, or undefined on success. */
function synth(outdir: string, config: LandingZoneConfig): string | undefined {
  try {
    synthAtomically(outdir, (app) => defineEnvironment(app, config), (staging) => enforcePolicyPack(staging));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('generated environments', () => {
  test('a valid environment always loads without errors (many runs)', () => {
    fc.assert(
      fc.property(validEnvironment, (doc) => {
        const result = loadEnvironmentText(stringify(doc), sourceOf(doc));
        expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(result.config).toBeDefined();
      }),
      { numRuns: 20 },
    );
  });

  test('a mutated environment loads or fails with located, short problems, never a throw (many runs)', () => {
    fc.assert(
      fc.property(validEnvironment, fc.nat(), fc.nat(), fc.boolean(), (doc, target, mistake, remove) => {
        const mutated = mutate(doc, target, mistake, remove);
        const result = loadEnvironmentText(stringify(mutated), sourceOf(mutated));
        expectWellFormed(result.problems);
        if (result.problems.some((p) => p.severity === 'error')) expect(result.config).toBeUndefined();
        else expect(result.config).toBeDefined();
      }),
      { numRuns: 80 },
    );
  });

  describe('through synthesis and the policy pack (one run per test run: each is a full synth; fast-check prints the seed of a failure to replay it)', () => {
    let dir: string;
    beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-property-'))));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('a valid environment synthesizes and passes the pack; a mutated one passes or fails cleanly, keeping the previous output', () => {
      const outdir = path.join(dir, 'cdktf.out');
      fc.assert(
        fc.property(validEnvironment, fc.nat(), fc.nat(), fc.boolean(), (doc, target, mistake, remove) => {
          const valid = loadEnvironmentText(stringify(doc), sourceOf(doc)).config as LandingZoneConfig;
          expect(synth(outdir, valid)).toBeUndefined();
          const before = fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8');

          const mutated = loadEnvironmentText(stringify(mutate(doc, target, mistake, remove)), sourceOf(doc));
          if (!mutated.config) return; // rejected at load: covered above
          const failure = synth(outdir, mutated.config);
          if (failure !== undefined) {
            expect(failure).not.toMatch(/\n\s+at /);
            expect(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).toBe(before);
          }
          expect(fs.readdirSync(dir)).toEqual(['cdktf.out']);
        }),
        { numRuns: 1 },
      );
    });
  });
});
