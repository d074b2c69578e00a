/**
 * The AVM `managedIdentities` input and how it maps to azurerm's `identity { type, identity_ids }`, with the rules
 * Azure applies per resource type. Pure, so config validation could report the same problems.
 */
import { Token } from '../providers/cdktf';
import { PropertyProblem } from './property-problems';
import { parseResourceId } from './resource-id';

/**
 * The identities a resource runs as. Which combinations a resource takes depends on Azure; each construct's prop
 * says, and refuses the others.
 */
export interface ManagedIdentities {
  /**
   * A system-assigned identity, created and deleted with the resource; its principal is the construct's
   * `systemAssignedIdentity` (grant it roles with the `grant...` methods).
   * @default false
   */
  readonly systemAssigned?: boolean;
  /**
   * Resource IDs of user-assigned identities (`UserAssignedIdentity.identityId`). An empty list is refused: leave it
   * out for no user-assigned identity.
   * @default - none
   */
  readonly userAssignedResourceIds?: readonly string[];
}

/**
 * Which identities a resource type takes in Azure: both kinds together (`SystemAssigned, UserAssigned`: storage
 * accounts, SQL servers), one kind at a time (Log Analytics workspaces), or user-assigned only (SQL databases).
 */
export type IdentitySupport = 'systemAndUserAssigned' | 'systemOrUserAssigned' | 'userAssignedOnly';

/** The azurerm `identity` block: `type` and `identity_ids`. */
export interface IdentityBlock {
  readonly type: 'SystemAssigned' | 'UserAssigned' | 'SystemAssigned, UserAssigned';
  readonly identityIds?: string[];
}

const USER_ASSIGNED_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities';

/** What is wrong with `managedIdentities` for a resource with `support` (empty when nothing is). */
export function managedIdentityProblems(identities: ManagedIdentities | undefined, support: IdentitySupport): PropertyProblem[] {
  if (!identities) return [];
  const problems: PropertyProblem[] = [];
  const ids = identities.userAssignedResourceIds;
  const system = identities.systemAssigned ?? false;
  if (ids !== undefined && ids.length === 0) {
    problems.push({ path: 'managedIdentities.userAssignedResourceIds', message: 'is empty, but a user-assigned identity needs its resource ID', fix: 'pass UserAssignedIdentity.identityId, or leave the list out for none' });
  }
  ids?.forEach((id, i) => {
    const path = `managedIdentities.userAssignedResourceIds[${i}]`;
    if (Token.isUnresolved(id)) return;
    try {
      parseResourceId(id, USER_ASSIGNED_TYPE, path);
    } catch {
      problems.push({ path, message: `'${id}' is not a user-assigned identity ID`, fix: `pass /subscriptions/<subscription GUID>/resourceGroups/<group>/providers/${USER_ASSIGNED_TYPE}/<name> (UserAssignedIdentity.identityId)` });
    }
    if (ids.indexOf(id) !== i) problems.push({ path, message: `repeats '${id}'`, fix: 'list each identity once' });
  });
  if (support === 'userAssignedOnly' && system) {
    problems.push({ path: 'managedIdentities.systemAssigned', message: 'is true, but Azure gives this resource no system-assigned identity', fix: 'pass userAssignedResourceIds instead' });
  }
  if (support === 'systemOrUserAssigned' && system && (ids?.length ?? 0) > 0) {
    problems.push({ path: 'managedIdentities', message: 'asks for a system-assigned identity and user-assigned ones, but Azure gives this resource one kind only', fix: 'choose systemAssigned or userAssignedResourceIds' });
  }
  return problems;
}

/** The azurerm `identity` block for `identities` (checked by `managedIdentityProblems`), or none. */
export function identityBlock(identities: ManagedIdentities | undefined): IdentityBlock | undefined {
  const system = identities?.systemAssigned ?? false;
  const ids = identities?.userAssignedResourceIds ?? [];
  if (!system && ids.length === 0) return undefined;
  const type = system && ids.length > 0 ? 'SystemAssigned, UserAssigned' : system ? 'SystemAssigned' : 'UserAssigned';
  return { type, identityIds: ids.length > 0 ? [...ids] : undefined };
}
