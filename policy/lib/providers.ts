/** The azurerm provider blocks of every stack, as subjects for the platform rules. */
import { CheckResult, EvaluationContext, Judgement, Subject, toResult } from '../engine';
import { jsonText } from '../../lib/json-text';

export interface ProviderView {
  readonly subject: Subject;
  readonly config: Record<string, unknown>;
}

export function azurermProviders(ctx: EvaluationContext): ProviderView[] {
  return ctx.stackNames.flatMap((stack) => {
    const raw = (ctx.stack(stack).provider as Record<string, unknown> | undefined)?.azurerm;
    const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Record<string, unknown>[];
    return list.map((config) => ({ subject: { stack, type: 'provider', name: config.alias ? `azurerm.${jsonText(config.alias)}` : 'azurerm' }, config }));
  });
}

/** Judges every azurerm provider block. */
export function eachProvider(ctx: EvaluationContext, judge: (provider: ProviderView) => Judgement): CheckResult[] {
  return azurermProviders(ctx).map((provider) => toResult(provider.subject, judge(provider)));
}
