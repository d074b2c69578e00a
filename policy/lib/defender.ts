/** Defender for Cloud plans per subscription (`azurerm_security_center_subscription_pricing`). */
import { CheckResult, EvaluationContext, toResult, fail, pass, skip, unknown } from '../engine';
import { subscriptionOf, subscriptions } from './monitoring';

/**
 * Judges one plan in every subscription of the environment. `requiredFor` lists the resource types that make the plan
 * necessary in a subscription (empty: every subscription).
 */
export function judgeDefenderPlan(ctx: EvaluationContext, plan: string, requiredFor: readonly string[]): CheckResult[] {
  const pricings = ctx.resources('azurerm_security_center_subscription_pricing');
  return subscriptions(ctx).map((sub) => {
    if (!sub.id) return toResult(sub.subject, unknown(sub.reason ?? 'subscription unknown'));
    const needed = requiredFor.length === 0 || requiredFor.some((type) => ctx.resources(type).some((r) => subscriptionOf(ctx, r).id === sub.id));
    if (!needed) return toResult(sub.subject, skip(`no ${requiredFor.join(' / ')} in subscription ${sub.id}`));
    const found = pricings.find((p) => subscriptionOf(ctx, p).id === sub.id && (p.attributes.resource_type ?? 'VirtualMachines') === plan);
    if (!found) return toResult(sub.subject, fail(`no Defender plan ${plan} (azurerm_security_center_subscription_pricing) in subscription ${sub.id}`));
    const tier = ctx.value(found, 'tier');
    if (!tier.known) return toResult(sub.subject, unknown(tier.reason));
    return toResult(sub.subject, tier.value === 'Standard' ? pass(`${plan} on Standard`) : fail(`${plan} tier is ${JSON.stringify(tier.value)}; expected "Standard"`));
  });
}
