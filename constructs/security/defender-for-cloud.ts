import { Construct } from 'constructs';
import { DEFENDER_PLANS, DefenderPlan } from '../../lib/defender-plans';
import { SecurityCenterContact, SecurityCenterSubscriptionPricing } from '../../providers/azurerm';
import { TerraformProvider } from '../../providers/cdktf';

export interface SecurityContact {
  readonly email: string;
  /** @default - none */
  readonly phone?: string;
  /** @default true */
  readonly alertNotifications?: boolean;
  /** @default true */
  readonly alertsToAdmins?: boolean;
}

export interface DefenderForCloudProps {
  /** Plans to enable (Standard tier); the others are left as they are. */
  readonly plans: readonly DefenderPlan[];
  /**
   * Who receives alert e-mails besides subscription owners.
   * @default - none (owners only)
   */
  readonly securityContact?: SecurityContact;
  /**
   * Provider of the subscription to protect.
   * @default - the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * Microsoft Defender for Cloud plans as direct `azurerm_security_center_subscription_pricing` resources (not a policy
 * that may or may not remediate), chained one after another because the pricing API rejects concurrent updates.
 *
 * @resource azurerm_security_center_subscription_pricing, azurerm_security_center_contact
 */
export class DefenderForCloud extends Construct {
  public readonly pricings: SecurityCenterSubscriptionPricing[] = [];

  constructor(scope: Construct, id: string, props: DefenderForCloudProps) {
    super(scope, id);
    const unknown = props.plans.filter((p) => !Object.hasOwn(DEFENDER_PLANS, p));
    if (unknown.length > 0) throw new Error(`DefenderForCloud: unknown plans ${unknown.join(', ')}; use ${Object.keys(DEFENDER_PLANS).join(', ')}`);
    if (new Set(props.plans).size !== props.plans.length) throw new Error('DefenderForCloud: a plan is listed twice');

    for (const plan of [...props.plans].sort()) {
      for (const type of DEFENDER_PLANS[plan].resourceTypes) {
        const previous = this.pricings[this.pricings.length - 1];
        const extensions = 'extensions' in type ? type.extensions : undefined;
        this.pricings.push(
          new SecurityCenterSubscriptionPricing(this, type.resourceType, {
            provider: props.provider,
            tier: 'Standard',
            resourceType: type.resourceType,
            subplan: 'subplan' in type ? type.subplan : undefined,
            extension: extensions?.map((e) => ({
              name: e.name,
              additionalExtensionProperties: 'additionalExtensionProperties' in e ? { ...e.additionalExtensionProperties } : undefined,
            })),
            dependsOn: previous ? [previous] : undefined,
          }),
        );
      }
    }

    if (props.securityContact) {
      const contact = props.securityContact;
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(contact.email)) throw new Error(`DefenderForCloud: securityContact.email '${contact.email}' is not an email address`);
      new SecurityCenterContact(this, 'SecurityContact', {
        provider: props.provider,
        name: 'default1',
        email: contact.email,
        phone: contact.phone,
        alertNotifications: contact.alertNotifications ?? true,
        alertsToAdmins: contact.alertsToAdmins ?? true,
      });
    }
  }
}
