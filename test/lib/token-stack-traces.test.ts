/** The synth's cheap token traces: cdktf's plain-object captures get nothing, real errors keep their trace. */
import { withoutStackCapture } from '../../lib/token-stack-traces';
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

describe('withoutStackCapture', () => {
  const module = JSON.stringify(path.join(PROJECT_ROOT, 'dist', 'lib', 'token-stack-traces.js'));
  // cdktf's capture: the limit raised to MAX_SAFE_INTEGER around Error.captureStackTrace on a plain object.
  const capture = `(() => { const o = { stack: '' }; const p = Error.stackTraceLimit; try { Error.stackTraceLimit = Number.MAX_SAFE_INTEGER; Error.captureStackTrace(o); } finally { Error.stackTraceLimit = p; } return o.stack; })()`;
  const script = (body: string) => `const { withoutStackCapture } = require(${module});\n${body}`;
  const runScript = (body: string, env: NodeJS.ProcessEnv = {}) => {
    const { DEBUG: _debug, ...inherited } = process.env;
    const result = spawnSync(process.execPath, ['-e', script(body)], { encoding: 'utf8', env: { ...inherited, ...env } });
    if (result.status !== 0) throw new Error(result.stderr);
    return JSON.parse(result.stdout) as unknown;
  };

  test('inside, a capture walks no frames even when the limit is raised; outside, captures and the limit are as before', () => {
    expect(
      runScript(`const inside = withoutStackCapture(() => ${capture}); const limit = Error.stackTraceLimit; process.stdout.write(JSON.stringify({ inside: inside ?? null, outside: ${capture}.includes('at '), limit }));`),
    ).toEqual({ inside: null, outside: true, limit: 10 });
  });

  test('with DEBUG set, captures inside keep their frames', () => {
    expect(runScript(`process.stdout.write(JSON.stringify(withoutStackCapture(() => ${capture}).includes('at ')));`, { DEBUG: '1' })).toBe(true);
  });

  test('returns what the work returns, and restores the limit when the work throws', () => {
    const before = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
    expect(withoutStackCapture(() => 42)).toBe(42);
    expect(() =>
      withoutStackCapture(() => {
        throw new Error('synth failed');
      }),
    ).toThrow('synth failed');
    expect(Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')).toEqual(before);
  });
});
