/**
 * A Mermaid topology of one environment from the network model, for GitHub to render in a pull-request comment:
 * VNets with their subnets, the firewall, peerings, published endpoints (Internet -> firewall public IP -> target)
 * and NSG rules open to the Internet, and private endpoints.
 */
import { Exposure } from '../verifier/exposure';
import { NetworkModel } from '../verifier/model';

/** The `flowchart` source (without the fence). Deterministic: model order is. */
export function topologyDiagram(model: NetworkModel, exposures: readonly Exposure[]): string {
  const ids = new Map<string, string>();
  const id = (key: string, prefix: string): string => {
    if (!ids.has(key)) ids.set(key, `${prefix}${ids.size}`);
    return ids.get(key) as string;
  };
  const lines = ['flowchart LR', '  internet((Internet))'];
  for (const vnet of model.vnets) {
    const firewall = model.firewalls.find((f) => model.subnets.find((s) => s.key === f.subnetKey)?.vnetKey === vnet.key);
    lines.push(`  subgraph ${id(vnet.key, 'vnet')}["${text(vnet.name)}${firewall ? ' (hub)' : ''} ${text(vnet.addressSpace.map((p) => p.text).join(', '))}"]`);
    for (const subnet of model.subnets.filter((s) => s.vnetKey === vnet.key)) {
      const prefixes = subnet.prefixes.map((p) => p.text).join(', ');
      const holder = model.firewalls.find((f) => f.subnetKey === subnet.key);
      const label = holder ? `${holder.name}<br/>${subnet.name} ${prefixes}` : `${subnet.name}<br/>${prefixes}`;
      lines.push(`    ${id(subnet.key, 'snet')}${holder ? `{{"${text(label)}"}}` : `["${text(label)}"]`}`);
    }
    lines.push('  end');
  }
  // One edge per peered pair (both halves present: connected).
  const drawn = new Set<string>();
  for (const peering of model.peerings) {
    const pair = [peering.vnetKey, peering.remoteVnetKey].sort().join('|');
    if (drawn.has(pair) || !ids.has(peering.vnetKey) || !ids.has(peering.remoteVnetKey)) continue;
    drawn.add(pair);
    const back = model.peerings.some((p) => p.vnetKey === peering.remoteVnetKey && p.remoteVnetKey === peering.vnetKey);
    lines.push(`  ${id(peering.vnetKey, 'vnet')} ${back ? '<-->' : '-->'}|${back ? 'peering' : 'one-way peering'}| ${id(peering.remoteVnetKey, 'vnet')}`);
  }
  for (const endpoint of model.privateEndpoints) {
    if (!endpoint.subnetKey || !ids.has(endpoint.subnetKey)) continue;
    const node = id(`${endpoint.stack}/${endpoint.resource}`, 'pe');
    lines.push(`  ${node}[/"${text(`${endpoint.name}<br/>${endpoint.subresources.join(', ')}`)}"/]`);
    lines.push(`  ${id(endpoint.subnetKey, 'snet')} --- ${node}`);
  }
  for (const exposure of exposures) {
    const subnet = model.subnets.find((s) => s.key === exposure.targetSubnetKey);
    if (!subnet) continue;
    const reach = exposure.reachable === 'allowed' ? '' : ` (${exposure.reachable})`;
    if (exposure.kind === 'firewall-dnat') {
      const firewall = model.firewalls.find((f) => model.ruleCollectionGroups.some((g) => g.resource === exposure.resource && g.stack === exposure.stack && g.policyKey === f.policyKey));
      const via = firewall?.subnetKey && ids.has(firewall.subnetKey) ? id(firewall.subnetKey, 'snet') : undefined;
      const target = exposure.target.split(' in ')[0];
      if (via) {
        lines.push(`  internet ==>|"${text(`DNAT ${exposure.entry}`)}"| ${via}`);
        lines.push(`  ${via} ==>|"${text(`${target}${reach}`)}"| ${id(subnet.key, 'snet')}`);
      } else {
        lines.push(`  internet ==>|"${text(`DNAT ${exposure.entry} -> ${target}${reach}`)}"| ${id(subnet.key, 'snet')}`);
      }
    } else {
      lines.push(`  internet -.->|"${text(`NSG ${exposure.rule.split('/').pop()} ${exposure.target.split(':').pop()}${reach}`)}"| ${id(subnet.key, 'snet')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Mermaid label text: quotes and angle brackets other than `<br/>` escaped. */
function text(value: string): string {
  return value.replace(/->/g, '→').replace(/"/g, '#quot;').replace(/<(?!br\/>)/g, '#lt;').replace(/(?<!<br\/)>/g, '#gt;');
}
