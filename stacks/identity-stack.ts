import { Construct } from 'constructs';
import { IdentityConfig } from '../config/identity-schema';
import { TenantConfig } from '../config/tenant-schema';
import { AuthenticationStrength, IAuthenticationStrength } from '../constructs/identity/authentication-strength';
import { BreakGlass } from '../constructs/identity/break-glass';
import { ConditionalAccessPolicy } from '../constructs/identity/conditional-access-policy';
import { EligibleRoleAssignment } from '../constructs/identity/eligible-role-assignment';
import { NamedLocation } from '../constructs/identity/named-location';
import { personaPolicies } from '../constructs/identity/persona-policies';
import { PrivilegedAccessGroupPolicy } from '../constructs/identity/privileged-access-group-policy';
import { SecurityGroup } from '../constructs/identity/security-group';
import { PimExpiry } from '../lib/pim';
import { CaPolicyId } from '../lib/conditional-access-catalogue';
import { ADMIN_ROLE_NAMES, ROLE_TEMPLATE_IDS, roleTemplateId } from '../lib/entra-ids';
import { AzureadProvider, DataAzureadClientConfig } from '../providers/azuread';
import { TerraformOutput, TerraformVariable } from '../providers/cdktf';
import { BaseStack } from './base-stack';
import { formatGuardProblems, lockoutGuard } from '../verifier/identity/lockout-guard';
import { PolicySuppressions } from '../lib/suppressions';
import { configureBackend } from './landing-zone-stack';

/** The policy-pack rule each Conditional Access policy satisfies once it is enforced. */
export const POLICY_PACK_RULE_OF: Partial<Record<CaPolicyId, string>> = {
  CA002: 'ZT-ID-009',
  CA003: 'ZT-ID-003',
  CA004: 'ZT-ID-005',
  CA005: 'ZT-ID-006',
  CA200: 'ZT-ID-004',
};

/** A tenant with an `identity` section. */
export type IdentityTenant = TenantConfig & { readonly identity: IdentityConfig };

/** `contoso-identity`: the tenant-wide identity stack, one per tenant however many environments share it. */
export function identityStackName(tenant: string): string {
  return `${tenant}-identity`;
}

/** Terraform variable holding a break-glass account's initial password (`TF_VAR_<name>` at the first apply). */
export function breakGlassPasswordVariable(account: string): string {
  return `break_glass_${account.replace(/[^a-z0-9]/g, '_')}_password`;
}

export interface IdentityStackProps {
  /** The tenant, with its `identity` section. */
  readonly tenant: IdentityTenant;
  /**
   * Whether any environment of the tenant is production-grade (state holding the break-glass passwords must then be
   * remote; the policy pack checks it).
   */
  readonly production: boolean;
}

/**
 * The Entra ID pillar of one tenant (`<tenant>-identity`), deployed once per tenant: break-glass accounts and their exclusion group, admin
 * persona groups, PIM eligibility, named locations, authentication strengths and the persona-based Conditional
 * Access set. Entra ID only: the azuread provider, no azurerm provider. The lockout guard checks this stack's
 * synthesized JSON and fails synthesis on any problem.
 */
export class IdentityStack extends BaseStack {
  public readonly tenant: IdentityTenant;
  public readonly breakGlass: BreakGlass;
  public readonly adminGroups: ReadonlyMap<string, SecurityGroup>;
  public readonly policies: ReadonlyMap<CaPolicyId, ConditionalAccessPolicy>;

