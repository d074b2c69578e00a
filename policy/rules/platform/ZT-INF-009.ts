/** Resources are in the region of their resource group, so a region outage or data-residency review reads one place. */
import { defineRule, each, fail, pass, skip } from '../../engine';

export default defineRule({
  id: 'ZT-INF-009',
  severity: 'low',
  pillar: 'infrastructure',
  title: 'Resources are in their resource group\'s region',
  rationale: 'A resource group\'s metadata lives in its region; mixed regions make outages and residency reviews harder to reason about.',
  fix: 'Create the resource in its resource group\'s location, or use a resource group in the resource\'s region.',
  appliesTo: ['azurerm_resource_group'],
  references: {},
  azurePolicy: [{ definitionId: '0a914e76-4921-4c19-b460-a2d36003525a', effect: 'Audit', notDenyBecause: 'low severity: the pack only warns, so the runtime guardrail reports and does not block' }],
  evaluate: (ctx) => {
    const types = ctx.types().filter((t) => t.startsWith('azurerm_') && t !== 'azurerm_resource_group');
    return each(ctx, types, (resource) => {
      const location = ctx.value(resource, 'location');
      if (!location.known || typeof location.value !== 'string' || location.value.toLowerCase() === 'global') return skip('no literal regional location');
      const group = ctx.target(resource.address.stack, resource.attributes.resource_group_name);
      if (group.kind !== 'resource' || group.resource.address.type !== 'azurerm_resource_group') return skip('resource group not managed in this environment');
      const groupLocation = ctx.value(group.resource, 'location');
      if (!groupLocation.known || typeof groupLocation.value !== 'string') return skip('resource group location not literal');
      return groupLocation.value.toLowerCase() === location.value.toLowerCase()
        ? pass(`${location.value}, like ${group.resource.address.name}`)
        : fail(`${location.value}, but resource group ${group.resource.address.name} is in ${groupLocation.value}`);
    });
  },
});
