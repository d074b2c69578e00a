/** Whether a resource is reached through a private endpoint of this environment. */
import { EvaluationContext, Judgement, Resource, fail, pass, unknown } from '../engine';

export function privateEndpointJudgement(ctx: EvaluationContext, resource: Resource): Judgement {
  const index = ctx.referrers('azurerm_private_endpoint', 'private_service_connection.private_connection_resource_id');
  const endpoints = index.byTarget.get(resource.key) ?? [];
  if (endpoints.length > 0) return pass(`private endpoint ${endpoints.map((e) => e.address.name).join(', ')}`);
  const [unresolved] = index.unresolved;
  if (unresolved) return unknown(`no private endpoint resolves to it; ${unresolved.resource.address.name}: ${unresolved.reason}`);
  return fail('no azurerm_private_endpoint connects to it');
}
