// Tests run compiled from dist/test; their snapshots live beside the TypeScript sources so reviewers see them:
// dist/test/stacks/x.test.js <-> test/stacks/__snapshots__/x.test.ts.snap
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST_TEST = path.join(ROOT, 'dist', 'test');
const TEST = path.join(ROOT, 'test');

module.exports = {
  resolveSnapshotPath: (testPath, extension) => {
    const relative = path.relative(DIST_TEST, testPath).replace(/\.js$/, '.ts');
    return path.join(TEST, path.dirname(relative), '__snapshots__', path.basename(relative) + extension);
  },
  resolveTestPath: (snapshotPath, extension) => {
    const relative = path.relative(TEST, snapshotPath);
    const source = path.join(path.dirname(path.dirname(relative)), path.basename(relative, extension));
    return path.join(DIST_TEST, source.replace(/\.ts$/, '.js'));
  },
  testPathForConsistencyCheck: path.join(DIST_TEST, 'stacks', 'example.test.js'),
};
