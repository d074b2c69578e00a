/**
 * Jest runs the compiled tests in dist/test (scripts/build.cjs, run right here so `npx jest` alone is never stale):
 * no per-run transpiling and no TypeScript loaded in the workers. Type errors are `npm run typecheck`'s job.
 * Snapshots stay next to the TypeScript sources (test/snapshot-resolver.js).
 */
const fs = require('node:fs');
const path = require('node:path');
const { build } = require('./scripts/build.cjs');

const { sourceHash } = build({ quiet: true });
require('./dist/test/synth-cache.js').pruneSynthCache(sourceHash);
// A coverage run synthesizes afresh (its cache entries live for this run only, pruned by the next): code that a warm
// cache skips would otherwise count as untested, and the measured level would depend on the cache.
const coverageRun = process.argv.some((arg) => /^--(coverage|collectCoverage)(=true)?$/.test(arg));
// Inherited by the workers: the key of the shared synth cache (test/synth-cache.ts).
process.env.LZ_SOURCE_HASH = coverageRun ? `coverage${process.pid}-${sourceHash}` : sourceHash;
// ...and seeds the property tests (test/setup.js), so the measured level is the same on every run.
if (coverageRun) process.env.LZ_COVERAGE_RUN = '1';
// The workers (and the commands tests spawn) allocate short-lived objects at a high rate (every synth): a larger young
// generation means far fewer scavenges. Two A/B runs of the suite: 108 -> 102 s and 113 -> 94 s of worker time.
if (!/--max-semi-space-size/.test(process.env.NODE_OPTIONS ?? '')) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --max-semi-space-size=32`.trim();
}

/**
 * Compiled modules with no code of their own (types and interfaces only): TypeScript elides every import of them, so
 * nothing can load them and V8 would count each of their lines as untested.
 */
function typeOnlyModules(dir = path.join(__dirname, 'dist')) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return typeOnlyModules(file);
    if (!entry.name.endsWith('.js')) return [];
    const code = fs
      .readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '')
      .replace('"use strict";', '')
      .replace('Object.defineProperty(exports, "__esModule", { value: true });', '');
    return code.trim() === '' ? [path.relative(__dirname, file).split(path.sep).join('/')] : [];
  });
}

module.exports = {
  testEnvironment: 'node',
  // dist/, not dist/test: coverage counts every compiled source, also those no test loads.
  roots: ['<rootDir>/dist'],
  testMatch: ['<rootDir>/dist/test/**/*.test.js'],
  transform: {},
  setupFilesAfterEnv: ['<rootDir>/test/setup.js'],
  snapshotResolver: '<rootDir>/test/snapshot-resolver.js',
  // Two cores: both run test files (jest's default leaves one idle for the parent, which does almost nothing).
  maxWorkers: 2,
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  // `npm run coverage`: V8's own counters (no instrumentation) on the compiled code, mapped back to the .ts sources
  // through the inline source maps scripts/build.cjs emits. Tests, test helpers, bench/ and type-only modules are not
  // counted.
  coverageProvider: 'v8',
  collectCoverageFrom: ['dist/**/*.js', '!dist/test/**', '!dist/bench/**', ...(coverageRun ? typeOnlyModules().map((file) => `!${file}`) : [])],
  coverageReporters: ['text-summary', 'json-summary', 'html'],
  // The level measured when the threshold was set (README, "Tests"), rounded down: coverage may rise, not fall.
  coverageThreshold: { global: { statements: 97, branches: 87, functions: 94, lines: 97 } },
};
