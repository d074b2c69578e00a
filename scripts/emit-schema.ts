/**
 * Writes config/landing-zone.schema.json and config/tenant.schema.json from the Zod schemas, so editors validate and
 * complete environment and tenant YAML (the files reference them with `# yaml-language-server: $schema=...`).
 * `npm run schema` regenerates them; a test fails when a committed file is stale.
 */
import '../lib/compile-cache';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderJsonSchema, renderTenantJsonSchema } from '../config/json-schema';
import { PROJECT_ROOT } from '../lib/project-root';

for (const [file, render] of [
  ['landing-zone.schema.json', renderJsonSchema],
  ['tenant.schema.json', renderTenantJsonSchema],
] as const) {
  const target = path.join(PROJECT_ROOT, 'config', file);
  fs.writeFileSync(target, render());
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}
