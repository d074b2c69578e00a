/**
 * Resources added, destroyed or changed per stack between two synths, without cdktf metadata (`//` blocks), with
 * the security-relevant attributes called out: public access, SKUs, modes, rules, role assignments, identities,
 * Conditional Access states and conditions.
 */
import type { TerraformJson } from '../verifier/load';

export interface AttributeChange {
  /** `security_rule.0.source_address_prefix`. */
  readonly path: string;
  readonly before?: string;
  readonly after?: string;
}

export interface ResourceChange {
  readonly stack: string;
  /** `type.logicalId`. */
  readonly address: string;
  /** The resource's `name` (or `display_name`) when it is a literal. */
  readonly name?: string;
  readonly change: 'added' | 'destroyed' | 'changed';
  /** Security-relevant attributes: of the new resource (added), the old one (destroyed), or those that changed. */
  readonly security: readonly AttributeChange[];
  /** How many other attributes changed (changed resources only). */
  readonly otherChanges: number;
  /** The resource type itself is security-relevant (rules, role assignments, policies, public IPs). */
  readonly securityType: boolean;
}

/** Attribute paths that change who can reach or do what. */
const SECURITY_ATTRIBUTE = new RegExp(
  [
    'public', 'sku', 'tier', 'mode', 'rule', 'access', 'allow', 'deny', 'source_address', 'destination_address', 'destination_port',
    'port', 'protocol', 'priority', 'direction', 'translated', 'role_definition', 'principal', 'identity', 'scope', 'state', 'conditions',
    'grant_controls', 'session_controls', 'exclude', 'include', 'authentication', 'tls', 'https', 'encryption', 'purge', 'soft_delete',
    'network_acls', 'ip_rules', 'bypass', 'firewall', 'intrusion', 'threat_intel', 'dns', 'shareable_link', 'tunneling', 'copy_paste',
    'file_copy', 'ip_connect', 'kerberos', 'local_auth', 'shared_access_key', 'next_hop', 'address_prefix', 'address_space',
    'remote_virtual_network', 'forwarded_traffic', 'gateway_transit', 'members', 'owners', 'assignable', 'subresource',
  ].join('|'),
);

/** Resource types whose addition or removal is a security decision in itself. */
const SECURITY_TYPE = /network_security_rule|network_security_group|firewall|role_assignment|role_definition|conditional_access|public_ip|private_endpoint|virtual_network_peering|route|nat_rule|key_vault_access_policy|application_gateway|pim|directory_role|group_member|named_location|authentication_strength|bastion|diagnostic_setting|user_assigned_identity/;

/** Every resource change between `base` and `head`, per stack in sorted order, then by address. */
export function resourceChanges(base: Record<string, TerraformJson>, head: Record<string, TerraformJson>): ResourceChange[] {
  const changes: ResourceChange[] = [];
  const stacks = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort();
  for (const stack of stacks) {
    const before = resourcesOf(base[stack]);
    const after = resourcesOf(head[stack]);
    for (const address of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const old = before.get(address);
      const now = after.get(address);
      const type = address.slice(0, address.indexOf('.'));
      const securityType = SECURITY_TYPE.test(type);
      const name = nameOf(now ?? old);
      if (old === undefined || now === undefined) {
        const leaves = flatten(now ?? old);
        const security = [...leaves].filter(([path]) => SECURITY_ATTRIBUTE.test(path)).map(([path, value]) => (now ? { path, after: value } : { path, before: value }));
        changes.push({ stack, address, ...(name ? { name } : {}), change: now ? 'added' : 'destroyed', security, otherChanges: 0, securityType });
        continue;
      }
      const a = flatten(old);
      const b = flatten(now);
      const changed = [...new Set([...a.keys(), ...b.keys()])].sort().filter((path) => a.get(path) !== b.get(path));
      if (changed.length === 0) continue;
      const security = changed.filter((path) => SECURITY_ATTRIBUTE.test(path)).map((path) => ({ path, ...(a.has(path) ? { before: a.get(path) } : {}), ...(b.has(path) ? { after: b.get(path) } : {}) }));
      changes.push({ stack, address, ...(name ? { name } : {}), change: 'changed', security, otherChanges: changed.length - security.length, securityType });
    }
  }
  return changes;
}

/** `type.logicalId` -> attributes without cdktf's `//` metadata. */
function resourcesOf(json: TerraformJson | undefined): Map<string, unknown> {
  const resources = new Map<string, unknown>();
  for (const [type, byName] of Object.entries(json?.resource ?? {})) {
    for (const [name, attributes] of Object.entries(byName)) resources.set(`${type}.${name}`, withoutMetadata(attributes));
  }
  return resources;
}

function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([key]) => key !== '//').map(([key, v]) => [key, withoutMetadata(v)]));
  }
  return value;
}

/** Leaf values by dotted path (`ip_configuration.0.subnet_id`), as JSON text. */
function flatten(value: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) {
    if (value.length === 0 && prefix) into.set(prefix, '[]');
    value.forEach((item, i) => flatten(item, prefix ? `${prefix}.${i}` : String(i), into));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${key}` : key, into);
  } else if (prefix) {
    into.set(prefix, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return into;
}

function nameOf(attributes: unknown): string | undefined {
  const record = (attributes ?? {}) as Record<string, unknown>;
  const name = record.name ?? record.display_name;
  return typeof name === 'string' && !name.includes('${') ? name : undefined;
}
