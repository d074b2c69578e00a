/** Application Gateway facts shared by its rules: the WAF policy a gateway uses. */
import { EvaluationContext, Judgement, Resource, unknown } from '../engine';

export const APPLICATION_GATEWAY = 'azurerm_application_gateway';
export const WAF_POLICY = 'azurerm_web_application_firewall_policy';

/** The WAF policy attached to a gateway, or a judgement when there is none or it cannot be resolved. */
export function attachedWafPolicy(ctx: EvaluationContext, gateway: Resource): { policy: Resource } | { judgement: Judgement } {
  if (gateway.attributes.firewall_policy_id === undefined) return { judgement: { ok: false, reason: 'firewall_policy_id is not set: no WAF policy is attached' } };
  const target = ctx.target(gateway.address.stack, gateway.attributes.firewall_policy_id);
  if (target.kind === 'unresolved') return { judgement: unknown(target.reason) };
  if (target.kind !== 'resource' || target.resource.address.type !== WAF_POLICY) {
    return { judgement: unknown(`firewall_policy_id points outside this output (${target.kind === 'literal' ? String(target.value) : target.resource.address.type}); its settings cannot be read`) };
  }
  return { policy: target.resource };
}
