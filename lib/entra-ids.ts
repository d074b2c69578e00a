/**
 * Well-known Entra ID identifiers the identity pillar needs: built-in directory role template IDs, first-party
 * application IDs, and the built-in authentication strengths. Sources: Microsoft Learn "Microsoft Entra built-in
 * roles" (permissions-reference), "Authentication strengths" (concept-authentication-strengths) and the app IDs
 * Conditional Access documents for Azure management (../shared/reference/entra-baselines.md §1, §3.1, §4.1).
 */

/** Built-in directory roles by display name. Conditional Access targets roles by these template IDs only. */
export const ROLE_TEMPLATE_IDS = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Privileged Role Administrator': 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  'Privileged Authentication Administrator': '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  'Security Administrator': '194ae4cb-b126-40b2-bd5b-6091b380977d',
  'Conditional Access Administrator': 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
  'User Administrator': 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  'Authentication Administrator': 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  'Password Administrator': '966707d0-3269-4727-9be2-8c3a10f19b9d',
  'Helpdesk Administrator': '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  'Application Administrator': '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  'Cloud Application Administrator': '158c047a-c907-4556-b7ef-446551a6b5f7',
  'Hybrid Identity Administrator': '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2',
  'Exchange Administrator': '29232cdf-9323-42fd-ade2-1d097af3e4de',
  'SharePoint Administrator': 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
  'Teams Administrator': '69091246-20e8-4a56-aa4d-066075b2a7a8',
  'Intune Administrator': '3a2c62db-5318-420d-8d74-23affee5d9d5',
  'Billing Administrator': 'b0f54661-2d74-4c50-afa3-1ec803f12efe',
  'Security Operator': '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f',
  'Security Reader': '5d6b6bb7-de71-4623-b4af-96380a352509',
  'Global Reader': 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
} as const;

export type RoleName = keyof typeof ROLE_TEMPLATE_IDS;
export const ROLE_NAMES = Object.keys(ROLE_TEMPLATE_IDS) as RoleName[];
export const GLOBAL_ADMINISTRATOR = ROLE_TEMPLATE_IDS['Global Administrator'];

/**
 * Roles the administrator policies target: Microsoft's 15 "Protect administrator" template roles plus the CISA SCuBA
 * highly privileged ones (Hybrid Identity Administrator) and Intune Administrator. Readers are left out on purpose.
 */
export const ADMIN_ROLE_NAMES: readonly RoleName[] = [
  'Global Administrator',
  'Privileged Role Administrator',
  'Privileged Authentication Administrator',
  'Security Administrator',
  'Conditional Access Administrator',
  'User Administrator',
  'Authentication Administrator',
  'Password Administrator',
  'Helpdesk Administrator',
  'Application Administrator',
  'Cloud Application Administrator',
  'Hybrid Identity Administrator',
  'Exchange Administrator',
  'SharePoint Administrator',
  'Teams Administrator',
  'Intune Administrator',
  'Billing Administrator',
];

/** A role given by display name or template ID, as its template ID (undefined for an unknown name). */
export function roleTemplateId(ref: string): string | undefined {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(ref)) return ref;
  return (ROLE_TEMPLATE_IDS as Record<string, string>)[ref];
}

/** The display name of a known role template ID, else the ID itself. */
export function roleDisplayName(templateId: string): string {
  return ROLE_NAMES.find((name) => ROLE_TEMPLATE_IDS[name] === templateId) ?? templateId;
}

/** First-party application (client or resource) IDs used by policies and What-If scenarios. */
export const APP_IDS = {
  exchangeOnline: '00000002-0000-0ff1-ce00-000000000000',
  sharePointOnline: '00000003-0000-0ff1-ce00-000000000000',
  teams: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe',
  microsoftGraph: '00000003-0000-0000-c000-000000000000',
  /** "Windows Azure Service Management API": ARM, used by the portal, CLI, PowerShell and Terraform. */
  azureServiceManagement: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
  /** Azure portal (also the Entra and Intune admin centres). */
  azurePortal: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
  azureCli: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
  azurePowerShell: '1950a258-227b-4e31-a9cf-717495945fc2',
} as const;

/**
 * Application groups Conditional Access accepts as targets, with the members the What-If evaluator expands them to
 * (the subset of apps this project models; Microsoft's groups hold more).
 */
export const APP_GROUPS: Readonly<Record<string, readonly string[]>> = {
  Office365: [APP_IDS.exchangeOnline, APP_IDS.sharePointOnline, APP_IDS.teams],
  MicrosoftAdminPortals: [APP_IDS.azurePortal],
};

/** Built-in authentication strengths; grant controls take the full policy path. */
export const BUILT_IN_STRENGTH_IDS = {
  mfa: '/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000002',
  passwordlessMfa: '/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000003',
  phishingResistantMfa: '/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000004',
} as const;

/** Allowed method combinations of each built-in strength (Microsoft Learn, concept-authentication-strengths). */
export const BUILT_IN_STRENGTH_COMBINATIONS: Readonly<Record<string, readonly string[]>> = {
  [BUILT_IN_STRENGTH_IDS.phishingResistantMfa]: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'],
  [BUILT_IN_STRENGTH_IDS.passwordlessMfa]: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor', 'deviceBasedPush'],
  [BUILT_IN_STRENGTH_IDS.mfa]: [
    'windowsHelloForBusiness',
    'fido2',
    'x509CertificateMultiFactor',
    'deviceBasedPush',
    'temporaryAccessPassOneTime',
    'temporaryAccessPassMultiUse',
    'password,microsoftAuthenticatorPush',
    'password,softwareOath',
    'password,hardwareOath',
    'password,sms',
    'password,voice',
    'federatedMultiFactor',
    'microsoftAuthenticatorPush,federatedSingleFactor',
    'softwareOath,federatedSingleFactor',
    'hardwareOath,federatedSingleFactor',
    'sms,federatedSingleFactor',
    'voice,federatedSingleFactor',
  ],
};

/** Method combinations a custom strength may allow (azuread `allowed_combinations` values). */
export const AUTHENTICATION_COMBINATIONS = [...new Set(Object.values(BUILT_IN_STRENGTH_COMBINATIONS).flat())].sort();
