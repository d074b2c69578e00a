/**
 * Reads the azuread part of a synthesized stack (`cdk.tf.json`) into a model the lockout guard and the What-If
 * evaluator share. Works on the JSON only, so it judges hand-edited output or a stack built by other code alike.
 *
 * References are normalised to keys: `${azuread_group.X.object_id}` becomes `azuread_group.X`; literal object IDs
 * and special values (`All`, `AllTrusted`, ...) stay as they are.
 */
import { cidr } from '../../lib/cidr';
import { TerraformJson } from '../load';
import { jsonText } from '../../lib/json-text';

export type PolicyState = 'enabled' | 'enabledForReportingButNotEnforced' | 'disabled';

export interface GuestCondition {
  readonly types: readonly string[];
  /** `all`, or the enumerated tenant IDs. */
  readonly tenants: 'all' | readonly string[];
}

export interface CaPolicy {
  /** Terraform address, e.g. `azuread_conditional_access_policy.Policies_CA001_Resource_1A2B3C`. */
  readonly address: string;
  readonly displayName: string;
  readonly state: PolicyState;
  readonly users: {
    readonly includeUsers: readonly string[];
    readonly excludeUsers: readonly string[];
    readonly includeGroups: readonly string[];
    readonly excludeGroups: readonly string[];
    readonly includeRoles: readonly string[];
    readonly excludeRoles: readonly string[];
    readonly includeGuests?: GuestCondition;
    readonly excludeGuests?: GuestCondition;
  };
  readonly applications: { readonly include: readonly string[]; readonly exclude: readonly string[]; readonly userActions: readonly string[] };
  readonly clientApplications?: { readonly include: readonly string[]; readonly exclude: readonly string[] };
  readonly clientAppTypes: readonly string[];
  readonly authenticationFlows: readonly string[];
  readonly platforms?: { readonly include: readonly string[]; readonly exclude: readonly string[] };
  readonly locations?: { readonly include: readonly string[]; readonly exclude: readonly string[] };
  readonly devicesFilter?: { readonly mode: string; readonly rule: string };
  readonly userRiskLevels: readonly string[];
  readonly signInRiskLevels: readonly string[];
  readonly servicePrincipalRiskLevels: readonly string[];
  readonly insiderRiskLevels?: string;
  readonly grant?: {
    readonly operator: string;
    readonly builtInControls: readonly string[];
    /** Built-in strength path or `azuread_authentication_strength_policy.X`. */
    readonly authenticationStrength?: string;
    readonly termsOfUse: readonly string[];
    readonly customFactors: readonly string[];
  };
  readonly session?: {
    readonly signInFrequency?: number;
    readonly signInFrequencyPeriod?: string;
    readonly signInFrequencyInterval?: string;
    readonly persistentBrowserMode?: string;
  };
}

export interface DirectoryGroup {
  readonly key: string;
  readonly displayName: string;
  readonly members: readonly string[];
  readonly securityEnabled: boolean;
  readonly assignableToRole: boolean;
  readonly dynamic: boolean;
}

export interface DirectoryUser {
  readonly key: string;
  readonly userPrincipalName: string;
  readonly accountEnabled: boolean;
  readonly onPremisesImmutableId?: string;
  readonly password?: unknown;
}

export interface NamedLocationModel {
  readonly key: string;
  readonly displayName: string;
  readonly ipRanges?: readonly string[];
  readonly trusted?: boolean;
  readonly countries?: readonly string[];
  readonly includeUnknownCountries?: boolean;
}

export interface RoleAssignmentModel {
  readonly roleId: string;
  readonly principal: string;
  readonly directoryScopeId: string;
}

/** The identity that runs Terraform, as the identity stack records it (output `deployment_identity`). */
export interface DeploymentIdentity {
  readonly type: 'servicePrincipal' | 'user';
  readonly objectId: string;
  readonly roles?: readonly string[];
  readonly methods?: readonly string[];
  readonly compliantDevice?: boolean;
  readonly hybridJoinedDevice?: boolean;
  readonly platform?: string;
  readonly fromTrustedLocation?: boolean;
}

