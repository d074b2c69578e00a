/** The synth's cheap token traces: cdktf's plain-object captures get nothing, real errors keep their trace. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';

function run(body: string, env: NodeJS.ProcessEnv = {}): string {
  const script = `require(${JSON.stringify(path.join(PROJECT_ROOT, 'dist', 'lib', 'token-stack-traces.js'))}).skipTokenCreationTraces();\n${body}`;
  const { DEBUG: _debug, ...inherited } = process.env;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...inherited, ...env } });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}

const captureLikeCdktf = `const o = { stack: '' }; Error.captureStackTrace(o); process.stdout.write(JSON.stringify(o.stack));`;

test('a token capture (a plain object, as cdktf makes it) gets an empty trace', () => {
  expect(run(captureLikeCdktf)).toBe('""');
});

test('with DEBUG set, token captures keep their full trace', () => {
  expect(run(captureLikeCdktf, { DEBUG: '1' })).toMatch(/at /);
});

test('a real error keeps V8\'s format: message first, then its frames', () => {
  const stack = run(`function thrower() { throw new TypeError('boom'); } try { thrower(); } catch (e) { process.stdout.write(e.stack); }`);
  expect(stack.split('\n')[0]).toBe('TypeError: boom');
  expect(stack).toMatch(/\n {4}at thrower \(/);
});
