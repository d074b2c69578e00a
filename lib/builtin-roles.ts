/**
 * Azure built-in roles the landing zone assigns, with their definition IDs (the same in every tenant), the roles a
 * workload identity must never hold, and the least-privileged data-plane roles of each service it uses.
 */
export const BUILTIN_ROLES = {
  'App Configuration Data Owner': '5ae67dd6-50cb-40e7-96ff-dc2bfa4b606b',
  'App Configuration Data Reader': '516239f1-63e1-4d78-a4de-a74fb236a071',
  'Key Vault Administrator': '00482a5a-887f-4fb3-b363-3b7fe8e74483',
  'Key Vault Certificate User': 'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba',
  'Key Vault Certificates Officer': 'a4417e6f-fecd-4de8-b567-7b0420556985',
  'Key Vault Crypto Service Encryption User': 'e147488a-f6f5-4113-8e2d-b22465e65bf6',
  'Key Vault Crypto User': '12338af0-0e69-4776-bea7-57ae8d297424',
  'Key Vault Reader': '21090545-7ca7-4776-b22c-e363652d74d2',
  'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'SQL DB Contributor': '9b7fa17d-e63e-47b0-bb0a-15c516ac86ec',
  'SQL Security Manager': '056cd41c-7e88-42e1-933e-88ba6a50c9c3',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  'Storage Queue Data Message Processor': '8a0f0c08-91a1-4084-bc3d-661d67233fed',
  'Storage Queue Data Message Sender': 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a',
  'Storage Queue Data Reader': '19e7f393-937e-4f77-808e-94535e297925',
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  'Storage Table Data Reader': '76199698-9eea-4c19-bc75-cec21354c6b6',
  'Website Contributor': 'de139f84-1756-47ae-9be6-808fbbe84772',
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'Role Based Access Control Administrator': 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
  'Microsoft Sentinel Automation Contributor': 'f4c81013-99ee-4d62-a7ee-b3f1f648599a',
  'Microsoft Sentinel Responder': '3e150937-b8fe-4cfb-8069-0eaf05ecd056',
} as const;

export type BuiltInRole = keyof typeof BUILTIN_ROLES;

/** Roles that can change anything or grant access: never for a workload identity, at any scope, without a recorded reason. */
export const PRIVILEGED_ROLES: readonly BuiltInRole[] = ['Owner', 'Contributor', 'User Access Administrator', 'Role Based Access Control Administrator'];

/**
 * What a workload identity should get instead of a privileged role, per ARM resource type of the scope: the
 * data-plane roles (and the construct methods that assign them). Azure SQL has no data-plane RBAC role: database
 * access is a contained user mapped to the identity.
 */
export const DATA_PLANE_ALTERNATIVES: Readonly<Record<string, string>> = {
  'microsoft.storage/storageaccounts':
    'Storage Blob Data Reader or Storage Blob Data Contributor (storage.grantBlobRead/grantBlobWrite), Storage Queue Data Message Sender/Processor (grantQueueSend/grantQueueProcess) or Storage Table Data Reader/Contributor',
  'microsoft.keyvault/vaults': 'Key Vault Secrets User (keyVault.grantSecretsRead) or Key Vault Certificate User (grantCertificatesRead)',
  'microsoft.sql/servers':
    'no RBAC role: add the identity as a contained database user (sqlDatabase.containedUserScript) with db_datareader/db_datawriter',
  'microsoft.appconfiguration/configurationstores': 'App Configuration Data Reader',
  'microsoft.web/sites': 'Website Contributor only for a deployment identity; the app itself needs no role on its own site',
};

/** The data-plane alternative for a scope's resource ID, or a generic hint. */
export function dataPlaneAlternative(scopeId: string | undefined): string {
  const type = scopeId ? /\/providers\/([^/]+\/[^/]+)\/[^/]+/i.exec(scopeId)?.[1]?.toLowerCase() : undefined;
  return (type && DATA_PLANE_ALTERNATIVES[type]) ?? 'a least-privileged data-plane role on the resource it uses (e.g. keyVault.grantSecretsRead, storage.grantBlobRead)';
}
