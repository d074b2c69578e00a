/**
 * Shared fixtures for the identity tests: the embedded tenant's synthesized identity stack, a second tenant in an
 * early rollout (only CA001 enforced, default MFA strength, one admin group), and deep copies to break.
 */
import { App } from 'cdktf';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IdentitySchema } from '../../config/identity-schema';
import { TenantConfig } from '../../config/tenant-schema';
import { IdentityStack, identityStackName, IdentityTenant } from '../../stacks/identity-stack';
import { defined, embeddedConfigs, synthEnvironments } from '../helpers';
import { TerraformJson } from '../../verifier/load';

/** Every tenant the embedded environments name, once (the same object each environment carries). */
export function embeddedTenants(): TenantConfig[] {
  return [...new Map(embeddedConfigs().map((c) => [c.tenantConfig.tenant, c.tenantConfig])).values()];
}

/** The embedded tenant with an identity section (there is one: dev and prod share it). */
export function embeddedIdentityTenant(): IdentityTenant {
  const tenant = embeddedTenants().find((t) => t.identity);
  if (!tenant?.identity) throw new Error('no embedded tenant has an identity section');
  return tenant as IdentityTenant;
}

/** A tenant early in its rollout: only CA001 enforced, the built-in MFA strength, one permanent admin group. */
export function stagedTenant(): IdentityTenant {
  const identity = IdentitySchema.parse({
    tenantDomain: 'fabrikam.onmicrosoft.com',
    deploymentIdentity: { type: 'servicePrincipal', objectId: '00000000-0000-0000-0000-0000000000d1' },
    breakGlass: { accounts: ['breakglass01', 'breakglass02'] },
    adminGroups: [{ name: 'CA-Persona-Admins', members: ['00000000-0000-0000-0000-00000000a001'] }],
    pim: {
      eligibleAssignments: [
        { principal: 'CA-Persona-Admins', role: 'Privileged Role Administrator' },
        { principal: '00000000-0000-0000-0000-00000000a001', role: 'Global Administrator' },
      ],
    },
    namedLocations: { trusted: [{ name: 'Corporate egress', ipRanges: ['203.0.113.0/24'] }], blockedCountries: ['KP'] },
    conditionalAccess: { policies: { CA001: 'enabled' } },
  });
  return { tenant: 'fabrikam', tenantId: '00000000-0000-0000-0000-0000000000f1', backend: { type: 'local' }, entraIdLogs: {}, identity, source: 'config/tenants/fabrikam.yaml' };
}

let cache: Record<'staged' | 'embedded', TerraformJson> | undefined;

/**
 * `<tenant>-identity` JSON, synthesized once per test file like main.ts does: `embedded` is the embedded tenant (the
 * one dev and prod share), `staged` the early-rollout tenant.
 */
export function identityJson(which: 'staged' | 'embedded'): TerraformJson {
  if (!cache) {
    const embedded = synthEnvironments(embeddedConfigs()) as Record<string, TerraformJson>;
    const name = `${embeddedIdentityTenant().tenant}-identity`;
    cache = { embedded: defined(embedded[name], `stack ${name}`), staged: synthTenantIdentity(stagedTenant()) };
  }
  return cache[which];
}

/** Synthesizes one tenant's identity stack in a real App (like main.ts) and returns its JSON. */
export function synthTenantIdentity(tenant: IdentityTenant, production = true): TerraformJson {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-identity-'));
  try {
    const app = new App({ outdir, stackTraces: false });
    new IdentityStack(app, identityStackName(tenant.tenant), { tenant, production });
    app.synth();
    return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', `${tenant.tenant}-identity`, 'cdk.tf.json'), 'utf8')) as TerraformJson;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** A deep copy to mutate. */
export function copyOf(json: TerraformJson): MutableJson {
  return JSON.parse(JSON.stringify(json)) as MutableJson;
}

export type MutableJson = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown }>;
  [key: string]: unknown;
};

/** The policy resource whose display name starts with `CA<nnn>`. */
export function policy(json: MutableJson, id: string): Record<string, unknown> & { conditions: { users: Record<string, unknown>; applications: Record<string, unknown>; [k: string]: unknown } } {
  const found = Object.values(json.resource.azuread_conditional_access_policy ?? {}).find((p) => String(p.display_name).startsWith(`${id}-`));
  if (!found) throw new Error(`no policy ${id}`);
  return found as ReturnType<typeof policy>;
}

/** The address (`azuread_group.X`) of the group with this display name. */
export function groupAddress(json: TerraformJson, displayName: string): string {
  const entry = Object.entries(json.resource?.azuread_group ?? {}).find(([, g]) => g.display_name === displayName);
  if (!entry) throw new Error(`no group ${displayName}`);
  return `azuread_group.${entry[0]}`;
}
