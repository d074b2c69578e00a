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
      // A workload published by an Application Gateway: its public IP is the spoke's Internet edge, and its subnet
      // cannot send 0.0.0.0/0 to the firewall (Azure).
      ...embeddedConfigs()
        .filter((config) => config.spokes.some((spoke) => spoke.workload?.ingress === 'appGateway'))
        .flatMap((config) => [`${config.environment} ZT-NET-009`, `${config.environment} ZT-NET-013`, `${config.environment} ZT-NET-017`]),
      // The tenant's Azure Policy remediation identity holds the role its Modify definitions declare (Contributor).
      ...embeddedTenants().filter((t) => t.governance).map((t) => `${t.tenant} ZT-ID-020`),
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

  test('the App Service, SQL, Storage and Application Gateway rules run on real resources of every workload spoke and pass', () => {
    const WORKLOAD_RULES = /^ZT-(APP-\d+|DATA-01\d|DATA-02\d|NET-06\d|VIS-01[5-8])$/;
    for (const config of embeddedConfigs()) {
      for (const spoke of config.spokes.filter((s) => s.workload)) {
        const stack = results.find((r) => r.stack === `${config.environment}-lz-${spoke.name}`);
        const rows = (stack?.rows ?? []).filter((row) => WORKLOAD_RULES.test(row.rule));
        const rules = [...new Set(ZERO_TRUST_PACK.map((rule) => rule.id).filter((id) => WORKLOAD_RULES.test(id)))];
        const compliant = new Set(rows.filter((row) => row.outcome === 'compliant').map((row) => row.rule));
        expect({ stack: stack?.stack, notEvaluated: rules.filter((id) => !compliant.has(id)) }).toEqual({ stack: `${config.environment}-lz-${spoke.name}`, notEvaluated: [] });
      }
    }
  });

  test('nothing is undecidable: every reference in the embedded output resolves', () => {
    expect(results.flatMap((r) => r.rows.filter((row) => row.outcome === 'undecidable'))).toEqual([]);
  });
});
