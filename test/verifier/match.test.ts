/** The conjunction the NSG, firewall and DNAT checks share (verifier/match.ts): 'no' decides, then 'unknown', then 'yes'. */
import { MatchResult, all, every, yesNo } from '../../verifier/match';

const UNKNOWN: MatchResult = { match: 'unknown', unresolved: { resource: 'azurerm_network_security_rule.x', stack: 's', attribute: 'priority', expression: '${var.p}', reason: 'a variable' } };

test('every: a no decides, even after an unknown, and the tests after it are not run', () => {
  const ran: number[] = [];
  const results = [yesNo(true), UNKNOWN, yesNo(false), yesNo(true)];
  expect(every([0, 1, 2, 3], (i) => (ran.push(i), results[i] as MatchResult))).toEqual(yesNo(false));
  expect(ran).toEqual([0, 1, 2]);
});

test('every: unknown without a no, yes when every test says yes (and for no tests)', () => {
  expect(every([yesNo(true), UNKNOWN, yesNo(true)], (r) => r)).toBe(UNKNOWN);
  expect(every([yesNo(true), yesNo(true)], (r) => r)).toEqual(yesNo(true));
  expect(every([], (r: MatchResult) => r)).toEqual(yesNo(true));
});

test('all gives what every gives over the same results', () => {
  for (const results of [[UNKNOWN, yesNo(false)], [yesNo(true), UNKNOWN], [yesNo(true)]]) expect(all(results)).toEqual(every(results, (r) => r));
});
