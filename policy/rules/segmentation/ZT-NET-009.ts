/** Every spoke subnet sends 0.0.0.0/0 to a virtual appliance (the hub firewall) through its route table. */
import { defineRule, each, fail, pass, skip, unknown } from '../../engine';
import { NSG_LESS_SUBNETS, fieldText, isLiteral, isSpokeSubnet, routeTablesOf, routesOf, subnetName } from '../../lib/network';

export default defineRule({
  id: 'ZT-NET-009',
  severity: 'high',
  pillar: 'networks',
  title: 'Every spoke subnet forces egress to the firewall',
  rationale: 'Without a 0.0.0.0/0 route to the firewall, spoke traffic leaves through Azure\'s default route and escapes inspection.',
  fix: 'Associate the spoke route table (RouteTable with the default-via-firewall route) with the subnet.',
  appliesTo: ['azurerm_subnet'],
  references: { custom: 'Hub-and-spoke forced egress (Cloud Adoption Framework); scanners do not model route tables per subnet' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_subnet'], (subnet) => {
      const spoke = isSpokeSubnet(ctx, subnet);
      const name = subnetName(ctx, subnet);
      if (spoke === undefined) return unknown('the subnet\'s virtual network cannot be resolved');
      if (!spoke) return skip('hub subnet');
      if (name && [...NSG_LESS_SUBNETS, 'AzureBastionSubnet'].includes(name)) return skip(`${name} takes no user routes here`);
      const tables = routeTablesOf(ctx, subnet);
      if (tables.length === 0) return fail('no route table is associated with this spoke subnet');
      const defaults = routesOf(ctx, tables.map((t) => t.key)).filter((view) => isLiteral(view.addressPrefix, '0.0.0.0/0'));
      const appliance = defaults.find((view) => isLiteral(view.nextHopType, 'VirtualAppliance'));
      if (appliance) return pass(`route ${appliance.label} sends 0.0.0.0/0 to a virtual appliance`);
      const [firstDefault] = defaults;
      if (firstDefault) return fail(`0.0.0.0/0 goes to ${fieldText(firstDefault.nextHopType)}, not a virtual appliance`);
      return fail(`route table ${tables.map((t) => t.address.name).join(', ')} has no 0.0.0.0/0 route`);
    }),
});
