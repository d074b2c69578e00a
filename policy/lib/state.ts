/** Where each stack keeps its state, and whether that state holds secrets (for the remote-state rules). */
import { EvaluationContext, Subject } from '../engine';
import { PRODUCTION_METADATA_KEY, stackMetadata } from '../../lib/stack-metadata';

export interface StackState {
  readonly subject: Subject;
  /** `local`, `azurerm`, ... (the first key of terraform.backend); `local` when none is set (Terraform's default). */
  readonly backend: string;
  /** Sensitive variables the stack writes into state (e.g. break-glass passwords), by name. */
  readonly secrets: readonly string[];
  /** The stack is marked production-grade (LandingZoneStack/IdentityStack record it in the `"//"` block). */
  readonly production: boolean;
}

/** Every stack whose state holds a secret: a sensitive variable is state content once a resource uses it. */
export function stacksWithSecretsInState(ctx: EvaluationContext): StackState[] {
  return ctx.stackNames.flatMap((stack) => {
    const json = ctx.stack(stack) as Record<string, unknown>;
    const variables = (json.variable ?? {}) as Record<string, { sensitive?: boolean }>;
    const secrets = Object.entries(variables).filter(([, variable]) => variable.sensitive === true).map(([name]) => name).sort();
    if (secrets.length === 0) return [];
    const backend = Object.keys((json.terraform as Record<string, unknown> | undefined)?.backend ?? {})[0] ?? 'local';
    const production = stackMetadata(json, PRODUCTION_METADATA_KEY) === true;
    return [{ subject: { stack, type: 'backend', name: backend }, backend, secrets, production }];
  });
}
