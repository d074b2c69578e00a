/**
 * The embedded environments against the whole pack: zero unsuppressed findings, and every suppression carries its
 * reason into the output (config-driven decisions and the flow-log storage exception).
 */
import { evaluateStacks, isFinding } from '../../policy/evaluate';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import type { TerraformJson } from '../../verifier/load';
import { CaPolicyId } from '../../lib/conditional-access-catalogue';
import { POLICY_PACK_RULE_OF } from '../../stacks/identity-stack';
import { embeddedConfigs, synthEnvironments } from '../helpers';
import { embeddedTenants } from '../identity/fixtures';

describe('embedded environments', () => {
  const stacks = synthEnvironments(embeddedConfigs()) as unknown as Record<string, TerraformJson>;
  const results = evaluateStacks(stacks, ZERO_TRUST_PACK);

  test('pass the whole pack with zero unsuppressed findings', () => {
    expect(results.flatMap((r) => r.rows.filter(isFinding).map((row) => `${r.environment} ${row.rule} ${row.path ?? row.resource}`))).toEqual([]);
  });

  test('the suppressions are exactly the documented decisions', () => {
    const suppressed = results.flatMap((r) => r.rows.filter((row) => row.outcome === 'suppressed').map((row) => `${r.environment} ${row.rule}`));
    const expected = [
      ...embeddedConfigs().flatMap((c) =>
        [
          // Network Watcher writes flow logs with the account key through the trusted-service exception.
          'ZT-DATA-010',
          'ZT-DATA-011',
          'ZT-DATA-016',
          // Config decisions with synth warnings: no TLS inspection CA yet, DDoS plan off; and config suppressions.
          ...(c.hub.firewall.tlsInspection.certificateSecretId ? [] : ['ZT-NET-026']),
          ...(c.hub.ddosProtection.enabled ? [] : ['ZT-NET-040']),
          ...c.policySuppressions.map((p) => p.ruleId),
        ].map((rule) => `${c.environment} ${rule}`),
      ),
      // Conditional Access rolled out report-only first (tenant config per policy).
      ...embeddedTenants().flatMap((t) => {
        const identity = t.identity;
        if (!identity) return [];
        const notEnforced = (Object.entries(POLICY_PACK_RULE_OF) as [CaPolicyId, string][]).filter(([id]) => (identity.conditionalAccess.policies[id] ?? identity.conditionalAccess.defaultState) !== 'enabled');
        return notEnforced.map(([, rule]) => `${t.tenant} ${rule}`);
      }),
    ];
    expect(expected).toContain('contoso ZT-ID-004');
    expect([...new Set(suppressed)].sort()).toEqual([...new Set(expected)].sort());
  });

  test('nothing is undecidable: every reference in the embedded output resolves', () => {
    expect(results.flatMap((r) => r.rows.filter((row) => row.outcome === 'undecidable'))).toEqual([]);
  });
});
