/** Public API: Azure RBAC: role assignments, PIM for Azure roles, managed identities. Re-exports only (the project imports the files directly). */
export * from './azure-role-pim-policy';
export * from './grant-id';
export * from './role-assignment';
export * from './user-assigned-identity';
