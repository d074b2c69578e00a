/**
 * The synth gate builds one network model per environment and hands it to the pack (`networkModels`): the pack's
 * network rules then read that model, with results identical to building their own.
 */
import { evaluateStacks } from '../../policy/evaluate';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import { groupByEnvironment, TerraformJson } from '../../verifier/load';
import { buildNetworkModel } from '../../verifier/model';
import { embeddedConfigs, synthEnvironments } from '../helpers';

const stacks = () => synthEnvironments(embeddedConfigs()) as unknown as Record<string, TerraformJson>;
const outcomes = (results: ReturnType<typeof evaluateStacks>) => results.flatMap((r) => r.rows.map((row) => `${row.rule} ${row.resource ?? '-'} ${row.outcome} ${row.reason}`));

test('a model built from the same stacks gives the same results as the pack building its own', () => {
  const all = stacks();
  const models = Object.fromEntries(Object.entries(groupByEnvironment(all)).map(([environment, group]) => [environment, buildNetworkModel(group)]));
  expect(Object.keys(models).length).toBeGreaterThan(0);
  expect(outcomes(evaluateStacks(all, ZERO_TRUST_PACK, { networkModels: models }))).toEqual(outcomes(evaluateStacks(all, ZERO_TRUST_PACK)));
});

test('the pack reads the model it is given (an empty one changes the network rules\' verdicts)', () => {
  const all = stacks();
  const empty = Object.fromEntries(Object.entries(groupByEnvironment(all)).map(([environment]) => [environment, buildNetworkModel({})]));
  expect(outcomes(evaluateStacks(all, ZERO_TRUST_PACK, { networkModels: empty }))).not.toEqual(outcomes(evaluateStacks(all, ZERO_TRUST_PACK)));
});
