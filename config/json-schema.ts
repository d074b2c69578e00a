import { z } from 'zod';
import { LandingZoneConfigSchema } from './schema';
import { TenantConfigSchema } from './tenant-schema';

/** The JSON Schema (draft 2020-12) of an environment file, as committed in config/landing-zone.schema.json. */
export function renderJsonSchema(): string {
  return render(LandingZoneConfigSchema);
}

/** The JSON Schema of a tenant file, as committed in config/tenant.schema.json. */
export function renderTenantJsonSchema(): string {
  return render(TenantConfigSchema);
}

function render(schema: z.ZodType): string {
  return JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), null, 2) + '\n';
}
