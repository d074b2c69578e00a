/** No firewall rule allows any destination on any port (network) or any FQDN (application), in any spelling. */
import { isAnyAddress, isAnyInternetAddress, isAnyPort } from '../../../lib/rule-fields';
import { defineRule, blocks, each, fail, pass } from '../../engine';

const strings = (values: unknown): string[] => (Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : []);
const anyAddress = (values: unknown): boolean => strings(values).some(isAnyInternetAddress);
const anyPort = (values: unknown): boolean => strings(values).some(isAnyPort);

export default defineRule({
  id: 'ZT-NET-027',
  severity: 'high',
  pillar: 'networks',
  title: 'No allow-any firewall rule',
  rationale: 'An Allow rule for any destination on any port (or any FQDN) turns the egress allow-list into an allow-all.',
  fix: 'Name the destinations and ports in spokes[].egress, or remove the rule.',
  appliesTo: ['azurerm_firewall_policy_rule_collection_group'],
  references: { custom: 'Least-privilege egress (Zero Trust); scanners do not inspect rule collection groups' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_firewall_policy_rule_collection_group'], (group) => {
      const wide: string[] = [];
      for (const collection of blocks(group.attributes.network_rule_collection)) {
        if (collection.action !== 'Allow') continue;
        for (const rule of blocks(collection.rule)) {
          if (anyAddress(rule.destination_addresses) && anyPort(rule.destination_ports)) wide.push(`${String(collection.name)}/${String(rule.name)}`);
        }
      }
      for (const collection of blocks(group.attributes.application_rule_collection)) {
        if (collection.action !== 'Allow') continue;
        for (const rule of blocks(collection.rule)) if (strings(rule.destination_fqdns).some(isAnyAddress) || anyAddress(rule.destination_addresses)) wide.push(`${String(collection.name)}/${String(rule.name)}`);
      }
      return wide.length > 0 ? fail(`allow-any rules: ${wide.join(', ')}`) : pass('every Allow rule names its destinations and ports');
    }),
});
