/**
 * The persona-based Conditional Access policy set, by ID: names follow Microsoft's Zero Trust framework
 * `<CANumber>-<Persona>-<PolicyType>-<App>-<Platform>-<Grant>[-<Description>]` with Global CA001-099, Admins
 * CA200-299 and GuestUsers CA400-499. Config sets each policy's state by these IDs.
 */
export const CA_POLICY_NAMES = {
  CA001: 'CA001-Global-IdentityProtection-AllApps-AnyPlatform-BlockLegacyAuth',
  CA002: 'CA002-Global-AttackSurfaceReduction-AllApps-AnyPlatform-BlockDeviceCodeFlow',
  CA003: 'CA003-Global-BaseProtection-AllApps-AnyPlatform-MFA',
  CA004: 'CA004-Global-IdentityProtection-AllApps-AnyPlatform-BlockHighUserRisk',
  CA005: 'CA005-Global-IdentityProtection-AllApps-AnyPlatform-BlockHighSignInRisk',
  CA006: 'CA006-Global-IdentityProtection-AllApps-AnyPlatform-MFAMediumSignInRisk',
  CA007: 'CA007-Global-IdentityProtection-RegisterSecurityInfo-AnyPlatform-MFA-UntrustedLocations',
  CA008: 'CA008-Global-AttackSurfaceReduction-AllApps-UnknownPlatform-Block',
  CA009: 'CA009-Global-BaseProtection-AllApps-AnyPlatform-CompliantorAADHJ',
  CA010: 'CA010-Global-AttackSurfaceReduction-AllApps-AnyPlatform-Block-BlockedCountries',
  CA011: 'CA011-Global-AppProtection-AzureManagement-AnyPlatform-MFA',
  CA200: 'CA200-Admins-BaseProtection-AllApps-AnyPlatform-PhishingResistantMFA',
  CA201: 'CA201-Admins-DataProtection-AllApps-AnyPlatform-SessionLimits',
  CA400: 'CA400-GuestUsers-BaseProtection-AllApps-AnyPlatform-MFA',
} as const;

export type CaPolicyId = keyof typeof CA_POLICY_NAMES;
export const CA_POLICY_IDS = Object.keys(CA_POLICY_NAMES) as CaPolicyId[];

/** azuread `state` values; report-only is the default so every policy is staged before it is enforced. */
export const CA_POLICY_STATES = ['enabled', 'enabledForReportingButNotEnforced', 'disabled'] as const;
export type CaPolicyState = (typeof CA_POLICY_STATES)[number];
export const REPORT_ONLY: CaPolicyState = 'enabledForReportingButNotEnforced';
