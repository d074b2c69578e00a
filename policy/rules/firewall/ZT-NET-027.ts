/** No firewall rule allows any destination on any port (network) or any FQDN (application). */
import { defineCheck, blocks, each, fail, pass } from '../../engine';

const anyOf = (values: unknown): boolean => Array.isArray(values) && values.some((v) => v === '*' || v === '0.0.0.0/0');

export default defineCheck({
  id: 'ZT-NET-027',
  appliesTo: ['azurerm_firewall_policy_rule_collection_group'],
  references: { custom: 'Least-privilege egress (Zero Trust); scanners do not inspect rule collection groups' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_firewall_policy_rule_collection_group'], (group) => {
      const wide: string[] = [];
      for (const collection of blocks(group.attributes.network_rule_collection)) {
        if (collection.action !== 'Allow') continue;
        for (const rule of blocks(collection.rule)) {
          if ((anyOf(rule.destination_addresses) || anyOf(rule.destination_ip_groups)) && anyOf(rule.destination_ports)) wide.push(`${String(collection.name)}/${String(rule.name)}`);
        }
      }
      for (const collection of blocks(group.attributes.application_rule_collection)) {
        if (collection.action !== 'Allow') continue;
        for (const rule of blocks(collection.rule)) if (anyOf(rule.destination_fqdns) || anyOf(rule.destination_addresses)) wide.push(`${String(collection.name)}/${String(rule.name)}`);
      }
      return wide.length > 0 ? fail(`allow-any rules: ${wide.join(', ')}`) : pass('every Allow rule names its destinations and ports');
    }),
});
