/** Only the upstream deprecations users cannot act on are dropped; every other warning still prints. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';

function stderrOf(body: string): string {
  const module = JSON.stringify(path.join(PROJECT_ROOT, 'dist', 'lib', 'upstream-warnings.js'));
  const result = spawnSync(process.execPath, ['-e', `require(${module}).quietUpstreamDeprecations();\n${body}`], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stderr;
}

test('DEP0044 (cdktf\'s util.isArray on Node.js 22+) is not printed, in either emitWarning form', () => {
  expect(stderrOf(`process.emitWarning('util.isArray is deprecated', 'DeprecationWarning', 'DEP0044');`)).toBe('');
  expect(stderrOf(`process.emitWarning('util.isArray is deprecated', { type: 'DeprecationWarning', code: 'DEP0044' });`)).toBe('');
});

test('every other warning is printed as before, also after a second install', () => {
  const stderr = stderrOf(
    `require(${JSON.stringify(path.join(PROJECT_ROOT, 'dist', 'lib', 'upstream-warnings.js'))}).quietUpstreamDeprecations();\n` +
      `process.emitWarning('Buffer() is deprecated', 'DeprecationWarning', 'DEP0005'); process.emitWarning('something odd');`,
  );
  expect(stderr).toContain('[DEP0005] DeprecationWarning: Buffer() is deprecated');
  expect(stderr).toContain('Warning: something odd');
});
