import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderJsonSchema, renderTenantJsonSchema } from '../config/json-schema';
import { PROJECT_ROOT } from '../lib/project-root';

describe('config/landing-zone.schema.json', () => {
  test('is up to date with the Zod schema (run `npm run schema` after changing config/schema.ts)', () => {
    const committed = fs.readFileSync(path.join(PROJECT_ROOT, 'config', 'landing-zone.schema.json'), 'utf8');
    expect(committed).toBe(renderJsonSchema());
  });

  test('describes the required top-level fields and rejects unknown keys, like the loader', () => {
    const schema = JSON.parse(renderJsonSchema()) as { required: string[]; additionalProperties: boolean };
    expect(schema.required).toEqual(expect.arrayContaining(['environment', 'location', 'tenant', 'subscriptionId', 'tags', 'hub']));
    expect(schema.additionalProperties).toBe(false);
  });

  test('config/tenant.schema.json is up to date and requires the tenant name and ID', () => {
    const committed = fs.readFileSync(path.join(PROJECT_ROOT, 'config', 'tenant.schema.json'), 'utf8');
    expect(committed).toBe(renderTenantJsonSchema());
    const schema = JSON.parse(committed) as { required: string[]; additionalProperties: boolean };
    expect(schema.required).toEqual(expect.arrayContaining(['tenant', 'tenantId']));
    expect(schema.additionalProperties).toBe(false);
  });
});
