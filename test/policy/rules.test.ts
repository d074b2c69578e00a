/**
 * Every rule of the pack against its compliant and non-compliant fixture (one table per area), plus the pack's
 * promises on its content: at least 60 rules, each with fixtures, wording and references or a custom reason. How the
 * rule files make up the pack (one rule per file named by its ID, area indexes) is test/policy/pack.test.ts.
 */
import { Rule } from '../../policy/engine';
import { evaluateStacks } from '../../policy/evaluate';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import { FIXTURES_BY_AREA } from './fixtures';
import type { Fixture } from './fixtures/helpers';

const NOW = new Date('2026-01-15T12:00:00Z');

function run(rule: Rule, fixture: Fixture) {
  return evaluateStacks(fixture(), [rule], { now: NOW }).flatMap((r) => r.rows.map((row) => ({ stack: r.stack, ...row })));
}

const byId = new Map(ZERO_TRUST_PACK.map((rule) => [rule.id, rule]));

describe.each(Object.entries(FIXTURES_BY_AREA))('%s rules', (_area, fixtures) => {
  test.each(Object.keys(fixtures))('%s: compliant fixture passes, non-compliant fixture fails', (id) => {
    const rule = byId.get(id);
    if (!rule) throw new Error(`fixture for unknown rule ${id}`);
    const good = run(rule, fixtures[id]!.compliant);
    expect(good.filter((row) => row.outcome === 'non-compliant' || row.outcome === 'undecidable')).toEqual([]);
    expect(good.some((row) => row.outcome === 'compliant')).toBe(true);
    const bad = run(rule, fixtures[id]!.nonCompliant);
    expect(bad.filter((row) => row.outcome === 'non-compliant').length).toBeGreaterThan(0);
  });
});

describe('the Zero Trust pack', () => {
  test('has at least 60 rules, unique IDs, every one with fixtures', () => {
    expect(ZERO_TRUST_PACK.length).toBeGreaterThanOrEqual(60);
    expect(new Set(ZERO_TRUST_PACK.map((r) => r.id)).size).toBe(ZERO_TRUST_PACK.length);
    const withFixtures = new Set(Object.values(FIXTURES_BY_AREA).flatMap((f) => Object.keys(f)));
    expect(ZERO_TRUST_PACK.map((r) => r.id).filter((id) => !withFixtures.has(id))).toEqual([]);
  });

  test('every rule has wording, a pillar and a public reference or a custom reason', () => {
    for (const rule of ZERO_TRUST_PACK) {
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.rationale.length).toBeGreaterThan(10);
      expect(rule.fix.length).toBeGreaterThan(10);
      const refs = rule.references;
      expect(Boolean(refs.custom) || [refs.checkov, refs.trivy, refs.azurePolicy, refs.scuba].some((l) => (l?.length ?? 0) > 0)).toBe(true);
      for (const guid of refs.azurePolicy ?? []) expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });

  test('a rule with nothing to judge is not applicable in every stack', () => {
    const storage = byId.get('ZT-DATA-011') as Rule;
    const rows = run(storage, FIXTURES_BY_AREA.networks!['ZT-NET-001']!.compliant);
    expect(rows.map((r) => r.outcome)).toEqual(['not-applicable', 'not-applicable']);
    expect(rows[0]!.resource).toBeNull();
  });
});
