/**
 * A tenant's governance, resolved: the management group of each archetype, where each subscription goes, the
 * parameter context of the guardrails, and the semantic checks the schema cannot express (every environment's region
 * allowed, placements consistent). Pure: the governance stack and the environment stacks (exemptions) both read it.
 */
import { GuardrailContext } from '../lib/guardrails/guardrail';
import { ManagementGroupScope } from '../lib/guardrails/plan';
import { ARCHETYPES, ARCHETYPE_PARENT, Archetype, GovernanceConfig } from './governance-schema';
import { ConfigProblem, ProblemCollector } from './problems';
import { LandingZoneConfig } from './schema';

/** One management group of the resolved hierarchy. */
export interface ManagementGroupPlan {
  readonly archetype: Archetype;
  /** The management group name (the last segment of its resource ID). */
  readonly id: string;
  readonly displayName?: string;
  /** Parent archetype; undefined for the root (its parent is the tenant root group). */
  readonly parent?: Archetype;
  /** Referenced, not created. */
  readonly existing: boolean;
}

/** What a subscription hosts and where it is placed. */
export interface SubscriptionPlacement {
  readonly subscriptionId: string;
  readonly archetype: Archetype;
  /** `<environment>-<concern>` stacks deployed into it, sorted. */
  readonly stacks: readonly string[];
}

export interface TenantGovernance {
  readonly tenantId: string;
  readonly config: GovernanceConfig;
  readonly managementGroups: readonly ManagementGroupPlan[];
  readonly placements: readonly SubscriptionPlacement[];
  readonly context: GuardrailContext;
  /** Region of the remediation identities. */
  readonly location: string;
}

/** The ID (`/providers/Microsoft.Management/managementGroups/<name>`) of a management group name. */
export function managementGroupResourceId(name: string): string {
  return `/providers/Microsoft.Management/managementGroups/${name}`;
}

/** The management group name of an archetype; throws when an existing hierarchy does not name it. */
export function managementGroupOf(governance: Pick<TenantGovernance, 'managementGroups'>, archetype: Archetype): string {
  const group = governance.managementGroups.find((g) => g.archetype === archetype);
  if (!group) throw new Error(`the management group hierarchy has no ${archetype} management group`);
  return group.id;
}

/** Management group of a guardrail scope. */
export function scopeManagementGroup(governance: Pick<TenantGovernance, 'managementGroups'>, scope: ManagementGroupScope): string {
  return managementGroupOf(governance, scope);
}

/** The resource ID of an initiative's assignment at its management group (what exemptions point at). */
export function initiativeAssignmentId(governance: Pick<TenantGovernance, 'managementGroups'>, scope: ManagementGroupScope, assignmentName: string): string {
  return `${managementGroupResourceId(scopeManagementGroup(governance, scope))}/providers/Microsoft.Authorization/policyAssignments/${assignmentName}`;
}

/** Name of an environment guardrail's assignment at a subscription (at most 64 characters). */
export function environmentAssignmentName(environment: string, referenceId: string): string {
  return `${environment}-${referenceId}`.slice(0, 64);
}

