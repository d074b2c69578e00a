/**
 * Visibility facts: diagnostic settings per resource, the subscriptions an environment deploys into, and the subject
 * environment-wide rules report on.
 */
import { EvaluationContext, Judgement, Resource, Subject, blocks, fail, pass, unknown } from '../engine';
import { hubVnetKeys } from './network';
import { isTenantWide } from '../../lib/stack-metadata';

/** Does a diagnostic setting send logs of `resource` somewhere? */
export function diagnosticJudgement(ctx: EvaluationContext, resource: Resource): Judgement {
  const index = ctx.referrers('azurerm_monitor_diagnostic_setting', 'target_resource_id');
  const settings = index.byTarget.get(resource.key) ?? [];
  const useful = settings.filter((s) => {
    const destination = s.attributes.log_analytics_workspace_id ?? s.attributes.storage_account_id ?? s.attributes.eventhub_authorization_rule_id;
    const logs = blocks(s.attributes.enabled_log).filter((log) => log.category !== undefined || log.category_group !== undefined);
    return destination !== undefined && logs.length > 0;
  });
  if (useful.length > 0) return pass(`logs sent by ${useful.map((s) => s.address.name).join(', ')}`);
  if (settings.length > 0) return fail(`${settings.map((s) => s.address.name).join(', ')} has no destination or no enabled_log`);
  const open = index.unresolved.find((u) => u.resource.address.stack === resource.address.stack);
  if (open) return unknown(`no diagnostic setting resolves to it; ${open.resource.address.name}: ${open.reason}`);
  return fail('no azurerm_monitor_diagnostic_setting targets it');
}

/** The subscription a resource deploys into: its (aliased) azurerm provider's `subscription_id`. */
export function subscriptionOf(ctx: EvaluationContext, resource: Resource): { id?: string; reason?: string } {
  const alias = typeof resource.attributes.provider === 'string' ? resource.attributes.provider.split('.')[1] : undefined;
  return providerSubscription(ctx, resource.address.stack, alias);
}

function providerSubscription(ctx: EvaluationContext, stack: string, alias: string | undefined): { id?: string; reason?: string } {
  const providers = ((ctx.stack(stack).provider as Record<string, unknown> | undefined)?.azurerm ?? []) as Record<string, unknown>[];
  const provider = (Array.isArray(providers) ? providers : [providers]).find((p) => p.alias === alias);
  if (!provider) return { reason: `stack ${stack} has no azurerm provider${alias ? ` alias ${alias}` : ''}` };
  const value = ctx.literal(stack, provider.subscription_id);
  if (!value.known) return { reason: `subscription_id ${value.reason}` };
  return typeof value.value === 'string' ? { id: value.value } : { reason: 'subscription_id is not set (taken from the environment at apply time)' };
}

/** Each subscription of the environment once, placed in the first stack (sorted) that deploys into it. */
export function subscriptions(ctx: EvaluationContext): readonly { id?: string; reason?: string; subject: Subject }[] {
  return ctx.memo('subscriptions', () => {
    const seen = new Map<string, { id?: string; reason?: string; subject: Subject }>();
    for (const stack of ctx.stackNames) {
      if (isTenantWide(ctx.stack(stack))) continue;
      const providers = ((ctx.stack(stack).provider as Record<string, unknown> | undefined)?.azurerm ?? []) as Record<string, unknown>[];
      for (const provider of Array.isArray(providers) ? providers : [providers]) {
        const sub = providerSubscription(ctx, stack, provider.alias as string | undefined);
        const key = sub.id ?? `?${stack}`;
        if (!seen.has(key)) seen.set(key, { ...sub, subject: { stack, type: 'subscription', name: sub.id ?? 'unknown' } });
      }
    }
    return [...seen.values()];
  });
}

/** The subject environment-wide visibility rules report on: the stack holding the workspace, else the hub's. */
export function environmentSubject(ctx: EvaluationContext): Subject {
  const workspace = ctx.resources('azurerm_log_analytics_workspace')[0];
  const hub = ctx.resources('azurerm_virtual_network').find((vnet) => hubVnetKeys(ctx).has(vnet.key));
  const stack = workspace?.address.stack ?? hub?.address.stack ?? ctx.firstStack;
  return { stack, type: 'environment', name: ctx.environment };
}
