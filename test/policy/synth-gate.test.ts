/**
 * The synth gate over several environments at once, as main.ts runs it: each environment's intent check takes the
 * flows its own stacks declare (allowFlow), never another environment's.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthAtomically } from '../../lib/atomic-synth';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import { GateOutcome, checkSynthGate } from '../../policy/synth-gate';
import { defineLandingZone, spokeStack } from '../../stacks/landing-zone';
import { at, embeddedConfigs } from '../helpers';

const configs = embeddedConfigs();
const declaring = at(configs, 0);
const others = configs.filter((c) => c.environment !== declaring.environment);
const target = at(declaring.spokes, 0);
/** A TCP port the spoke's app tier does not accept from web today. */
const newPort = [8443, 9443, 10443].find((p) => !target.ports.app.map(String).includes(String(p))) as number;

/** Synthesizes every embedded environment, one of them with a declared flow, and returns the gate's outcome. */
function gateWithDeclaredFlow(): GateOutcome {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-gate-'));
  let outcome: GateOutcome | undefined;
  try {
    synthAtomically(
      path.join(dir, 'cdktf.out'),
      (app) =>
        defineLandingZone(app, configs, {
          guardrailRules: ZERO_TRUST_PACK,
          workloads: (landingZone) => spokeStack(landingZone, declaring.environment, target.name).allowFlow('web', 'app', newPort),
        }),
      (staging) => {
        outcome = checkSynthGate(staging, configs);
      },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!outcome) throw new Error('the gate did not run');
  return outcome;
}

describe('synth gate with a flow declared in one environment', () => {
  const outcome = gateWithDeclaredFlow();
  const resultOf = (environment: string) => outcome.environments.find((e) => e.environment === environment);

  test('there is another environment to compare with', () => {
    expect(others.length).toBeGreaterThan(0);
  });

  test('the declaring environment proves its flow; no environment checks another one\'s', () => {
    expect(outcome.environments.flatMap((e) => e.violations.map((v) => v.message))).toEqual([]);
    expect(resultOf(declaring.environment)?.violations).toEqual([]);
    for (const other of others) expect(resultOf(other.environment)?.violations).toEqual([]);
  });
});
