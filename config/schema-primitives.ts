/** Value types shared by the config schemas: CIDRs, addresses, GUIDs, resource IDs. */
import { z } from 'zod';
import { parseCidr } from '../lib/cidr';

const CIDR_SHAPE = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;

/** An IPv4 prefix in canonical form (no host bits set). */
export const CidrText = z
  .string()
  .regex(CIDR_SHAPE, { error: (issue) => `'${String(issue.input)}' is not an IPv4 CIDR; write it like 10.0.0.0/16` })
  .superRefine((value, ctx) => {
    const parsed = parseCidr(value);
    if (CIDR_SHAPE.test(value) && !parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
  })
  .meta({ description: 'IPv4 prefix in canonical CIDR form', examples: ['10.0.0.0/16'] });

export const Ipv4Address = z.ipv4({ error: (issue) => `'${String(issue.input)}' is not an IPv4 address` });

export const Guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    error: (issue) => `'${String(issue.input)}' is not a lower-case GUID such as 00000000-0000-0000-0000-000000000000`,
  });

export const ResourceId = z
  .string()
  .regex(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/[^/]+\/[^/]+\/[^/]+$/i, {
    error: (issue) => `'${String(issue.input)}' is not an Azure resource ID (/subscriptions/<id>/resourceGroups/<rg>/providers/<ns>/<type>/<name>)`,
  });


export { KEY_VAULT_SECRET_ID } from '../lib/naming';