  /** @param id the stack name; production uses `identityStackName(tenant)` (`contoso-identity`). */
  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id);
    const { tenant } = props;
    this.tenant = tenant;
    const identity = tenant.identity;
    new AzureadProvider(this, 'azuread', { tenantId: tenant.tenantId });
    // A tenant's azurerm backend names its subscription (tenant schema): the tenant has no subscription of its own.
    configureBackend(this, tenant.backend, { tenantId: tenant.tenantId, production: props.production });

    // The guard proves that the configured deployment identity keeps access; this makes the plan fail when someone
    // else runs it, because then that proof says nothing.
    const deployer = identity.deploymentIdentity;
    new DataAzureadClientConfig(this, 'Deployer', {
      lifecycle: {
        postcondition: [
          {
            condition: `\${self.object_id == "${deployer.objectId}"}`,
            errorMessage: `This stack must be deployed by identity.deploymentIdentity (${deployer.objectId}), the identity the lockout guard checked; update the config or deploy with that identity.`,
          },
        ],
      },
    });

    const accounts = identity.breakGlass.accounts.map((name) => {
      const variable = new TerraformVariable(this, breakGlassPasswordVariable(name), {
        type: 'string',
        sensitive: true,
        nullable: true,
        description: `Initial password of break-glass account ${name}, needed only for the first apply (TF_VAR_${breakGlassPasswordVariable(name)}); later changes are ignored`,
        validation: [
          {
            condition: `\${var.${breakGlassPasswordVariable(name)} == null ? true : length(var.${breakGlassPasswordVariable(name)}) >= 16}`,
            errorMessage: 'Break-glass passwords are at least 16 characters; generate one in your secret store.',
          },
        ],
      });
      // Not required after the account exists, so later plans need no secret at all.
      variable.addOverride('default', null);
      return { name, password: variable.stringValue };
    });
    this.breakGlass = new BreakGlass(this, 'BreakGlass', { tenantDomain: identity.tenantDomain, accounts, groupName: identity.breakGlass.groupName });

    this.adminGroups = this.defineAdminGroups(identity);
    this.definePim(identity);
    this.definePrivilegedAccessGroupPolicies(identity);

    // Trusted ranges are used through `AllTrusted` (CA007), not by ID.
    for (const location of identity.namedLocations.trusted) {
      new NamedLocation(this, `Trusted-${slug(location.name)}`, { displayName: location.name, location: { kind: 'ip', ipRanges: location.ipRanges, trusted: true } });
    }
    const blockedCountries =
      identity.namedLocations.blockedCountries.length > 0
        ? new NamedLocation(this, 'BlockedCountries', { displayName: 'Blocked countries', location: { kind: 'countries', countries: identity.namedLocations.blockedCountries } })
        : undefined;

    const mfaStrength: IAuthenticationStrength = identity.conditionalAccess.mfaStrength
      ? new AuthenticationStrength(this, 'MfaStrength', {
          displayName: 'Landing zone MFA',
          description: 'Multifactor authentication without the methods config leaves out (for example SMS and voice, CISA SCuBA MS.AAD.3.5)',
          allowedCombinations: identity.conditionalAccess.mfaStrength,
        })
      : AuthenticationStrength.MFA;

    const definitions = personaPolicies({
      adminRoleIds: ADMIN_ROLE_NAMES.map((name) => ROLE_TEMPLATE_IDS[name]),
      adminGroupIds: [...this.adminGroups.values()].map((g) => g.objectId),
      mfaStrength,
      blockedCountriesLocationId: blockedCountries?.objectId,
      adminSignInFrequencyHours: identity.conditionalAccess.adminSignInFrequencyHours,
    });
    const { policies: states, defaultState } = identity.conditionalAccess;
    this.policies = new Map(
      definitions.map(({ id, ...definition }) => [id, new ConditionalAccessPolicy(this, id, { ...definition, state: states[id] ?? defaultState, breakGlass: this.breakGlass })]),
    );

    // A policy rolled out in report-only mode leaves its policy-pack rule unmet on purpose: record the decision.
    for (const [policyId, ruleId] of Object.entries(POLICY_PACK_RULE_OF) as [CaPolicyId, string][]) {
      const state = states[policyId] ?? defaultState;
      if (!this.policies.has(policyId) || state === 'enabled') continue;
      PolicySuppressions.of(this).add({
        ruleId,
        reason: `staged rollout: ${policyId} is ${state} (identity.conditionalAccess.policies.${policyId}); enforce it after reviewing the report-only sign-ins`,
      });
    }

    // Stack outputs, not construct ones: the guard and `npm run whatif` read the deployer from here.
    new TerraformOutput(this, 'deployment_identity', { value: deployer, description: 'The identity that deploys this stack, as the lockout guard checked it' });
    new TerraformOutput(this, 'break_glass_group_object_id', { value: this.breakGlass.groupObjectId, description: 'Group every Conditional Access policy excludes' });

    this.node.addValidation({
      validate: () => {
        const problems = lockoutGuard(this.toTerraform());
        return problems.length === 0 ? [] : [formatGuardProblems(this.node.id, problems)];
      },
    });
  }

  private defineAdminGroups(identity: IdentityConfig): Map<string, SecurityGroup> {
    const groups = new Map<string, SecurityGroup>();
    for (const config of identity.adminGroups) {
      const group = new SecurityGroup(this, `AdminGroup-${slug(config.name)}`, {
        displayName: config.name,
        description: config.description ?? 'Administrator persona group (landing zone); targeted by the administrator Conditional Access policies',
        members: config.members,
        assignableToRole: true,
      });
      for (const role of config.roles) group.grantActiveRole(`Role-${slug(role)}`, roleTemplateId(role) as string);
      for (const member of config.eligibleMembers) group.addEligibleMember(`Eligible-${member.principalObjectId}`, member.principalObjectId, member.duration);
      groups.set(config.name.toLowerCase(), group);
    }
    return groups;
  }

  /** PIM for Groups settings of every admin group that holds roles (a privileged access group). */
  private definePrivilegedAccessGroupPolicies(identity: IdentityConfig): void {
    const activation = identity.pim.groupActivation;
    for (const config of identity.adminGroups.filter((g) => g.roles.length > 0)) {
      const group = this.adminGroups.get(config.name.toLowerCase()) as SecurityGroup;
      new PrivilegedAccessGroupPolicy(group, 'PimPolicy', {
        groupObjectId: group.objectId,
        maximumDuration: activation.maximumDuration,
        authenticationContext: activation.authenticationContext,
        approverGroupObjectIds: activation.requireApproval ? activation.approverGroupObjectIds : [],
        eligibleExpiry: activation.eligibleExpiry as PimExpiry,
        notificationEmails: activation.notificationEmails,
      });
    }
  }

  private definePim(identity: IdentityConfig): void {
    for (const assignment of identity.pim.eligibleAssignments) {
      const roleId = roleTemplateId(assignment.role) as string;
      const group = this.adminGroups.get(assignment.principal.toLowerCase());
      if (group) group.grantEligibleRole(`Eligible-${slug(assignment.role)}`, roleId, assignment.justification);
      else new EligibleRoleAssignment(this, `Eligible-${assignment.principal}-${slug(assignment.role)}`, { principalObjectId: assignment.principal, roleTemplateId: roleId, justification: assignment.justification });
    }
  }
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
