import { Construct } from 'constructs';
import { AUTHENTICATION_COMBINATIONS, BUILT_IN_STRENGTH_IDS } from '../../lib/entra-ids';
import { AzureadAuthenticationStrengthPolicy } from '../../providers/azuread';

/** Anything a grant control can require as an authentication strength. */
export interface IAuthenticationStrength {
  /** The full policy path (`/policies/authenticationStrengthPolicies/<id>`) the grant control takes. */
  readonly policyId: string;
}

export interface AuthenticationStrengthProps {
  readonly displayName: string;
  /**
   * @default - none
   */
  readonly description?: string;
  /** Allowed method combinations, e.g. `fido2`, `password,microsoftAuthenticatorPush`. */
  readonly allowedCombinations: readonly string[];
}

/**
 * A custom authentication strength; the built-in ones are `AuthenticationStrength.MFA`, `.PASSWORDLESS_MFA` and
 * `.PHISHING_RESISTANT_MFA`, which exist in every tenant and need no resource.
 *
 * @resource azuread_authentication_strength_policy
 */
export class AuthenticationStrength extends Construct implements IAuthenticationStrength {
  public static readonly MFA: IAuthenticationStrength = { policyId: BUILT_IN_STRENGTH_IDS.mfa };
  public static readonly PASSWORDLESS_MFA: IAuthenticationStrength = { policyId: BUILT_IN_STRENGTH_IDS.passwordlessMfa };
  public static readonly PHISHING_RESISTANT_MFA: IAuthenticationStrength = { policyId: BUILT_IN_STRENGTH_IDS.phishingResistantMfa };

  public readonly policyId: string;

  constructor(scope: Construct, id: string, props: AuthenticationStrengthProps) {
    super(scope, id);
    const unknown = props.allowedCombinations.filter((c) => !AUTHENTICATION_COMBINATIONS.includes(c));
    if (props.allowedCombinations.length === 0) throw new Error(`AuthenticationStrength '${props.displayName}': allowedCombinations is empty; list at least one`);
    if (unknown.length > 0) {
      throw new Error(`AuthenticationStrength '${props.displayName}': unknown combination(s) ${unknown.join(', ')}; use ${AUTHENTICATION_COMBINATIONS.join(', ')}`);
    }
    const policy = new AzureadAuthenticationStrengthPolicy(this, 'Resource', {
      displayName: props.displayName,
      description: props.description,
      allowedCombinations: [...new Set(props.allowedCombinations)].sort(),
    });
    // azuread 3's id is the `/policies/authenticationStrengthPolicies/<id>` path, exactly what grant controls take.
    this.policyId = policy.id;
  }
}
