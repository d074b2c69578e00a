import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The repository root (the folder with package.json), found from this module's location so it is the same whether
 * the code runs from source or compiled into dist/ (scripts/build.cjs). Use it for files that live in the
 * repository (config, docs, fixtures), never `__dirname`, which differs between the two.
 */
export const PROJECT_ROOT = findRoot(__dirname);

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}
