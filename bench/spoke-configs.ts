/**
 * Generated environments for the spoke scale cases of bench/bench.ts: config/environments/dev.yaml with its
 * `spokes` replaced by `count` spokes s001, s002, ... Spoke i gets the /24 10.11.0.0 + (i-1)*256 (10.11.0.0/24,
 * 10.11.1.0/24, ...: inside 10.0.0.0/8, which is one of the default hub.firewall.privateRanges, and clear of the dev
 * hub 10.10.0.0/22) and one flow from its app tier to the next spoke's app tier (the last to the first), so the
 * firewall rules grow with the spokes too. Tier subnets are left to the carving defaults.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { PROJECT_ROOT } from '../lib/project-root';

const BASE_ENVIRONMENT = path.join(PROJECT_ROOT, 'config', 'environments', 'dev.yaml');
/** First spoke address space as a 32-bit number (10.11.0.0); one /24 per spoke upwards from here. */
const FIRST_SPOKE_NETWORK = (10 << 24) + (11 << 16);
/** Spokes fit up to 10.255.255.0/24, the top of 10.0.0.0/8. */
export const MAXIMUM_SPOKES = ((11 << 24) - FIRST_SPOKE_NETWORK) / 256;

function spokeName(index: number): string {
  return `s${String(index + 1).padStart(3, '0')}`;
}

function spokeAddressSpace(index: number): string {
  const network = FIRST_SPOKE_NETWORK + index * 256;
  return `${[network >>> 24, (network >>> 16) & 255, (network >>> 8) & 255, 0].join('.')}/24`;
}

function spoke(index: number, count: number): Record<string, unknown> {
  const name = spokeName(index);
  const next = spokeName((index + 1) % count);
  // A single spoke has nobody to talk to: a flow to itself is a config error.
  const flows = count < 2 ? [] : [{ name: `${name}-to-${next}`, from: 'app', to: { spoke: next, tier: 'app' }, ports: [8443] }];
  return { name, addressSpace: [spokeAddressSpace(index)], flows };
}

/**
 * Writes `<dir>/sp<count>.yaml`, an environment named `sp<count>` (the file name must equal `environment`) with
 * `count` spokes, and returns its path.
 */
export function writeSpokeEnvironment(dir: string, count: number): string {
  if (!Number.isInteger(count) || count < 1 || count > MAXIMUM_SPOKES) {
    throw new RangeError(`spoke count must be an integer from 1 to ${MAXIMUM_SPOKES}, got ${count}`);
  }
  const base = parse(fs.readFileSync(BASE_ENVIRONMENT, 'utf8')) as Record<string, unknown>;
  const environment = `sp${count}`;
  const spokes = Array.from({ length: count }, (_, i) => spoke(i, count));
  const file = path.join(dir, `${environment}.yaml`);
  fs.writeFileSync(file, stringify({ ...base, environment, spokes }));
  return file;
}
