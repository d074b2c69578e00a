/** Public IPs exist only at the hub edge: on the firewall, Bastion or a virtual network gateway. */
import { defineRule, each, fail, pass, unknown } from '../../engine';

const EDGE_ATTACHMENTS: readonly [string, string][] = [
  ['azurerm_firewall', 'ip_configuration.public_ip_address_id'],
  ['azurerm_firewall', 'management_ip_configuration.public_ip_address_id'],
  ['azurerm_bastion_host', 'ip_configuration.public_ip_address_id'],
  ['azurerm_virtual_network_gateway', 'ip_configuration.public_ip_address_id'],
];

const OTHER_ATTACHMENTS: readonly [string, string][] = [
  ['azurerm_network_interface', 'ip_configuration.public_ip_address_id'],
  ['azurerm_lb', 'frontend_ip_configuration.public_ip_address_id'],
  ['azurerm_nat_gateway_public_ip_association', 'public_ip_address_id'],
  ['azurerm_application_gateway', 'frontend_ip_configuration.public_ip_address_id'],
];

export default defineRule({
  id: 'ZT-NET-013',
  severity: 'high',
  pillar: 'networks',
  title: 'Public IPs only at the hub edge',
  rationale: 'Every public IP is an entry point; only the firewall, Bastion and gateways in the hub may have one.',
  fix: 'Remove the public IP; publish through the firewall (DNAT) or an Application Gateway in the hub.',
  appliesTo: ['azurerm_public_ip'],
  references: { checkov: ['CKV_AZURE_119'], custom: 'Extends the NIC check to every public IP outside the hub edge' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_public_ip'], (ip) => {
      const edge = EDGE_ATTACHMENTS.flatMap(([type, attr]) => ctx.referrers(type, attr).byTarget.get(ip.key) ?? []);
      const other = OTHER_ATTACHMENTS.flatMap(([type, attr]) => ctx.referrers(type, attr).byTarget.get(ip.key) ?? []);
      if (other.length > 0) return fail(`attached to ${other.map((r) => `${r.address.type}.${r.address.name}`).join(', ')}, outside the hub edge`);
      if (edge.length > 0) return pass(`attached to ${edge.map((r) => `${r.address.type}.${r.address.name}`).join(', ')}`);
      const open = [...EDGE_ATTACHMENTS, ...OTHER_ATTACHMENTS].flatMap(([type, attr]) => ctx.referrers(type, attr).unresolved).find((u) => u.resource.address.stack === ip.address.stack);
      if (open) return unknown(`not attached to the hub edge as far as resolved; ${open.resource.address.name}: ${open.reason}`);
      return fail('not attached to a firewall, Bastion or gateway');
    }),
});
