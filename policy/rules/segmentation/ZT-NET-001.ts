/** Every subnet has a network security group, except the subnets Azure does not allow one on. */
import { CheckResult, defineRule, each, fail, nonCompliant, pass, skip, unknown } from '../../engine';
import { NSG_LESS_SUBNETS, nsgAssociationsOf, subnetName, unresolvedNsgAssociations } from '../../lib/network';

export default defineRule({
  id: 'ZT-NET-001',
  severity: 'high',
  pillar: 'networks',
  title: 'Every subnet has a network security group',
  rationale: 'A subnet without an NSG admits whatever its routes deliver; segmentation starts at the subnet.',
  fix: 'Associate an NSG (NetworkSecurityGroup.associateWithSubnet, or the tier NSGs of ThreeTierSpoke); only AzureFirewallSubnet, AzureFirewallManagementSubnet and GatewaySubnet are exempt.',
  appliesTo: ['azurerm_subnet', 'azurerm_virtual_network'],
  references: { checkov: ['CKV2_AZURE_31'] },
  azurePolicy: [{ definitionId: 'e71308d3-144b-4262-b144-efdc3cc90517', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => {
    const unresolved = unresolvedNsgAssociations(ctx);
    const results: CheckResult[] = each(ctx, ['azurerm_subnet'], (subnet) => {
      const name = subnetName(ctx, subnet);
      if (name && NSG_LESS_SUBNETS.includes(name)) return skip(`${name}: Azure does not support an NSG on this subnet`);
      const found = nsgAssociationsOf(ctx, subnet);
      if (found.length > 0) return pass(`associated by ${found.map((a) => a.name).join(', ')}`);
      const open = unresolved.find((u) => u.owner.stack === subnet.address.stack);
      if (open) return unknown(`no association resolves to this subnet, and ${open.owner.name} cannot be resolved: ${open.reason}`);
      return fail(`subnet ${name ?? subnet.address.name} has no network security group association`);
    });
    for (const vnet of ctx.resources('azurerm_virtual_network')) {
      for (const inline of Array.isArray(vnet.attributes.subnet) ? (vnet.attributes.subnet as Record<string, unknown>[]) : []) {
        const name = String(inline.name);
        if (!NSG_LESS_SUBNETS.includes(name) && !inline.security_group) results.push(nonCompliant(vnet.address, `inline subnet ${name} has no security_group`));
      }
    }
    return results;
  },
});