/** The resource ID of an environment guardrail's assignment at a subscription. */
export function environmentAssignmentId(subscriptionId: string, environment: string, referenceId: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/policyAssignments/${environmentAssignmentName(environment, referenceId)}`;
}

function resolveManagementGroups(config: GovernanceConfig): ManagementGroupPlan[] {
  const hierarchy = config.hierarchy;
  if (hierarchy.mode === 'existing') {
    return ARCHETYPES.flatMap((archetype) => {
      const id = hierarchy.managementGroups[archetype];
      return id ? [{ archetype, id, existing: true, parent: archetype === 'root' ? undefined : ARCHETYPE_PARENT[archetype] }] : [];
    });
  }
  return ARCHETYPES.map((archetype) =>
    archetype === 'root'
      ? { archetype, id: hierarchy.prefix, displayName: hierarchy.displayName, existing: false }
      : { archetype, id: `${hierarchy.prefix}-${archetype}`, displayName: undefined, parent: ARCHETYPE_PARENT[archetype], existing: false },
  );
}

/** Stacks of an environment by the subscription they deploy into. */
export function stacksBySubscription(environments: readonly LandingZoneConfig[]): Map<string, { stacks: string[]; concerns: Set<string> }> {
  const map = new Map<string, { stacks: string[]; concerns: Set<string> }>();
  const add = (subscriptionId: string, environment: string, concern: string) => {
    const entry = map.get(subscriptionId) ?? { stacks: [], concerns: new Set<string>() };
    entry.stacks.push(`${environment}-${concern}`);
    entry.concerns.add(concern.startsWith('lz-') ? 'spoke' : concern);
    map.set(subscriptionId, entry);
  };
  for (const env of environments) {
    add(env.subscriptionId, env.environment, 'management');
    add(env.subscriptionId, env.environment, 'connectivity');
    for (const spoke of env.spokes) add(spoke.subscriptionId ?? env.subscriptionId, env.environment, `lz-${spoke.name}`);
  }
  return map;
}

/**
 * Default placement by what a subscription hosts: any workload spoke makes it a corp landing zone (workload
 * guardrails must govern it); otherwise the hub makes it connectivity.
 */
function defaultArchetype(concerns: ReadonlySet<string>): Archetype {
  if (concerns.has('spoke')) return 'corp';
  if (concerns.has('connectivity')) return 'connectivity';
  return 'management';
}

/** Resolves a tenant's governance; problems go to `problems` under `governance.*`. */
export function planTenantGovernance(tenantId: string, config: GovernanceConfig, environments: readonly LandingZoneConfig[], problems: ProblemCollector): TenantGovernance {
  const managementGroups = resolveManagementGroups(config);
  const ids = managementGroups.map((g) => g.id.toLowerCase());
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) problems.error('governance.hierarchy', `management group ${duplicate} plays two archetypes; each archetype needs its own management group`);

  for (const env of environments) {
    if (!config.allowedLocations.includes(env.location)) {
      problems.error('governance.allowedLocations', `environment ${env.environment} deploys to ${env.location}, which is not allowed: add it or move the environment (the Deny guardrail would block it)`);
    }
  }

  const placements: SubscriptionPlacement[] = [];
  for (const [subscriptionId, { stacks, concerns }] of [...stacksBySubscription(environments)].sort(([a], [b]) => a.localeCompare(b))) {
    const archetype = config.subscriptionPlacement[subscriptionId] ?? defaultArchetype(concerns);
    const path = `governance.subscriptionPlacement.${subscriptionId}`;
    if (!managementGroups.some((g) => g.archetype === archetype)) {
      problems.error(path, `subscription ${subscriptionId} goes to ${archetype}, but the existing hierarchy names no ${archetype} management group`);
    }
    if (concerns.has('spoke') && !['corp', 'online', 'landingzones'].includes(archetype)) {
      problems.error(path, `subscription ${subscriptionId} hosts workload spokes (${stacks.filter((s) => s.includes('-lz-')).join(', ')}); place it under corp or online so the landing-zone guardrails govern it`);
    }
    if (['sandbox', 'decommissioned'].includes(archetype)) {
      problems.error(path, `subscription ${subscriptionId} hosts landing-zone stacks and cannot be placed in ${archetype}`);
    }
    placements.push({ subscriptionId, archetype, stacks: [...stacks].sort() });
  }
  for (const [subscriptionId, archetype] of Object.entries(config.subscriptionPlacement)) {
    if (!placements.some((p) => p.subscriptionId === subscriptionId)) {
      placements.push({ subscriptionId, archetype, stacks: [] });
    }
  }
  placements.sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId));

  // The schema requires at least one allowed location.
  const location = config.location ?? config.allowedLocations[0]!;
  return { tenantId, config, managementGroups, placements, context: { allowedLocations: [...config.allowedLocations].sort() }, location };
}

/** Archetypes whose management group contains `archetype` (itself and its ancestors). */
export function ancestorsOf(archetype: Archetype): Archetype[] {
  const chain: Archetype[] = [archetype];
  let current: Archetype = archetype;
  while (current !== 'root') {
    current = ARCHETYPE_PARENT[current];
    chain.push(current);
  }
  return chain;
}

/** The governance of an environment's tenant, when the tenant file has a `governance` section. */
export function governanceOf(config: LandingZoneConfig, environments: readonly LandingZoneConfig[]): TenantGovernance | undefined {
  const governance = config.tenantConfig.governance;
  if (!governance) return undefined;
  const tenantEnvironments = environments.filter((e) => e.tenantConfig.tenant === config.tenantConfig.tenant);
  return planTenantGovernance(config.tenantConfig.tenantId, governance, tenantEnvironments, new ProblemCollector(config.tenantConfig.source));
}

/** The governance checks of every tenant (reported against the tenant file). */
export function checkGovernance(environments: readonly { config: LandingZoneConfig }[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const tenants = [...new Map(environments.map(({ config }) => [config.tenantConfig.tenant, config.tenantConfig])).values()];
  for (const tenant of tenants) {
    if (!tenant.governance) continue;
    const collector = new ProblemCollector(tenant.source);
    const members = environments.map((e) => e.config).filter((c) => c.tenantConfig.tenant === tenant.tenant);
    planTenantGovernance(tenant.tenantId, tenant.governance, members, collector);
    problems.push(...collector.problems);
  }
  return problems;
}

/**
 * Subscriptions an initiative must govern but whose placement is outside its scope: `root` governs every
 * subscription of the tenant, `landingzones` every subscription hosting a workload spoke, `platform` every
 * subscription hosting the hub or management stacks. Empty when every scope contains what it must.
 */
export function scopeGaps(governance: Pick<TenantGovernance, 'placements'>, scopes: readonly ManagementGroupScope[]): string[] {
  const gaps: string[] = [];
  for (const scope of [...new Set(scopes)].sort()) {
    for (const placement of governance.placements) {
      const hosts = (kind: string) => placement.stacks.some((s) => (kind === 'spoke' ? s.includes('-lz-') : s.endsWith(`-${kind}`)));
      const mustGovern = scope === 'root' || (scope === 'landingzones' && hosts('spoke')) || (scope === 'platform' && (hosts('connectivity') || hosts('management')));
      if (mustGovern && !ancestorsOf(placement.archetype).includes(scope)) {
        gaps.push(`subscription ${placement.subscriptionId} (${placement.stacks.join(', ')}) is placed in ${placement.archetype}, outside ${scope} whose guardrails must govern it`);
      }
    }
  }
  return gaps;
}
