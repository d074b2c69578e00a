/**
 * What `npm run plan`/`deploy` check before Terraform touches anything: no placeholder IDs, the synthesized stacks
 * exist, and what the first apply needs (variables, the deployer's roles), so a run fails in one clear line instead
 * of halfway through an apply.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LandingZoneConfig } from '../config/schema';
import { breakGlassPasswordVariable } from '../stacks/identity-stack';
import { PlannedStack, StackKind } from './stack-order';

/**
 * A placeholder GUID: the first 80 bits zero (`00000000-0000-0000-0000-…`), as the embedded examples use. Real
 * tenant, subscription and object IDs are random (v4) and never look like this.
 */
const PLACEHOLDER_GUID = /^00000000-0000-0000-0000-[0-9a-f]{12}$/;

/** Whether an ID is one of the obviously fake placeholders of the examples. */
export function isPlaceholderId(value: string): boolean {
  return PLACEHOLDER_GUID.test(value);
}

export interface PlaceholderProblem {
  readonly source: string;
  readonly path: string;
  readonly value: string;
}

/** Every placeholder GUID in the environment file and (when its stacks deploy) the tenant file, with its path. */
export function findPlaceholderIds(config: LandingZoneConfig, environmentSource: string, includeTenant: boolean): PlaceholderProblem[] {
  const problems: PlaceholderProblem[] = [];
  const { tenantConfig, tenantId: _resolved, ...environment } = config;
  walk(environment, '', (at, value) => problems.push({ source: environmentSource, path: at, value }));
  // The tenant ID is used by every stack; the rest of the tenant file (backend, identity) only by the tenant's stacks.
  const { source, ...tenant } = tenantConfig;
  walk(includeTenant ? tenant : { tenantId: tenant.tenantId }, '', (at, value) => problems.push({ source, path: at, value }));
  return problems;
}

function walk(value: unknown, at: string, found: (at: string, value: string) => void): void {
  if (typeof value === 'string') {
    if (PLACEHOLDER_GUID.test(value)) found(at, value);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${at}[${i}]`, found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) walk(child, at ? `${at}.${key}` : key, found);
  }
}

/** Stacks whose synthesized JSON is missing from `outdir` (run `npm run synth` first). */
export function missingStacks(outdir: string, stacks: readonly PlannedStack[]): string[] {
  return stacks.filter((s) => !fs.existsSync(path.join(outdir, 'stacks', s.name, 'cdk.tf.json'))).map((s) => s.name);
}

/** The Terraform variables the first apply of the identity stack needs (later applies ignore them). */
export function firstApplyVariables(config: LandingZoneConfig): string[] {
  return (config.tenantConfig.identity?.breakGlass.accounts ?? []).map((account) => `TF_VAR_${breakGlassPasswordVariable(account)}`);
}

/** Roles the deploying identity needs, per kind of stack (least privilege that still lets every resource apply). */
export const DEPLOYER_ROLES: Readonly<Record<StackKind, string>> = {
  governance:
    'Management Group Contributor and Resource Policy Contributor on the tenant root group (creates management groups, moves subscriptions, assigns policy), plus Role Based Access Control Administrator there for the remediation identities (or Owner on the tenant root group)',
  identity:
    'Entra ID roles Conditional Access Administrator, Privileged Role Administrator (PIM, role-assignable groups, break-glass Global Administrator), User Administrator and Groups Administrator; it must be identity.deploymentIdentity',
  management:
    "Owner (or Contributor + Role Based Access Control Administrator) on the subscription, and Security Administrator in Entra ID when it carries the tenant's Entra ID diagnostic setting",
  connectivity: 'Owner (or Contributor + Role Based Access Control Administrator) on the subscription',
  spoke: "Owner (or Contributor + Role Based Access Control Administrator) on the spoke's subscription, and Network Contributor on the hub VNet for the peering",
};

/** Storage Blob Data Contributor on the state container, when the backend is azurerm. */
export function stateRole(config: LandingZoneConfig, kind: StackKind): string | undefined {
  const backend = kind === 'identity' || kind === 'governance' ? config.tenantConfig.backend : config.backend;
  return backend.type === 'azurerm' ? `Storage Blob Data Contributor on ${backend.storageAccountName}/${backend.containerName} (state, Entra ID auth)` : undefined;
}
