/**
 * Where Terraform keeps a stack's state: `local` (a file in the project root, for trying things out) or `azurerm`
 * (a blob in the state storage account `npm run bootstrap` creates, reached with Entra ID, never with keys).
 * Shared by environment files and tenant files.
 */
import { z } from 'zod';
import { Guid } from './schema-primitives';

export const LocalBackendSchema = z.strictObject({ type: z.literal('local') });

export const AzurermBackendSchema = z.strictObject({
  type: z.literal('azurerm'),
  resourceGroupName: z.string().min(1).max(90),
  storageAccountName: z
    .string()
    .regex(/^[a-z0-9]{3,24}$/, { error: 'storage account names are 3-24 lower-case letters and digits' }),
  containerName: z
    .string()
    .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, { error: 'container names are 3-63 lower-case letters, digits and single hyphens' }),
  subscriptionId: Guid.optional().meta({ description: 'Subscription of the state storage account; defaults to the environment subscription' }),
});

export const BackendSchema = z
  .discriminatedUnion('type', [LocalBackendSchema, AzurermBackendSchema])
  .default({ type: 'local' })
  .meta({ description: 'State backend: local (default) or azurerm with Entra ID authentication (create it with npm run bootstrap)' });

export type BackendConfig = z.output<typeof BackendSchema>;
export type AzurermBackendConfig = z.output<typeof AzurermBackendSchema>;
