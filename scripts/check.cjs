#!/usr/bin/env node
/**
 * The static half of `npm test`: the type-check side by side with the linter (one core each) instead of one after the
 * other, both incremental/cached between runs. The public API's declaration build (`npm run build:types`) is CI's
 * (.ci/run): it would add its own pass to every test run.
 * Prints each tool's output once, exits non-zero if any failed.
 */
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
// The package.json scripts of the same names hold the flags; npm runs them, so they are written once.
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const task = (name) => ({ name, command: npm, args: ['run', '--silent', name] });
/** Lanes run in parallel; the tasks of a lane run one after the other. */
const LANES = [[task('typecheck')], [task('lint')]];

function run(task) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(task.command, task.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ task, code: 1, output: `${error.message}\n`, seconds: 0 }));
    child.on('close', (code) => resolve({ task, code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }));
  });
}

async function runLane(lane) {
  const results = [];
  for (const t of lane) results.push(await run(t));
  return results;
}

Promise.all(LANES.map(runLane)).then((lanes) => {
  const results = lanes.flat();
  for (const { task, code, output, seconds } of results) {
    if (output.trim() !== '') process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    process.stdout.write(`${task.name}: ${code === 0 ? 'ok' : 'FAILED'} (${seconds.toFixed(1)} s)\n`);
  }
  process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
});
