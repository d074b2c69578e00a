/**
 * Where Terraform keeps a stack's state: `local` (a file in the project root, for trying things out) or `azurerm`
 * (a blob in the state storage account `npm run bootstrap` creates, reached with Entra ID, never with keys).
 * Shared by environment files and tenant files.
 */
import { z } from 'zod';
import { PropertyProblem, problemText } from '../lib/property-problems';
import { STORAGE_ACCOUNT_NAME, STORAGE_CONTAINER_NAME, storageAccountNameProblem, storageContainerNameProblem } from '../lib/storage-rules';
import { Guid } from './schema-primitives';

export const LocalBackendSchema = z.strictObject({ type: z.literal('local') });

export const AzurermBackendSchema = z.strictObject({
  type: z.literal('azurerm'),
  resourceGroupName: z.string().min(1).max(90),
  storageAccountName: z
    .string()
    .regex(STORAGE_ACCOUNT_NAME, { error: (issue) => problemText(storageAccountNameProblem(String(issue.input)) as PropertyProblem) }),
  containerName: z
    .string()
    .regex(STORAGE_CONTAINER_NAME, { error: (issue) => problemText(storageContainerNameProblem(String(issue.input)) as PropertyProblem) }),
  subscriptionId: Guid.optional().meta({ description: 'Subscription of the state storage account; defaults to the environment subscription' }),
});

export const BackendSchema = z
  .discriminatedUnion('type', [LocalBackendSchema, AzurermBackendSchema])
  .default({ type: 'local' })
  .meta({ description: 'State backend: local (default) or azurerm with Entra ID authentication (create it with npm run bootstrap)' });

export type BackendConfig = z.output<typeof BackendSchema>;
export type AzurermBackendConfig = z.output<typeof AzurermBackendSchema>;