export interface IdentityModel {
  readonly policies: readonly CaPolicy[];
  readonly groups: ReadonlyMap<string, DirectoryGroup>;
  readonly users: ReadonlyMap<string, DirectoryUser>;
  readonly namedLocations: ReadonlyMap<string, NamedLocationModel>;
  /** Custom authentication strengths by key. */
  readonly strengths: ReadonlyMap<string, { readonly displayName: string; readonly combinations: readonly string[] }>;
  /** Active (permanent) directory role assignments. */
  readonly activeRoleAssignments: readonly RoleAssignmentModel[];
  /** PIM eligible directory role assignments. */
  readonly eligibleRoleAssignments: readonly RoleAssignmentModel[];
  readonly deploymentIdentity?: DeploymentIdentity;
}

const REFERENCE = /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z_]+\}$/;

/** `${azuread_group.X.object_id}` -> `azuread_group.X`; anything else unchanged. */
export function referenceKey(value: unknown): string {
  const text = String(value);
  return REFERENCE.exec(text)?.[1] ?? text;
}

/** The types that make a stack a tenant's identity: directory objects and Conditional Access, not mere app role grants. */
const IDENTITY_TYPES = new Set(['azuread_conditional_access_policy', 'azuread_user', 'azuread_group', 'azuread_named_location']);

/** Whether the JSON defines anything the identity model reads (an environment's playbook grants do not count). */
export function hasIdentityResources(stack: TerraformJson): boolean {
  return Object.keys(stack.resource ?? {}).some((type) => IDENTITY_TYPES.has(type));
}

/** Builds the model of one stack (policies and directory objects are per tenant, so one identity stack). */
export function buildIdentityModel(stack: TerraformJson): IdentityModel {
  const resources = (type: string) => Object.entries(stack.resource?.[type] ?? {}).map(([name, attrs]) => ({ key: `${type}.${name}`, attrs }));

  const groups = new Map<string, DirectoryGroup>(
    resources('azuread_group').map(({ key, attrs }) => [
      key,
      {
        key,
        displayName: String(attrs.display_name),
        members: strings(attrs.members).map(referenceKey),
        securityEnabled: attrs.security_enabled === true,
        assignableToRole: attrs.assignable_to_role === true,
        dynamic: attrs.dynamic_membership !== undefined,
      },
    ]),
  );
  const users = new Map<string, DirectoryUser>(
    resources('azuread_user').map(({ key, attrs }) => [
      key,
      {
        key,
        userPrincipalName: String(attrs.user_principal_name),
        accountEnabled: attrs.account_enabled !== false,
        onPremisesImmutableId: attrs.onpremises_immutable_id === undefined ? undefined : jsonText(attrs.onpremises_immutable_id),
        password: attrs.password,
      },
    ]),
  );
  const namedLocations = new Map<string, NamedLocationModel>(
    resources('azuread_named_location').map(({ key, attrs }) => {
      const ip = single(attrs.ip);
      const country = single(attrs.country);
      return [
        key,
        {
          key,
          displayName: String(attrs.display_name),
          ipRanges: ip ? strings(ip.ip_ranges) : undefined,
          trusted: ip ? ip.trusted === true : undefined,
          countries: country ? strings(country.countries_and_regions) : undefined,
          includeUnknownCountries: country ? country.include_unknown_countries_and_regions === true : undefined,
        },
      ];
    }),
  );
  const strengths = new Map(
    resources('azuread_authentication_strength_policy').map(({ key, attrs }) => [key, { displayName: String(attrs.display_name), combinations: strings(attrs.allowed_combinations) }]),
  );
  const activeRoleAssignments = resources('azuread_directory_role_assignment').map(({ attrs }) => ({
    roleId: String(attrs.role_id),
    principal: referenceKey(attrs.principal_object_id),
    directoryScopeId: jsonText(attrs.directory_scope_id ?? '/'),
  }));
  const eligibleRoleAssignments = resources('azuread_directory_role_eligibility_schedule_request').map(({ attrs }) => ({
    roleId: String(attrs.role_definition_id),
    principal: referenceKey(attrs.principal_id),
    directoryScopeId: jsonText(attrs.directory_scope_id ?? '/'),
  }));
  const policies = resources('azuread_conditional_access_policy').map(({ key, attrs }) => parsePolicy(key, attrs));
  const deployer = stack.output?.deployment_identity?.value as DeploymentIdentity | undefined;
  return { policies, groups, users, namedLocations, strengths, activeRoleAssignments, eligibleRoleAssignments, deploymentIdentity: deployer };
}

