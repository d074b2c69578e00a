/**
 * GUID sanity across the document: a tenant ID, a subscription ID and an Entra object ID are different things, so
 * one GUID in two of those roles is a copy-paste mistake that Azure reports only at deploy time (or never).
 */
import { identityObjectIds } from './identity-schema';
import { ProblemCollector } from './problems';

type Role = 'tenant' | 'subscription' | 'object';

const ROLE_NAME: Record<Role, string> = { tenant: 'the tenant ID', subscription: 'a subscription ID', object: 'an Entra object ID' };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Reports a GUID used as two different kinds of identifier (subscription = tenant, object ID = subscription, ...). */
export function checkIdentifiers(raw: Record<string, unknown>, problems: ProblemCollector): void {
  const used: { path: string; id: string; role: Role }[] = [];
  const add = (path: string, value: unknown, role: Role) => {
    if (typeof value === 'string' && GUID.test(value)) used.push({ path, id: value, role });
  };
  add('tenantId', raw.tenantId, 'tenant');
  add('subscriptionId', raw.subscriptionId, 'subscription');
  add('backend.subscriptionId', field(raw.backend, 'subscriptionId'), 'subscription');
  (Array.isArray(raw.spokes) ? raw.spokes : []).forEach((spoke, i) => add(`spokes[${i}].subscriptionId`, field(spoke, 'subscriptionId'), 'subscription'));
  add('management.sentinel.incidentOwnerObjectId', field(field(raw.management, 'sentinel'), 'incidentOwnerObjectId'), 'object');
  for (const { path, id } of identityObjectIds(raw.identity)) add(path, id, 'object');

  const first = new Map<string, { path: string; role: Role }>();
  for (const entry of used) {
    const earlier = first.get(entry.id);
    if (!earlier) {
      first.set(entry.id, entry);
      continue;
    }
    if (earlier.role === entry.role) continue;
    problems.error(
      entry.path,
      `is ${entry.id}, which ${earlier.path} already uses as ${ROLE_NAME[earlier.role]}; ${ROLE_NAME[entry.role]} is a different identifier: copy the right one from the Azure portal (${hint(entry.role)})`,
    );
  }
}

function hint(role: Role): string {
  if (role === 'subscription') return 'Subscriptions, Subscription ID';
  if (role === 'tenant') return 'Microsoft Entra ID, Overview, Tenant ID';
  return 'Microsoft Entra ID, Users or Groups, Object ID';
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
