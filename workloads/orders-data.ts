/**
 * Recipe: a workload team adds a storage account and an Azure SQL database, both behind private endpoints, to its
 * spoke in TypeScript, without YAML. The README quotes this file; test/workloads/orders-data.test.ts synthesizes it
 * and runs the policy pack and the flow checks on the result.
 */
import { SqlDatabase, SqlEntraAdministrator, SqlServer } from '../constructs/data/sql-server';
import { StorageAccount } from '../constructs/data/storage-account';
import { TerraformOutput } from '../providers/cdktf';
import { SpokeStack } from '../stacks/spoke-stack';

export interface OrdersDataOptions {
  /** Globally unique, 3-24 lower-case letters and digits. */
  readonly storageAccountName: string;
  /** Globally unique, lower-case letters, digits and hyphens. */
  readonly sqlServerName: string;
  /** The Entra ID group that administers the server (no SQL logins, no passwords). */
  readonly sqlAdministrators: SqlEntraAdministrator;
}

/** Adds the orders data tier to a spoke whose config has `keyVault.enabled` (which gives it a workload identity). */
export function addOrdersData(spoke: SpokeStack, options: OrdersDataOptions): { readonly storage: StorageAccount; readonly database: SqlDatabase } {
  const { resourceGroup, names, dnsZones, privateEndpointSubnet, workloadIdentity } = spoke;
  if (!workloadIdentity) throw new Error(`${spoke.node.id} has no workload identity; set keyVault.enabled: true for the spoke`);
  // Each endpoint opens exactly its ports (443 for blob, 1433 for SQL) in the spoke's NSGs.
  const endpoints = { subnet: privateEndpointSubnet, dnsZones };

  const storage = new StorageAccount(spoke, 'OrdersStorage', { resourceGroup, name: options.storageAccountName });
  storage.addPrivateEndpoint('Blob', { ...endpoints, subresource: 'blob', name: names.name('privateEndpoint', 'orders-blob') });
  storage.addContainer('orders');
  storage.grantBlobWrite(workloadIdentity, { container: 'orders' }); // Storage Blob Data Contributor on one container

  const server = new SqlServer(spoke, 'OrdersSql', { resourceGroup, name: options.sqlServerName, entraAdministrator: options.sqlAdministrators, tenantId: spoke.config.tenantId });
  server.addPrivateEndpoint('Endpoint', { ...endpoints, name: names.name('privateEndpoint', 'orders-sql') });
  const database = server.addDatabase('Orders', { name: 'orders' });
  // Terraform cannot create database users: run this once as a member of the admin group.
  new TerraformOutput(spoke, 'orders_sql_contained_user', { value: database.containedUserScript(workloadIdentity.identityName, ['db_datareader', 'db_datawriter']) });

  return { storage, database };
}
