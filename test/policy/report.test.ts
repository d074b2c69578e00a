/** SARIF 2.1.0 structure, the per-stack compliance matrix, undecidable references, and the generated rule table. */
import * as fs from 'node:fs';
import { DOCS_FILE, README_FILE, renderRuleDocs, withReadmeRuleTable } from '../../policy/docs';
import { evaluateStacks } from '../../policy/evaluate';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import { complianceReport, toSarif } from '../../policy/report';
import { FIXTURES_BY_AREA } from './fixtures';
import { SPOKE, landingZone, set } from './fixtures/helpers';

const NOW = new Date('2026-01-15T12:00:00Z');

describe('SARIF', () => {
  const results = evaluateStacks(FIXTURES_BY_AREA.networks!['ZT-NET-002']!.nonCompliant(), ZERO_TRUST_PACK, { now: NOW });
  const log = toSarif(results, ZERO_TRUST_PACK, (stack) => `cdktf.out/stacks/${stack}/cdk.tf.json`, () => 7);

  test('is version 2.1.0 with one rule descriptor per pack rule', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const rules = log.runs[0]!.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual(ZERO_TRUST_PACK.map((r) => r.id));
    expect(rules.every((r) => r.shortDescription?.text && r.help?.text && r.defaultConfiguration?.level)).toBe(true);
  });

  test('results carry ruleId, level and locations pointing at the stack file and the resource', () => {
    const results = log.runs[0]!.results ?? [];
    const ssh = results.find((r) => r.ruleId === 'ZT-NET-002');
    expect(ssh).toMatchObject({
      ruleId: 'ZT-NET-002',
      level: 'error',
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: `cdktf.out/stacks/${SPOKE}/cdk.tf.json` }, region: { startLine: 7 } },
          logicalLocations: [{ fullyQualifiedName: `${SPOKE}/azurerm_network_security_rule.Ssh`, kind: 'resource' }],
        },
      ],
    });
    for (const result of results) {
      expect(result.ruleId).toMatch(/^ZT-(NET|DATA|APP|ID|VIS|INF)-\d{3}$/);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.locations?.length).toBe(1);
      expect(log.runs[0]!.tool.driver.rules?.[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
    }
  });
});

describe('compliance matrix', () => {
  test('has a row per (rule, resource) or a not-applicable row per (rule, stack), with outcome and reason', () => {
    const results = evaluateStacks(landingZone().s.json(), ZERO_TRUST_PACK, { now: NOW });
    const report = complianceReport(results, 'medium');
    expect(report.stacks.map((s) => s.stack)).toEqual(['dev-connectivity', 'dev-lz-shop']);
    for (const stack of report.stacks) {
      for (const rule of ZERO_TRUST_PACK) expect(stack.rows.some((row) => row.rule === rule.id)).toBe(true);
      for (const row of stack.rows) expect(row.reason.length).toBeGreaterThan(0);
    }
    expect(report.summary.compliant).toBeGreaterThan(50);
  });
});

describe('undecidable', () => {
  test('an unresolved cross-stack reference reports undecidable, never compliant', () => {
    const zone = landingZone();
    set(zone.s, zone.defaultRoute, 'next_hop_in_ip_address', '${data.terraform_remote_state.cross-stack-reference-input-dev-gone.outputs.firewall_ip}');
    const rule = ZERO_TRUST_PACK.filter((r) => r.id === 'ZT-NET-010');
    const rows = evaluateStacks(zone.s.json(), rule, { now: NOW }).flatMap((r) => r.rows);
    const route = rows.find((row) => row.resource === 'azurerm_route.Default');
    expect(route?.outcome).toBe('undecidable');
    expect(route?.reason).toMatch(/no data.terraform_remote_state.cross-stack-reference-input-dev-gone/);
    expect(complianceReport(evaluateStacks(zone.s.json(), rule, { now: NOW }), 'medium').ok).toBe(false);
  });

  test('a variable where a literal is needed is undecidable', () => {
    const zone = landingZone();
    set(zone.s, zone.vault, 'public_network_access_enabled', '${var.public}');
    const rows = evaluateStacks(zone.s.json(), ZERO_TRUST_PACK.filter((r) => r.id === 'ZT-DATA-004'), { now: NOW }).flatMap((r) => r.rows);
    expect(rows.find((row) => row.resource === 'azurerm_key_vault.Kv')?.outcome).toBe('undecidable');
  });
});

describe('docs/policy-rules.md and the README rule table', () => {
  test('are up to date with the pack (run `npm run policy:docs` after changing policy/)', () => {
    expect(fs.readFileSync(DOCS_FILE, 'utf8')).toBe(renderRuleDocs());
    const readme = fs.readFileSync(README_FILE, 'utf8');
    expect(readme).toBe(withReadmeRuleTable(readme));
  });

  test('the README section is required', () => {
    expect(() => withReadmeRuleTable('# no table here\n')).toThrow(/README.md has no <!-- policy-rules:start/);
  });
});
