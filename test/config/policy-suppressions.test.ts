/** `policySuppressions` in an environment config: real rule IDs and stacks, a reason, and expiry warnings. */
import { stringify } from 'yaml';
import { loadEnvironmentText } from '../../config/load';
import { checkPolicySuppressions } from '../../config/plan';
import { ProblemCollector } from '../../config/problems';
import { ZERO_TRUST_PACK } from '../../policy/pack';

type Json = Record<string, unknown>;

/** A minimal dev environment with these suppressions, as YAML. */
function document(policySuppressions: Json[]): string {
  return stringify({
    environment: 'dev',
    location: 'westeurope',
    tenant: 'contoso',
    subscriptionId: '00000000-0000-0000-0000-000000000001',
    tags: { owner: 'platform-team@example.com', 'cost-center': 'CC-0000-DEV' },
    hub: { addressSpace: ['10.10.0.0/22'] },
    spokes: [{ name: 'shop', addressSpace: ['10.11.0.0/24'] }],
    policySuppressions,
  });
}

function load(policySuppressions: Json[]) {
  const result = loadEnvironmentText(document(policySuppressions), 'config/environments/dev.yaml', { policyRuleIds: ZERO_TRUST_PACK.map((rule) => rule.id) });
  const pick = (severity: string) => result.problems.filter((p) => p.severity === severity && p.path.startsWith('policySuppressions')).map(({ path, message }) => ({ path, message }));
  return { config: result.config, errors: pick('error'), warnings: pick('warning') };
}

const VALID = { ruleId: 'ZT-NET-020', reason: 'Standard tier until the Premium budget is approved', expires: '2999-12-31', stacks: ['connectivity', 'lz-shop'] };

test('a valid suppression loads as given', () => {
  const { config, errors, warnings } = load([VALID]);
  expect(errors).toEqual([]);
  expect(warnings).toEqual([]);
  expect(config?.policySuppressions).toEqual([VALID]);
});

test.each([
  ['an unknown rule, with a suggestion', { ...VALID, ruleId: 'ZT-NET-042' }, 'policySuppressions[0].ruleId', /'ZT-NET-042' is not a rule of the policy pack; did you mean 'ZT-NET-002'\?/],
  ['a malformed rule ID', { ...VALID, ruleId: 'no-ssh' }, 'policySuppressions[0].ruleId', /is not a policy rule ID such as ZT-NET-020/],
  ['a short reason', { ...VALID, reason: 'because' }, 'policySuppressions[0].reason', /at least 10 characters/],
  ['an invalid date', { ...VALID, expires: '2026-02-30' }, 'policySuppressions[0].expires', /is not a date YYYY-MM-DD/],
  ['a stack the environment does not have', { ...VALID, stacks: ['lz-crm'] }, 'policySuppressions[0].stacks[0]', /'lz-crm' is not a stack of this environment; use one of management, connectivity, lz-shop/],
  ['identity (a tenant stack, not an environment stack)', { ...VALID, stacks: ['identity'] }, 'policySuppressions[0].stacks[0]', /the identity stack belongs to the tenant/],
])('rejects %s', (_case, suppression, path, message) => {
  expect(load([suppression]).errors).toEqual([{ path, message: expect.stringMatching(message) }]);
});

test('an expired suppression is a warning that says the finding fails again', () => {
  const problems = new ProblemCollector('dev.yaml');
  checkPolicySuppressions({ policySuppressions: [{ ...VALID, expires: '2026-01-31', stacks: ['connectivity'] }], spokes: [] }, problems, ['ZT-NET-020'], '2026-02-01');
  expect(problems.problems).toEqual([
    expect.objectContaining({ severity: 'warning', path: 'policySuppressions[0].expires', message: expect.stringMatching(/^was 2026-01-31: the suppression of ZT-NET-020 no longer works and its finding fails the synth/) }),
  ]);
});

test('without the pack\'s rule IDs (a caller that does not synthesize), a suppression is checked for shape only', () => {
  const doc = document([{ ...VALID, ruleId: 'ZT-NET-042' }]);
  expect(loadEnvironmentText(doc, 'config/environments/dev.yaml').problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(loadEnvironmentText(doc, 'config/environments/dev.yaml', { policyRuleIds: ['ZT-NET-020'] }).problems.map((p) => p.path)).toContain('policySuppressions[0].ruleId');
});
