import { Construct } from 'constructs';
import { ManagementLock } from '../providers/azurerm';
import { ResourceLock } from './interfaces';

/**
 * Adds the `lock` of a construct's props (child ID `Lock`), or nothing when there is none. `readOnlyBreaks` says what
 * a ReadOnly lock would break on this resource; when given, ReadOnly is refused with that reason.
 */
export function defineResourceLock(scope: Construct, resourceId: string, resourceName: string, lock: ResourceLock | undefined, readOnlyBreaks?: string): ManagementLock | undefined {
  if (!lock) return undefined;
  const name = lock.name ?? `lock-${resourceName}`;
  const problems: string[] = [];
  // Widened on purpose: props may come from JavaScript or a cast.
  const kind = lock.kind as string;
  if (kind !== 'CanNotDelete' && kind !== 'ReadOnly') problems.push(`lock.kind '${String(lock.kind)}' must be CanNotDelete or ReadOnly`);
  if (name.length === 0 || name.length > 260) problems.push(`lock.name '${name}' must be 1-260 characters`);
  if (lock.kind === 'ReadOnly' && readOnlyBreaks) problems.push(`lock.kind ReadOnly would break ${readOnlyBreaks}; use CanNotDelete`);
  if (lock.notes !== undefined && lock.notes.length > 512) problems.push('lock.notes is longer than the 512 characters Azure allows');
  if (problems.length > 0) throw new Error(`${scope.node.id}: ${problems.join('; ')}`);
  return new ManagementLock(scope, 'Lock', { name, scope: resourceId, lockLevel: lock.kind, notes: lock.notes });
}
