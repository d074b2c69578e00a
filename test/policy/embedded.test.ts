/**
 * The embedded environments against the whole pack: zero unsuppressed findings, and every suppression carries its
 * reason into the output (config-driven decisions and the flow-log storage exception).
 */
import { evaluateStacks, isFinding } from '../../policy/evaluate';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import type { TerraformJson } from '../../verifier/load';
import { embeddedConfigs, synthEnvironments } from '../helpers';

describe('embedded environments', () => {
  const stacks = synthEnvironments(embeddedConfigs()) as unknown as Record<string, TerraformJson>;
  const results = evaluateStacks(stacks, ZERO_TRUST_PACK);

  test('pass the whole pack with zero unsuppressed findings', () => {
    expect(results.flatMap((r) => r.rows.filter(isFinding).map((row) => `${r.environment} ${row.rule} ${row.path ?? row.resource}`))).toEqual([]);
  });

  test('the suppressions are exactly the documented decisions', () => {
    const suppressed = results.flatMap((r) => r.rows.filter((row) => row.outcome === 'suppressed').map((row) => `${r.environment} ${row.rule}`));
    expect([...new Set(suppressed)].sort()).toEqual(
      [
        // Network Watcher writes flow logs with the account key through the trusted-service exception.
        ...['dev', 'prod'].flatMap((env) => ['ZT-DATA-010', 'ZT-DATA-011', 'ZT-DATA-016'].map((rule) => `${env} ${rule}`)),
        // dev: no TLS inspection CA yet, DDoS plan off (config, with synth warnings).
        'dev ZT-NET-026',
        'dev ZT-NET-040',
        // Conditional Access rolled out report-only first (config per policy).
        'dev ZT-ID-003',
        'dev ZT-ID-004',
        'dev ZT-ID-005',
        'dev ZT-ID-006',
        'dev ZT-ID-009',
        'prod ZT-ID-004',
        // A workload published by an Application Gateway: its public IP is the spoke's Internet edge, and its subnet
        // cannot send 0.0.0.0/0 to the firewall (Azure).
        ...embeddedConfigs()
          .filter((config) => config.spokes.some((spoke) => spoke.workload?.ingress === 'appGateway'))
          .flatMap((config) => [`${config.environment} ZT-NET-009`, `${config.environment} ZT-NET-013`]),
      ].sort(),
    );
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
