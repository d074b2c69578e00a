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
      ].sort(),
    );
  });

  test('nothing is undecidable: every reference in the embedded output resolves', () => {
    expect(results.flatMap((r) => r.rows.filter((row) => row.outcome === 'undecidable'))).toEqual([]);
  });
});
