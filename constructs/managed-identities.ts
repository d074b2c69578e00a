import { ManagedIdentities } from '../lib/managed-identities';
import { IPrincipal } from './access/role-assignment';

/** The system-assigned identity of a resource as a principal to grant roles to, when `identities` asks for one. */
export function systemAssignedPrincipal(identities: ManagedIdentities | undefined, identity: { readonly principalId: string }): IPrincipal | undefined {
  return identities?.systemAssigned ? { principalId: identity.principalId, principalType: 'ServicePrincipal' } : undefined;
}
