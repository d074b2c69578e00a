/** Every Private Link DNS zone is linked to a VNet (else nothing resolves the private addresses). */
import { defineRule, each, fail, pass, skip } from '../../engine';

export default defineRule({
  id: 'ZT-NET-054',
  severity: 'medium',
  pillar: 'networks',
  title: 'Private Link zones are linked to a VNet',
  rationale: 'An unlinked zone resolves nothing; clients get the public address.',
  fix: 'Link the zone to the hub VNet (PrivateDnsZones does) or to the spoke with PrivateDnsZoneLinks.',
  appliesTo: ['azurerm_private_dns_zone'],
  references: { custom: 'Microsoft Learn "Private endpoint DNS integration" (zones linked to the resolving VNet); no public check' },
  evaluate: (ctx) => {
    const links = ctx.referrers('azurerm_private_dns_zone_virtual_network_link', 'private_dns_zone_name');
    return each(ctx, ['azurerm_private_dns_zone'], (zone) => {
      const name = ctx.value(zone, 'name');
      if (name.known && typeof name.value === 'string' && !name.value.startsWith('privatelink.')) return skip('not a Private Link zone');
      const found = links.byTarget.get(zone.key) ?? [];
      return found.length > 0 ? pass(`linked by ${found.length} VNet link(s)`) : fail('no azurerm_private_dns_zone_virtual_network_link');
    });
  },
});
