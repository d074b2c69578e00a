/** Every taggable resource carries the required ownership tags (environment, owner, cost-center, managed-by). */
import { CheckResult, defineCheck, fail, pass, toResult } from '../../engine';

const REQUIRED_TAGS = ['environment', 'owner', 'cost-center', 'managed-by'];
/** Taggable resources without a location attribute. */
const GLOBAL_TAGGABLE = new Set(['azurerm_private_dns_zone', 'azurerm_private_dns_zone_virtual_network_link']);

export default defineCheck({
  id: 'ZT-INF-001',
  appliesTo: ['azurerm_resource_group'],
  references: { azurePolicy: ['96670d01-0a4d-4649-9c89-2d3abc0a5025', '871b6d14-10aa-478d-b590-94f262ecfa99'], custom: 'Asset inventory (CISA Zero Trust Maturity Model, visibility and analytics); the required tag set is this landing zone\'s' },
  evaluate: (ctx) => {
    const results: CheckResult[] = [];
    for (const type of ctx.types().filter((t) => t.startsWith('azurerm_'))) {
      for (const resource of ctx.resources(type)) {
        if (resource.attributes.location === undefined && !GLOBAL_TAGGABLE.has(type)) continue;
        const tags = (resource.attributes.tags ?? {}) as Record<string, unknown>;
        const missing = typeof tags === 'object' ? REQUIRED_TAGS.filter((tag) => tags[tag] === undefined || tags[tag] === '') : REQUIRED_TAGS;
        results.push(toResult(resource.address, missing.length === 0 ? pass('required tags present') : fail(`missing tag(s) ${missing.join(', ')}`)));
      }
    }
    return results;
  },
});
