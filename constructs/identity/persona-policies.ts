/**
 * The persona-based Conditional Access set as data (Microsoft's Zero Trust framework; CISA SCuBA and Maester
 * mappings in ../shared/reference/entra-baselines.md §5). Stacks turn each definition into a
 * `ConditionalAccessPolicy`, adding the state from config and the break-glass exclusion.
 */
import { CA_POLICY_NAMES, CaPolicyId } from '../../lib/conditional-access-catalogue';
import { APP_IDS } from '../../lib/entra-ids';
import { AuthenticationStrength, IAuthenticationStrength } from './authentication-strength';
import { ALL_GUEST_TYPES, ConditionalAccessPolicyProps } from './conditional-access-policy';

/** A policy of the set, without the parts the stack supplies (state, break-glass). */
export type PersonaPolicy = { readonly id: CaPolicyId } & Omit<ConditionalAccessPolicyProps, 'state' | 'breakGlass'>;

export interface PersonaPolicyInputs {
  /** Role template IDs the administrator policies target. */
  readonly adminRoleIds: readonly string[];
  /** Admin persona groups (object IDs): their members are covered before they activate an eligible role. */
  readonly adminGroupIds: readonly string[];
  /** Strength required where the set asks for MFA (the built-in one unless config defines a custom strength). */
  readonly mfaStrength: IAuthenticationStrength;
  /** Named location of blocked countries; CA010 exists only with one. */
  readonly blockedCountriesLocationId?: string;
  readonly adminSignInFrequencyHours: number;
}

const ALL = 'All' as const;

/** The policies, in ID order. */
export function personaPolicies(inputs: PersonaPolicyInputs): PersonaPolicy[] {
  const admins = { roles: inputs.adminRoleIds, groups: inputs.adminGroupIds };
  const policies: PersonaPolicy[] = [
    // SCuBA MS.AAD.1.1, Maester MT.1009/1010: legacy protocols cannot do MFA.
    { id: 'CA001', displayName: CA_POLICY_NAMES.CA001, users: { allUsers: true }, target: { applications: ALL }, clientAppTypes: ['exchangeActiveSync', 'other'], grant: { block: true } },
    // SCuBA MS.AAD.3.9 needs exactly deviceCodeFlow (its check is an exact string match); needs azuread >= 3.7.
    { id: 'CA002', displayName: CA_POLICY_NAMES.CA002, users: { allUsers: true }, target: { applications: ALL }, authenticationFlows: ['deviceCodeFlow'], grant: { block: true } },
    // SCuBA MS.AAD.3.2v2, Maester MT.1007: no application exclusions (they would re-scope low-privilege Graph calls).
    { id: 'CA003', displayName: CA_POLICY_NAMES.CA003, users: { allUsers: true }, target: { applications: ALL }, grant: { operator: 'OR', authenticationStrength: inputs.mfaStrength } },
    // SCuBA MS.AAD.2.1 / 2.3 (Entra ID P2); user and sign-in risk never share a policy (Maester MT.1049).
    { id: 'CA004', displayName: CA_POLICY_NAMES.CA004, users: { allUsers: true }, target: { applications: ALL }, userRiskLevels: ['high'], grant: { block: true } },
    { id: 'CA005', displayName: CA_POLICY_NAMES.CA005, users: { allUsers: true }, target: { applications: ALL }, signInRiskLevels: ['high'], grant: { block: true } },
    {
      id: 'CA006',
      displayName: CA_POLICY_NAMES.CA006,
      users: { allUsers: true },
      target: { applications: ALL },
      signInRiskLevels: ['medium'],
      grant: { operator: 'OR', authenticationStrength: inputs.mfaStrength },
      session: { signInEveryTime: true },
    },
    // Microsoft's "securing security info registration" template (Maester MT.1011): from outside trusted locations
    // registration needs MFA. Always the built-in strength: a Temporary Access Pass satisfies it, so new users can
    // bootstrap their first method. Guests register in their home tenant.
    {
      id: 'CA007',
      displayName: CA_POLICY_NAMES.CA007,
      users: { allUsers: true, excludeGuestTypes: ALL_GUEST_TYPES },
      target: { userActions: ['urn:user:registersecurityinfo'] },
      locations: { include: [ALL], exclude: ['AllTrusted'] },
      grant: { operator: 'OR', authenticationStrength: AuthenticationStrength.MFA },
    },
    // Maester MT.1015: anything that is not a known platform is blocked.
    {
      id: 'CA008',
      displayName: CA_POLICY_NAMES.CA008,
      users: { allUsers: true },
      target: { applications: ALL },
      platforms: { include: 'all', exclude: ['android', 'iOS', 'linux', 'macOS', 'windows'] },
      grant: { block: true },
    },
    // SCuBA MS.AAD.3.7 wants exactly these two controls with OR. Guests have no device in this tenant.
    {
      id: 'CA009',
      displayName: CA_POLICY_NAMES.CA009,
      users: { allUsers: true, excludeGuestTypes: ALL_GUEST_TYPES },
      target: { applications: ALL },
      grant: { operator: 'OR', builtInControls: ['compliantDevice', 'domainJoinedDevice'] },
    },
  ];
  if (inputs.blockedCountriesLocationId) {
    policies.push({
      id: 'CA010',
      displayName: CA_POLICY_NAMES.CA010,
      users: { allUsers: true },
      target: { applications: ALL },
      locations: { include: [inputs.blockedCountriesLocationId] },
      grant: { block: true },
    });
  }
  policies.push(
    // Maester MT.1008: Azure Resource Manager (portal, CLI, PowerShell, Terraform) and the admin portals.
    {
      id: 'CA011',
      displayName: CA_POLICY_NAMES.CA011,
      users: { allUsers: true },
      target: { applications: [APP_IDS.azureServiceManagement, 'MicrosoftAdminPortals'] },
      grant: { operator: 'OR', authenticationStrength: inputs.mfaStrength },
    },
    // SCuBA MS.AAD.3.6, Maester MT.1006: by role (active holders) and by admin group (eligible admins too).
    { id: 'CA200', displayName: CA_POLICY_NAMES.CA200, users: admins, target: { applications: ALL }, grant: { operator: 'OR', authenticationStrength: AuthenticationStrength.PHISHING_RESISTANT_MFA } },
    // Maester MT.1017/1018: short admin sessions, never a persistent browser session.
    {
      id: 'CA201',
      displayName: CA_POLICY_NAMES.CA201,
      users: admins,
      target: { applications: ALL },
      session: { signInFrequencyHours: inputs.adminSignInFrequencyHours, persistentBrowser: 'never' },
    },
    // Maester MT.1016: every guest and external user type; MFA from their home tenant counts with cross-tenant trust.
    { id: 'CA400', displayName: CA_POLICY_NAMES.CA400, users: { guestTypes: ALL_GUEST_TYPES }, target: { applications: ALL }, grant: { operator: 'OR', authenticationStrength: AuthenticationStrength.MFA } },
  );
  return policies;
}
