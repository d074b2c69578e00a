/**
 * Azure built-in roles the landing zone assigns, with their definition IDs (the same in every tenant), and the roles
 * a workload identity must never hold broadly.
 */
export const BUILTIN_ROLES = {
  'Key Vault Administrator': '00482a5a-887f-4fb3-b363-3b7fe8e74483',
  'Key Vault Certificate User': 'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba',
  'Key Vault Certificates Officer': 'a4417e6f-fecd-4de8-b567-7b0420556985',
  'Key Vault Crypto Service Encryption User': 'e147488a-f6f5-4113-8e2d-b22465e65bf6',
  'Key Vault Crypto User': '12338af0-0e69-4776-bea7-57ae8d297424',
  'Key Vault Reader': '21090545-7ca7-4776-b22c-e363652d74d2',
  'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'Role Based Access Control Administrator': 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
} as const;

export type BuiltInRole = keyof typeof BUILTIN_ROLES;

/** Roles that can change anything or grant access: never for a workload identity above resource-group scope. */
export const PRIVILEGED_ROLES: readonly BuiltInRole[] = ['Owner', 'Contributor', 'User Access Administrator', 'Role Based Access Control Administrator'];
