/**
 * Jest with ts-jest in transpile-only mode (tsconfig `isolatedModules: true`): no per-file type-check, which runs
 * once in `tsc --noEmit`. Pure JS (no native binary), so `npm ci` works on every platform.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/test/setup.js'],
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
