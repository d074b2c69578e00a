/**
 * Jest runs the compiled tests in dist/test (scripts/build.cjs, run right here so `npx jest` alone is never stale):
 * no per-run transpiling and no TypeScript loaded in the workers. Type errors are `npm run typecheck`'s job.
 * Snapshots stay next to the TypeScript sources (test/snapshot-resolver.js).
 */
const { build } = require('./scripts/build.cjs');

const { sourceHash } = build({ quiet: true });
require('./dist/test/synth-cache.js').pruneSynthCache(sourceHash);
// A coverage run synthesizes afresh (its cache entries live for this run only, pruned by the next): code that a warm
// cache skips would otherwise count as untested, and the measured level would depend on the cache.
const coverageRun = process.argv.some((arg) => /^--(coverage|collectCoverage)(=true)?$/.test(arg));
// Inherited by the workers: the key of the shared synth cache (test/synth-cache.ts).
process.env.LZ_SOURCE_HASH = coverageRun ? `coverage${process.pid}-${sourceHash}` : sourceHash;

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
  // through the inline source maps scripts/build.cjs emits. Tests, test helpers and bench/ are not counted.
  coverageProvider: 'v8',
  collectCoverageFrom: ['dist/**/*.js', '!dist/test/**', '!dist/bench/**'],
  coverageReporters: ['text-summary', 'json-summary', 'html'],
  // The level measured when the threshold was set (README, "Tests"), rounded down: coverage may rise, not fall.
  coverageThreshold: { global: { statements: 97, branches: 86, functions: 94, lines: 97 } },
};
