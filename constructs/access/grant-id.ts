import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { Token } from '../../providers/cdktf';
import { IPrincipal } from './role-assignment';

/**
 * The construct-ID suffix of a grant (`SecretsRead-<suffix>`) made by `owner` (the resource whose `grant...` method
 * was called), unique per principal and independent of call order, because construct IDs become Terraform addresses:
 *
 * - a principal construct that is a sibling of the owner: its construct ID (`WorkloadIdentity`), unique among
 *   siblings, so the grants of today's stacks keep their addresses;
 * - a principal construct elsewhere in the tree: its construct ID and the first 8 hex digits of its unique address
 *   (`Identity-c8f1a2b3`), so two `Identity` constructs in different scopes never collide;
 * - a literal principal ID (a group's object ID): the principal type and a short hash of the ID (`Group-5e2a91c0`).
 *
 * A principal that is neither a construct nor literal (a token, e.g. a web app's system-assigned identity) has no
 * stable identity at construction time: its type is used, and a second such grant needs an explicit ID.
 */
export function grantIdOf(owner: Construct, principal: IPrincipal): string {
  if (principal instanceof Construct) {
    return principal.node.scope === owner.node.scope ? principal.node.id : `${principal.node.id}-${principal.node.addr.slice(0, 8)}`;
  }
  if (!Token.isUnresolved(principal.principalId)) return `${principal.principalType}-${createHash('sha256').update(principal.principalId).digest('hex').slice(0, 8)}`;
  return principal.principalType;
}

/**
 * Throws a clear error instead of the constructs library's `There is already a Construct with name ...` when a grant
 * ID is taken: the same role granted twice to one principal, or two token principals without an explicit ID.
 */
export function assertGrantIdFree(grantsScope: Construct, id: string, ownerName: string): void {
  if (grantsScope.node.tryFindChild(id)) {
    throw new Error(
      `${ownerName}: grant '${id}' exists already. Either the principal has this grant already (grant once), or its ID is a token ` +
        '(no stable grant ID can be derived from it): pass a distinct id argument',
    );
  }
}
