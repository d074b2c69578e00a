/** The project's production TypeScript sources, for the architecture tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';

/** Folders that hold no production source (tests, benchmarks, build scripts, output). */
const NOT_SOURCE = new Set(['node_modules', 'dist', 'coverage', 'test', 'bench', 'scripts', 'docs']);

export interface SourceFile {
  /** Path relative to the project root, `/`-separated. */
  readonly path: string;
  readonly text: string;
}

export function productionSources(): SourceFile[] {
  const found: SourceFile[] = [];
  (function walk(dir: string): void {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name.startsWith('cdktf.out') || NOT_SOURCE.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !/\.(test|d)\.ts$/.test(entry.name)) {
        found.push({ path: path.relative(PROJECT_ROOT, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') });
      }
    }
  })(PROJECT_ROOT);
  return found;
}
