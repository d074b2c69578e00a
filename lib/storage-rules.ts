/**
 * Azure's name rules for storage accounts and blob containers, shared by the storage constructs
 * (StorageAccount, FlowLogStorageAccount) and the config (the azurerm backend, `spokes[].workload.storage`).
 */
import { PropertyProblem } from './property-problems';

/** Storage account names: 3-24 lower-case letters and digits, unique across Azure. */
export const STORAGE_ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;

/** Blob container names: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit. */
export const STORAGE_CONTAINER_NAME = /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** Why `name` is not a storage account name, or undefined. */
export function storageAccountNameProblem(name: string): PropertyProblem | undefined {
  if (STORAGE_ACCOUNT_NAME.test(name)) return undefined;
  return { path: 'name', message: `'${name}' is not a valid storage account name (3-24 lower-case letters and digits, unique across Azure)`, fix: 'pick such a name' };
}

/** Why `name` is not a blob container name, or undefined. */
export function storageContainerNameProblem(name: string): PropertyProblem | undefined {
  if (STORAGE_CONTAINER_NAME.test(name)) return undefined;
  return {
    path: 'container',
    message: `'${name}' is not a valid container name (3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit)`,
    fix: 'pick such a name',
  };
}
