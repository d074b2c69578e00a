#!/usr/bin/env node
/**
 * Compiles the project's TypeScript into dist/ (one .js per .ts, same layout) so the main job, the CLIs and the
 * tests run plain JavaScript instead of transpiling ~300 files on every run.
 *
 * Incremental and never stale: a manifest records each source's size and mtime; only changed sources are
 * transpiled, outputs whose source is gone are deleted, and a run with nothing to do costs a few milliseconds
 * (TypeScript is not even loaded). Transpile-only (`isolatedModules` holds for the whole project): type errors are
 * `npm run typecheck`'s job, which `npm test` runs.
 *
 * Usage: node scripts/build.cjs [--quiet]        (also exported: build() -> { transpiled, removed, sourceHash })
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist');
const MANIFEST = path.join(OUT, '.build-manifest.json');
/** Folders that hold no source of this project (generated output, dependencies, caches). */
const SKIP = new Set(['node_modules', 'dist', 'coverage', '.git', '.bench', '.github', 'docs']);
/** Bump when the emitted code would change for the same sources (compiler options below). */
const FORMAT = 1;

function sources() {
  const found = [];
  (function walk(dir) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name) && !entry.name.startsWith('cdktf.out') && !entry.name.startsWith('.')) walk(path.join(dir, entry.name));
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        found.push(path.relative(ROOT, path.join(dir, entry.name)));
      }
    }
  })(ROOT);
  return found.sort();
}

function readManifest() {
  try {
    const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
    return manifest.format === FORMAT ? manifest.files : {};
  } catch {
    return {};
  }
}

function outputOf(source) {
  return path.join(OUT, source.replace(/\.ts$/, '.js'));
}

function build({ quiet = false } = {}) {
  const previous = readManifest();
  const files = {};
  const changed = [];
  for (const source of sources()) {
    const stat = fs.statSync(path.join(ROOT, source));
    const stamp = `${stat.size}:${stat.mtimeMs}`;
    files[source] = stamp;
    if (previous[source] !== stamp || !fs.existsSync(outputOf(source))) changed.push(source);
  }
  const removed = Object.keys(previous).filter((source) => !(source in files));
  for (const source of removed) fs.rmSync(outputOf(source), { force: true });

  if (changed.length > 0) {
    const ts = require('typescript');
    const compilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      esModuleInterop: true,
      isolatedModules: true,
      inlineSourceMap: true,
      inlineSources: false,
    };
    for (const source of changed) {
      const fileName = path.join(ROOT, source);
      const output = ts.transpileModule(fs.readFileSync(fileName, 'utf8'), { compilerOptions, fileName, reportDiagnostics: false });
      const target = outputOf(source);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // Source maps point back at the .ts file so stack traces (node --enable-source-maps, jest) name real lines.
      const text = output.outputText.replace(/\/\/# sourceMappingURL=data:application\/json;base64,(\S+)\s*$/, (_all, data) => {
        const map = JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
        map.sources = [path.relative(path.dirname(target), fileName)];
        return `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
      });
      fs.writeFileSync(target, text);
    }
  }
  // Identifies this build: every source and the dependency versions (caches of build results key on it).
  const lock = fs.statSync(path.join(ROOT, 'package-lock.json'), { throwIfNoEntry: false });
  const sourceHash = crypto
    .createHash('sha256')
    .update(JSON.stringify({ files, lock: lock ? `${lock.size}:${lock.mtimeMs}` : null }))
    .digest('hex')
    .slice(0, 16);
  if (changed.length > 0 || removed.length > 0) {
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(MANIFEST, JSON.stringify({ format: FORMAT, files }));
    if (!quiet) process.stderr.write(`build: ${changed.length} compiled, ${removed.length} removed (dist/)\n`);
  }
  return { transpiled: changed.length, removed: removed.length, sourceHash };
}

module.exports = { build, ROOT, OUT };

if (require.main === module) build({ quiet: process.argv.includes('--quiet') });
