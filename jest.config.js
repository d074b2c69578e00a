/**
 * Jest runs the compiled tests in dist/test (scripts/build.cjs, run right here so `npx jest` alone is never stale):
 * no per-run transpiling and no TypeScript loaded in the workers. Type errors are `npm run typecheck`'s job.
 * Snapshots stay next to the TypeScript sources (test/snapshot-resolver.js).
 */
const { build } = require('./scripts/build.cjs');

const { sourceHash } = build({ quiet: true });
require('./dist/test/synth-cache.js').pruneSynthCache(sourceHash);
// Inherited by the workers: the key of the shared synth cache (test/synth-cache.ts).
process.env.LZ_SOURCE_HASH = sourceHash;

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/test'],
  testMatch: ['**/*.test.js'],
  transform: {},
  setupFilesAfterEnv: ['<rootDir>/test/setup.js'],
  snapshotResolver: '<rootDir>/test/snapshot-resolver.js',
  // Two cores: both run test files (jest's default leaves one idle for the parent, which does almost nothing).
  maxWorkers: 2,
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
