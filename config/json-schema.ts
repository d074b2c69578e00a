import { z } from 'zod';
import { LandingZoneConfigSchema } from './schema';

/** The JSON Schema (draft 2020-12) of an environment file, as committed in config/landing-zone.schema.json. */
export function renderJsonSchema(): string {
  const schema = z.toJSONSchema(LandingZoneConfigSchema, { io: 'input', unrepresentable: 'any' });
  return JSON.stringify(schema, null, 2) + '\n';
}
