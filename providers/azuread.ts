/**
 * The only module that imports @cdktf/provider-azuread (azuread 3.7.0). Deep imports, one line per resource, as in
 * providers/azurerm.ts: the package root costs seconds and hundreds of MB per process, and a switch to CDK Terrain
 * (@cdktn/provider-azuread) or a provider major bump touches this file only.
 */
export { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
export { AuthenticationStrengthPolicy as AzureadAuthenticationStrengthPolicy } from '@cdktf/provider-azuread/lib/authentication-strength-policy';
export {
  ConditionalAccessPolicy as AzureadConditionalAccessPolicy,
  type ConditionalAccessPolicyConditions,
  type ConditionalAccessPolicyGrantControls,
  type ConditionalAccessPolicySessionControls,
} from '@cdktf/provider-azuread/lib/conditional-access-policy';
export { AppRoleAssignment as AzureadAppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
export { DataAzureadClientConfig } from '@cdktf/provider-azuread/lib/data-azuread-client-config';
export { DirectoryRoleAssignment } from '@cdktf/provider-azuread/lib/directory-role-assignment';
export { DirectoryRoleEligibilityScheduleRequest } from '@cdktf/provider-azuread/lib/directory-role-eligibility-schedule-request';
export { DataAzureadServicePrincipal } from '@cdktf/provider-azuread/lib/data-azuread-service-principal';
export { Group as AzureadGroup } from '@cdktf/provider-azuread/lib/group';
export { GroupRoleManagementPolicy as AzureadGroupRoleManagementPolicy } from '@cdktf/provider-azuread/lib/group-role-management-policy';
export { NamedLocation as AzureadNamedLocation } from '@cdktf/provider-azuread/lib/named-location';
export { PrivilegedAccessGroupEligibilitySchedule } from '@cdktf/provider-azuread/lib/privileged-access-group-eligibility-schedule';
export { User as AzureadUser } from '@cdktf/provider-azuread/lib/user';
