/** Every taggable resource carries the required ownership tags (environment, owner, cost-center, managed-by). */
import { CheckResult, defineRule, fail, pass, toResult } from '../../engine';

const REQUIRED_TAGS = ['environment', 'owner', 'cost-center', 'managed-by'];
/** Resources with a location that Azure cannot tag (the location is their managed identity's region). */
const UNTAGGABLE_WITH_LOCATION = new Set(['azurerm_management_group_policy_assignment', 'azurerm_subscription_policy_assignment', 'azurerm_resource_group_policy_assignment', 'azurerm_resource_policy_assignment']);
/** Taggable resources without a location attribute. */
const GLOBAL_TAGGABLE = new Set(['azurerm_private_dns_zone', 'azurerm_private_dns_zone_virtual_network_link']);

export default defineRule({
  id: 'ZT-INF-001',
  severity: 'low',
  pillar: 'infrastructure',
  title: 'Resources carry the required tags',
  rationale: 'Untagged resources have no owner to call during an incident and escape inventory.',
  fix: 'The RequiredTags aspect tags every resource of a LandingZoneStack; set tags on resources created elsewhere.',
  appliesTo: ['azurerm_resource_group'],
  references: { custom: 'Asset inventory (CISA Zero Trust Maturity Model, visibility and analytics); the required tag set is this landing zone\'s' },
  // At runtime a resource created without a required tag inherits it from its resource group (the built-in "Require a
  // tag" definitions only deny, too strong for a low-severity rule).
  azurePolicy: REQUIRED_TAGS.map((tag) => ({ definitionId: 'ea3f2387-9b95-492a-a190-fcdc54f7b070', effect: 'Modify' as const, key: tag, parameters: () => ({ tagName: tag }) })),
  evaluate: (ctx) => {
    const results: CheckResult[] = [];
    for (const type of ctx.types().filter((t) => t.startsWith('azurerm_'))) {
      for (const resource of ctx.resources(type)) {
        if ((resource.attributes.location === undefined && !GLOBAL_TAGGABLE.has(type)) || UNTAGGABLE_WITH_LOCATION.has(type)) continue;
        const tags = (resource.attributes.tags ?? {}) as Record<string, unknown>;
        const missing = typeof tags === 'object' ? REQUIRED_TAGS.filter((tag) => tags[tag] === undefined || tags[tag] === '') : REQUIRED_TAGS;
        results.push(toResult(resource.address, missing.length === 0 ? pass('required tags present') : fail(`missing tag(s) ${missing.join(', ')}`)));
      }
    }
    return results;
  },
});
