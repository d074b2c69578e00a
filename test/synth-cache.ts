/**
 * A disk cache of synthesized environments shared by every test file and worker of a run (and by later runs while
 * nothing changed): the embedded environments are synthesized once per run, not once per test file. Entries are
 * keyed by the build's source hash (scripts/build.cjs: every source file and the lockfile) and the config itself, so
 * a change to either is a miss; jest.config.js prunes entries of other builds.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../lib/project-root';

const CACHE_DIR = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'lz-test-synth');

/** Set by jest.config.js from the build it just made; without it (a test run outside jest) nothing is cached. */
const SOURCE_HASH_VARIABLE = 'LZ_SOURCE_HASH';

/** `compute()` once per (build, key): later callers, in any worker, read the stored JSON; the same object per file. */
export function cachedJson<T>(key: unknown, compute: () => T): T {
  const digest = digestOf(key);
  if (!inMemory.has(digest)) inMemory.set(digest, JSON.parse(readOrCompute(digest, compute)));
  return inMemory.get(digest) as T;
}

/** This test file's copy of each value (jest gives each file its own module registry): callers must not modify it. */
const inMemory = new Map<string, unknown>();

function readOrCompute<T>(digest: string, compute: () => T): string {
  const sourceHash = process.env[SOURCE_HASH_VARIABLE];
  if (!sourceHash) return JSON.stringify(compute());
  const file = path.join(CACHE_DIR, `${sourceHash}-${digest}.json`);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  const text = JSON.stringify(compute());
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  // Written whole and renamed, so a concurrent reader never sees half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
  return text;
}

/**
 * A directory that `fill(dir)` writes, once per (build, key) for every file and worker of a run; `fill` returns a JSON
 * value stored beside it. Callers must not modify the directory (copy it first). Outside jest (no source hash) it is
 * filled in a new temporary directory on every call. Two workers asking at once both fill, and the first rename wins.
 */
export function cachedDirectory<T>(key: unknown, fill: (dir: string) => T): { dir: string; value: T } {
  const digest = digestOf(key);
  const sourceHash = process.env[SOURCE_HASH_VARIABLE];
  const entry = sourceHash ? path.join(CACHE_DIR, `${sourceHash}-${digest}.d`) : undefined;
  const valueFile = (dir: string) => path.join(dir, '.value.json');
  if (entry && fs.existsSync(valueFile(entry))) return { dir: entry, value: JSON.parse(fs.readFileSync(valueFile(entry), 'utf8')) as T };
  if (entry) fs.mkdirSync(CACHE_DIR, { recursive: true });
  const temporary = fs.mkdtempSync(entry ? `${entry}.${process.pid}.` : path.join(os.tmpdir(), 'lz-cached-dir-'));
  const value = fill(temporary);
  fs.writeFileSync(valueFile(temporary), JSON.stringify(value));
  if (!entry) return { dir: temporary, value };
  try {
    fs.renameSync(temporary, entry);
  } catch {
    // Another worker filled it first: theirs is used, this copy is dropped.
    fs.rmSync(temporary, { recursive: true, force: true });
  }
  return { dir: entry, value: JSON.parse(fs.readFileSync(valueFile(entry), 'utf8')) as T };
}

/** The file-name part of a cache key. */
function digestOf(key: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 24);
}

/** Removes entries of every other build. */
export function pruneSynthCache(sourceHash: string): void {
  if (!fs.existsSync(CACHE_DIR)) return;
  for (const name of fs.readdirSync(CACHE_DIR)) {
    if (!name.startsWith(`${sourceHash}-`)) fs.rmSync(path.join(CACHE_DIR, name), { recursive: true, force: true });
  }
}
