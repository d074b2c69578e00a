/**
 * A tenant file, `config/tenants/<tenant>.yaml`: what exists once per Entra ID tenant however many environments
 * deploy into it. The tenant ID, the state backend of the tenant-wide stacks, which environment's workspace receives
 * the tenant's Entra ID logs, and the `identity` section (break-glass, PIM, Conditional Access), synthesized once as
 * the `<tenant>-identity` stack. Environments point at their tenant with `tenant: <tenant>`.
 * Further tenant-wide sections (for example governance) are added here, next to `identity`.
 */
import { z } from 'zod';
import { BackendSchema } from './backend-schema';
import { GovernanceSchema } from './governance-schema';
import { IdentitySchema } from './identity-schema';
import { Guid } from './schema-primitives';

/** Tenant names: they prefix the tenant-wide stacks (`contoso-identity`), so the same shape as environment names. */
export const TenantName = z
  .string()
  .regex(/^[a-z][a-z0-9]{1,11}$/, { error: 'tenant names are 2-12 lower-case letters and digits, starting with a letter (the file is config/tenants/<name>.yaml)' })
  .meta({ description: 'Name of a tenant file in config/tenants/ (without .yaml); prefixes the tenant-wide stacks' });

export const TenantConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    tenant: TenantName,
    tenantId: Guid.meta({ description: 'Entra ID tenant ID (placeholder all-zero GUIDs in the embedded example; deploy refuses them)' }),
    backend: BackendSchema,
    entraIdLogs: z
      .strictObject({
        environment: z
          .string()
          .optional()
          .meta({ description: "Environment whose management workspace receives the tenant's Entra ID sign-in and audit logs (one tenant diagnostic setting); none when absent" }),
      })
      .prefault({})
      .meta({ description: 'The tenant-wide Entra ID diagnostic setting (deploying it needs Security Administrator)' }),
    identity: IdentitySchema.optional().meta({
      description: 'Entra ID: break-glass, admin groups, PIM, named locations and Conditional Access, synthesized once as the <tenant>-identity stack',
    }),
    governance: GovernanceSchema.optional().meta({
      description: 'Management groups, subscription placement and the Azure Policy guardrails of the pack, synthesized once as the <tenant>-governance stack',
    }),
  })
  .superRefine((tenant, ctx) => {
    if (tenant.backend.type === 'azurerm' && !tenant.backend.subscriptionId) {
      ctx.addIssue({ code: 'custom', path: ['backend', 'subscriptionId'], message: 'is required for a tenant: the tenant-wide stacks have no subscription of their own; name the state storage subscription' });
    }
  })
  .meta({ title: 'Zero Trust landing zone tenant', description: 'What exists once per Entra ID tenant, shared by every environment that names it' });

export type TenantConfigInput = z.input<typeof TenantConfigSchema>;
/** A validated tenant file, defaults applied. */
export type TenantConfig = Omit<z.output<typeof TenantConfigSchema>, '$schema'> & {
  /** The file it was loaded from, for problems that involve two files. */
  readonly source: string;
};
