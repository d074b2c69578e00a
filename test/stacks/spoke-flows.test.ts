/**
 * The environment's flows are resolved once per list of spokes (every spoke stack and its firewall rules read them):
 * a repeated call gives the same flows, another list of spokes gets its own, and a bad flow is an error every time.
 */
import { resolvedFlows } from '../../stacks/spoke-flows';
import { at, embeddedConfigs } from '../helpers';

const withFlows = embeddedConfigs().filter((config) => config.spokes.some((spoke) => spoke.flows.length > 0));

test('the embedded configs have flows to resolve', () => {
  expect(withFlows.length).toBeGreaterThan(0);
});

test.each(withFlows.map((config) => [config.environment, config] as const))('%s: one resolution per list of spokes, never a stale one', (_environment, config) => {
  const flows = resolvedFlows(config);
  expect(flows.map((f) => `${f.fromSpoke} ${f.fromTier} -> ${f.toSpoke} ${f.toTier}`)).toEqual(
    config.spokes.flatMap((spoke) => spoke.flows.map((flow) => `${spoke.name} ${flow.from} -> ${flow.to.spoke} ${flow.to.tier}`)),
  );
  expect(resolvedFlows(config)).toBe(flows);
  expect(resolvedFlows({ spokes: [...config.spokes] })).toEqual(flows);
  expect(resolvedFlows({ spokes: config.spokes.map((spoke) => ({ ...spoke, flows: [] })) })).toEqual([]);
  const first = at(config.spokes.filter((spoke) => spoke.flows.length > 0), 0);
  const broken = { spokes: [{ ...first, flows: [{ ...at(first.flows, 0), to: { ...at(first.flows, 0).to, spoke: 'no-such-spoke' } }] }] };
  for (let call = 0; call < 2; call++) expect(() => resolvedFlows(broken)).toThrow(`Flow '${at(first.flows, 0).name}' of spoke '${first.name}' names a missing spoke or tier`);
});
