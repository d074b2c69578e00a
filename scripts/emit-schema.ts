/**
 * Writes config/landing-zone.schema.json from the Zod schema, so editors validate and complete environment YAML
 * (the files reference it with `# yaml-language-server: $schema=../landing-zone.schema.json`).
 * `npm run schema` regenerates it; a test fails when the committed file is stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderJsonSchema } from '../config/json-schema';
import { PROJECT_ROOT } from '../lib/project-root';

const target = path.join(PROJECT_ROOT, 'config', 'landing-zone.schema.json');
fs.writeFileSync(target, renderJsonSchema());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
