/** Value types shared by the config schemas: CIDRs, addresses, GUIDs, resource IDs. */
import { z } from 'zod';
import { quote } from '../lib/quote';
import { parseCidr } from '../lib/cidr';

// Every schema module imports this one, so this runs before any parse. A run parses each config once: zod's JIT
// (a parser per object schema, built with new Function) costs more than it saves; about 20 ms of a synth.
z.config({ jitless: true });

const CIDR_SHAPE = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;

/** An IPv4 prefix in canonical form (no host bits set). */
export const CidrText = z
  .string()
  .regex(CIDR_SHAPE, { error: (issue) => `${quote(issue.input)} is not an IPv4 CIDR; write it like 10.0.0.0/16` })
  .superRefine((value, ctx) => {
    const parsed = parseCidr(value);
    if (CIDR_SHAPE.test(value) && !parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
  })
  .meta({ description: 'IPv4 prefix in canonical CIDR form', examples: ['10.0.0.0/16'] });

export const Ipv4Address = z.ipv4({ error: (issue) => `${quote(issue.input)} is not an IPv4 address` });

export const Guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    error: (issue) => `${quote(issue.input)} is not a lower-case GUID such as 00000000-0000-0000-0000-000000000000`,
  });

const RESOURCE_ID = /^\/subscriptions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/resourceGroups\/([^/]{1,90})\/providers\/([^/]+)\/([^/]+)\/([^/]+)$/i;

/**
 * The ID of an Azure resource of one type, e.g. `resourceIdOf('Microsoft.Network/ddosProtectionPlans')`: an ID of
 * another type (a VNet's ID pasted where a DDoS plan's belongs) is rejected with the type it has and the one needed.
 */
export function resourceIdOf(type: string) {
  const example = `/subscriptions/<subscription ID>/resourceGroups/<group>/providers/${type}/<name>`;
  return z
    .string()
    .superRefine((value, ctx) => {
      const match = RESOURCE_ID.exec(value);
      if (!match) {
        ctx.addIssue({ code: 'custom', message: `${quote(value)} is not an Azure resource ID; use ${example}` });
      } else if (`${match[3]}/${match[4]}`.toLowerCase() !== type.toLowerCase()) {
        ctx.addIssue({ code: 'custom', message: `is the ID of a ${match[3]}/${match[4]}, not of a ${type}; use ${example}` });
      }
    })
    .meta({ description: `Resource ID of a ${type}`, examples: [example] });
}

export { KEY_VAULT_SECRET_ID } from '../lib/naming';
