/** Every VNet peering has the hub on one side: spokes never peer with each other. */
import { Target, defineRule, each, fail, pass, unknown } from '../../engine';
import { hubVnetKeys } from '../../lib/network';

export default defineRule({
  id: 'ZT-NET-012',
  severity: 'high',
  pillar: 'networks',
  title: 'No spoke-to-spoke peering',
  rationale: 'A direct peering between spokes bypasses the firewall and its allow-listed flows.',
  fix: 'Remove the peering; declare the flow in spokes[].flows so it goes through the firewall.',
  appliesTo: ['azurerm_virtual_network_peering'],
  references: { custom: 'Hub-and-spoke topology (Cloud Adoption Framework); scanners do not know which VNet is the hub' },
  evaluate: (ctx) => {
    const hubs = hubVnetKeys(ctx);
    const describe = (target: Target): string =>
      target.kind === 'resource' ? target.resource.address.name : target.kind === 'literal' ? String(target.value) : 'unresolved';
    return each(ctx, ['azurerm_virtual_network_peering'], (peering) => {
      const local = ctx.target(peering.address.stack, peering.attributes.virtual_network_name);
      const remote = ctx.target(peering.address.stack, peering.attributes.remote_virtual_network_id);
      const isHub = (target: Target) => target.kind === 'resource' && hubs.has(target.resource.key);
      if (isHub(local) || isHub(remote)) return pass(`peers ${describe(local)} with ${describe(remote)} (a hub)`);
      const open = [local, remote].find((t) => t.kind !== 'resource');
      if (open) return unknown(`neither side resolves to a hub VNet of this environment (${open.kind === 'unresolved' ? open.reason : `external ${describe(open)}`})`);
      return fail(`peers ${describe(local)} with ${describe(remote)}: neither is a hub, so traffic would bypass the firewall`);
    });
  },
});
