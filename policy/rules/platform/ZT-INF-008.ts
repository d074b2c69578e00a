/** Every resource with a location is in a region the tenant allows (the list each stack records from config). */
import { CheckResult, defineRule, fail, pass, toResult } from '../../engine';
import { ALLOWED_LOCATIONS_KEY, stackMetadata } from '../../../lib/stack-metadata';

export default defineRule({
  id: 'ZT-INF-008',
  severity: 'medium',
  pillar: 'infrastructure',
  title: 'Resources are deployed to allowed regions',
  rationale: 'Data residency and the platform\'s regional controls (firewall, DNS, flow logs) hold only in the regions it covers.',
  fix: 'Deploy to a region of governance.allowedLocations in the tenant config, or add the region there after review.',
  appliesTo: ['azurerm_resource_group'],
  references: {},
  azurePolicy: [
    { definitionId: 'e56962a6-4747-49cd-b67b-bf8b01975c4c', effect: 'Deny', parameters: (context) => ({ listOfAllowedLocations: [...context.allowedLocations] }) },
    { definitionId: 'e765b5de-1225-4ba3-bd56-1ac6695af988', effect: 'Deny', parameters: (context) => ({ listOfAllowedLocations: [...context.allowedLocations] }) },
  ],
  evaluate: (ctx) => {
    const results: CheckResult[] = [];
    const types = ctx.types().filter((t) => t.startsWith('azurerm_'));
    for (const stack of ctx.stackNames) {
      const recorded = stackMetadata(ctx.stack(stack), ALLOWED_LOCATIONS_KEY);
      const allowed = Array.isArray(recorded) ? recorded.map((l) => String(l).toLowerCase()) : undefined;
      for (const type of types) {
        for (const resource of ctx.resourcesIn(stack, type)) {
          const location = ctx.value(resource, 'location');
          if (!location.known || typeof location.value !== 'string' || location.value.toLowerCase() === 'global') continue;
          if (!allowed) {
            results.push(toResult(resource.address, fail(`stack ${stack} records no allowed locations ("//".${ALLOWED_LOCATIONS_KEY}), so ${location.value} cannot be checked`)));
            continue;
          }
          const ok = allowed.includes(location.value.toLowerCase());
          results.push(toResult(resource.address, ok ? pass(`${location.value} is allowed`) : fail(`${location.value} is not among the allowed locations ${allowed.join(', ')}`)));
        }
      }
    }
    return results;
  },
});