function parsePolicy(address: string, attrs: Record<string, unknown>): CaPolicy {
  const conditions = single(attrs.conditions) ?? {};
  const users = single(conditions.users) ?? {};
  const applications = single(conditions.applications) ?? {};
  const clientApplications = single(conditions.client_applications);
  const platforms = single(conditions.platforms);
  const locations = single(conditions.locations);
  const devices = single(conditions.devices);
  const filter = devices ? single(devices.filter) : undefined;
  const grant = single(attrs.grant_controls);
  const session = single(attrs.session_controls);
  return {
    address,
    displayName: String(attrs.display_name),
    state: String(attrs.state) as PolicyState,
    users: {
      includeUsers: strings(users.included_users).map(referenceKey),
      excludeUsers: strings(users.excluded_users).map(referenceKey),
      includeGroups: strings(users.included_groups).map(referenceKey),
      excludeGroups: strings(users.excluded_groups).map(referenceKey),
      includeRoles: strings(users.included_roles),
      excludeRoles: strings(users.excluded_roles),
      includeGuests: guestCondition(users.included_guests_or_external_users),
      excludeGuests: guestCondition(users.excluded_guests_or_external_users),
    },
    applications: {
      include: strings(applications.included_applications),
      exclude: strings(applications.excluded_applications),
      userActions: strings(applications.included_user_actions),
    },
    clientApplications: clientApplications
      ? { include: strings(clientApplications.included_service_principals).map(referenceKey), exclude: strings(clientApplications.excluded_service_principals).map(referenceKey) }
      : undefined,
    clientAppTypes: strings(conditions.client_app_types),
    authenticationFlows: strings(conditions.authentication_flow_transfer_methods),
    platforms: platforms ? { include: strings(platforms.included_platforms), exclude: strings(platforms.excluded_platforms) } : undefined,
    locations: locations ? { include: strings(locations.included_locations).map(referenceKey), exclude: strings(locations.excluded_locations).map(referenceKey) } : undefined,
    devicesFilter: filter ? { mode: String(filter.mode), rule: String(filter.rule) } : undefined,
    userRiskLevels: strings(conditions.user_risk_levels),
    signInRiskLevels: strings(conditions.sign_in_risk_levels),
    servicePrincipalRiskLevels: strings(conditions.service_principal_risk_levels),
    insiderRiskLevels: conditions.insider_risk_levels === undefined ? undefined : jsonText(conditions.insider_risk_levels),
    grant: grant
      ? {
          operator: String(grant.operator),
          builtInControls: strings(grant.built_in_controls),
          authenticationStrength: grant.authentication_strength_policy_id === undefined ? undefined : referenceKey(grant.authentication_strength_policy_id),
          termsOfUse: strings(grant.terms_of_use),
          customFactors: strings(grant.custom_authentication_factors),
        }
      : undefined,
    session: session
      ? {
          signInFrequency: typeof session.sign_in_frequency === 'number' ? session.sign_in_frequency : undefined,
          signInFrequencyPeriod: optionalString(session.sign_in_frequency_period),
          signInFrequencyInterval: optionalString(session.sign_in_frequency_interval),
          persistentBrowserMode: optionalString(session.persistent_browser_mode),
        }
      : undefined,
  };
}

/** cdktf writes single blocks as objects; hand-written JSON may use a one-element list. */
function single(value: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(value)) return value.length > 0 ? (value[0] as Record<string, unknown>) : undefined;
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function optionalString(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : jsonText(value);
}

function guestCondition(value: unknown): GuestCondition | undefined {
  const block = single(value);
  if (!block) return undefined;
  const tenants = single(block.external_tenants);
  const kind = tenants ? String(tenants.membership_kind) : 'all';
  return { types: strings(block.guest_or_external_user_types), tenants: kind === 'enumerated' ? strings(tenants?.members) : 'all' };
}

/** The first address of an IPv4 prefix (`203.0.113.0/24` -> `203.0.113.0`), to stand for a sign-in from that range. */
export function firstAddressOf(range: string): string {
  const value = cidr(range).first;
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}
