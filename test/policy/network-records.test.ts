/**
 * The flow verifier and the policy pack read the same NSG rules and routes of the embedded environments: the pack's
 * helpers (policy/lib/network.ts) and the verifier's model, built on its own as `npm run flows` builds it, hold the
 * same records, and every record is either placed in the model or reported unreadable, never lost.
 */
import { EvaluationContext } from '../../policy/engine';
import { judgeSecurityRules, parentKey, routes, securityRules } from '../../policy/lib/network';
import { TerraformJson, groupByEnvironment } from '../../verifier/load';
import { buildNetworkModel } from '../../verifier/model';
import { addressText } from '../../verifier/references';
import { embeddedConfigs, synthEnvironments } from '../helpers';

const stacks = synthEnvironments(embeddedConfigs()) as unknown as Record<string, TerraformJson>;
const environments = Object.entries(groupByEnvironment(stacks)).filter(([environment]) => embeddedConfigs().some((config) => config.environment === environment));

describe.each(environments)('%s', (environment, envStacks) => {
  const ctx = new EvaluationContext(environment, envStacks);
  const model = buildNetworkModel(envStacks);

  test('the pack judges every NSG rule the verifier places, and only those it reads', () => {
    const packRules = securityRules(ctx);
    expect(packRules.length).toBeGreaterThan(0);
    const placed = model.securityGroups.flatMap((nsg) => nsg.rules.map((rule) => `${nsg.key} ${rule.stack}/${rule.resource} ${rule.name}`));
    const read = packRules.flatMap((record) =>
      record.read.kind === 'read' && parentKey(record) !== undefined ? [`${parentKey(record)} ${record.owner.stack}/${addressText(record.owner)} ${record.read.value.name}`] : [],
    );
    expect(read.sort()).toEqual(placed.sort());
    expect(packRules.filter((record) => record.read.kind === 'unreadable')).toEqual([]);
    expect(judgeSecurityRules(ctx, (view) => ({ matches: false, reason: view.label })).map((result) => result.reason)).toEqual(packRules.map((record) => record.label));
  });

  test('the pack sees every route the verifier places', () => {
    const placed = model.routeTables.flatMap((table) => table.routes.map((route) => `${table.key} ${route.stack}/${route.resource} ${route.name}`));
    expect(placed.length).toBeGreaterThan(0);
    const read = routes(ctx).flatMap((record) =>
      record.read.kind === 'read' && parentKey(record) !== undefined ? [`${parentKey(record)} ${record.owner.stack}/${addressText(record.owner)} ${record.read.value.name}`] : [],
    );
    expect(read.sort()).toEqual(placed.sort());
  });
});
