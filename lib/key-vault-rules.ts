/** Azure's rules for a Key Vault, shared by the KeyVault construct and the config (`spokes[].keyVault.name`). */
import { nameRuleProblem } from './naming';
import { PropertyProblem } from './property-problems';

/** Days a deleted vault or object can be recovered: Azure allows 7-90. */
export const KEY_VAULT_SOFT_DELETE_DAYS = { min: 7, max: 90 } as const;

/** The vault settings the rules read. */
export interface KeyVaultSettings {
  readonly name: string;
  /** @default 90 */
  readonly softDeleteRetentionDays?: number;
  /** Only `false` is accepted (the vault is reached through its private endpoint). @default false */
  readonly publicNetworkAccessEnabled?: boolean;
}

/** Why `name` is not a Key Vault name Azure accepts, or undefined (lib/naming.ts holds the rule). */
export function keyVaultNameProblem(name: string): PropertyProblem | undefined {
  return nameRuleProblem('keyVault', name, 'Key Vault');
}

/** Name, soft-delete retention and public access. */
export function keyVaultProblems(settings: KeyVaultSettings): PropertyProblem[] {
  const problems: PropertyProblem[] = [];
  const name = keyVaultNameProblem(settings.name);
  if (name) problems.push(name);
  const retention = settings.softDeleteRetentionDays ?? 90;
  if (!Number.isInteger(retention) || retention < KEY_VAULT_SOFT_DELETE_DAYS.min || retention > KEY_VAULT_SOFT_DELETE_DAYS.max) {
    problems.push({ path: 'softDeleteRetentionDays', message: `is ${retention}`, fix: `use a whole number of days from ${KEY_VAULT_SOFT_DELETE_DAYS.min} to ${KEY_VAULT_SOFT_DELETE_DAYS.max}` });
  }
  if (settings.publicNetworkAccessEnabled === true) {
    problems.push({
      path: 'publicNetworkAccessEnabled',
      message: 'is true, which is not allowed',
      fix: 'reach the vault through addPrivateEndpoint (and, for Azure services, allowTrustedMicrosoftServices)',
    });
  }
  return problems;
}
