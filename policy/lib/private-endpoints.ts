/** Whether a resource is reached through a private endpoint of this environment. */
import { EvaluationContext, Judgement, Resource, fail, pass, unknown } from '../engine';

export function privateEndpointJudgement(ctx: EvaluationContext, resource: Resource): Judgement {
  const index = ctx.referrers('azurerm_private_endpoint', 'private_service_connection.private_connection_resource_id');
  const endpoints = index.byTarget.get(resource.key) ?? [];
  if (endpoints.length > 0) return pass(`private endpoint ${endpoints.map((e) => e.address.name).join(', ')}`);
  if (index.unresolved.length > 0) return unknown(`no private endpoint resolves to it; ${index.unresolved[0].resource.address.name}: ${index.unresolved[0].reason}`);
  return fail('no azurerm_private_endpoint connects to it');
}
