/**
 * Where a reviewer changes what a finding is about: the environment's config file and the key that drives the
 * resource (`spokes[1].ingress`, `hub.firewall`, `identity.conditionalAccess.policies.CA003`), or, when no config
 * file holds the environment, the stack source that builds it. SARIF results point here rather than at the
 * generated, git-ignored `cdktf.out`, so code scanning can annotate the lines a pull request changes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { tenantDirectoryFor } from '../config/tenants';

export interface SourceLocation {
  /** Repository-relative path with forward slashes. */
  readonly uri: string;
  /** 1-based line of the key (absent for a construct source). */
  readonly line?: number;
  /** The config key as a path (`spokes[1].ingress`), when the location is a config file. */
  readonly key?: string;
}

/** A config key path: object keys and list indexes. */
type KeyPath = readonly (string | number)[];

interface ConfigFile {
  readonly uri: string;
  readonly text: string;
  readonly spokes: readonly string[];
}

/** Construct IDs (the path segment under the stack) and the config key they come from, per stack concern. */
const KEYS_BY_CONSTRUCT: Record<string, readonly [RegExp, (match: RegExpExecArray) => KeyPath][]> = {
  connectivity: [
    [/^(Firewall|FirewallPolicy|PlatformKeyVault)$/, () => ['hub', 'firewall']],
    [/^Bastion$/, () => ['hub', 'bastion']],
    [/^DdosProtectionPlan$/, () => ['hub', 'ddosProtection']],
    [/^(HubNetwork|GatewayRouteTable)$/, () => ['hub', 'subnets']],
  ],
  management: [
    [/^Workspace$/, () => ['management', 'logAnalytics']],
    [/^Sentinel$/, () => ['management', 'sentinel']],
    [/^Defender$/, () => ['management', 'defender']],
    [/^(FlowLogStorage|FlowLog)$/, () => ['management', 'flowLogs']],
  ],
  identity: [
    [/^(CA\d{3})$/, (m) => ['identity', 'conditionalAccess', 'policies', m[1]!]],
    [/^MfaStrength$/, () => ['identity', 'conditionalAccess', 'mfaStrength']],
    [/^BreakGlass$/, () => ['identity', 'breakGlass']],
    [/^AdminGroup-/, () => ['identity', 'adminGroups']],
    [/^Eligible-/, () => ['identity', 'pim']],
    [/^(Trusted-|BlockedCountries)/, () => ['identity', 'namedLocations']],
  ],
  spoke: [
    [/^KeyVault$/, () => ['keyVault']],
    [/^Spoke$/, () => []],
  ],
};

/** The stack source that builds each concern, when no config file holds the environment. */
const STACK_SOURCES: Record<string, string> = {
  connectivity: 'stacks/connectivity-stack.ts',
  management: 'stacks/management-stack.ts',
  identity: 'stacks/identity-stack.ts',
  spoke: 'stacks/spoke-stack.ts',
};

/**
 * Returns a locator over the config files in `configSource` (a file or a directory, as LZ_CONFIG takes), with URIs
 * relative to `root` (the repository).
 */
export function sourceLocator(configSource: string, root: string): (stack: string, constructPath?: string) => SourceLocation {
  const files = readConfigFiles(configSource, root);
  return (stack, constructPath) => {
    const dash = stack.indexOf('-');
    const environment = dash < 0 ? stack : stack.slice(0, dash);
    const rest = dash < 0 ? '' : stack.slice(dash + 1);
    const spoke = rest.startsWith('lz-') ? rest.slice(3) : undefined;
    const concern = spoke !== undefined ? 'spoke' : rest;
    const file = files.get(environment);
    if (!file) return { uri: STACK_SOURCES[concern] ?? 'stacks/environment.ts' };
    const segments = (constructPath ?? '').split('/').slice(1);
    let key: KeyPath = concern === 'spoke' ? ['spokes', Math.max(0, file.spokes.indexOf(spoke as string))] : STACK_SOURCES[concern] ? [sectionOf(concern)] : [];
    // A spoke's firewall rule collection group lives in the hub but comes from the spoke's config.
    const groupSpoke = /^rcg-spoke-(.+)$/.exec(segments[1] ?? '')?.[1];
    if (concern === 'connectivity' && segments[0] === 'FirewallPolicy' && groupSpoke !== undefined && file.spokes.includes(groupSpoke)) {
      key = ['spokes', file.spokes.indexOf(groupSpoke)];
    } else {
      for (const [pattern, keyOf] of KEYS_BY_CONSTRUCT[concern] ?? []) {
        const match = pattern.exec(segments[0] ?? '');
        if (match) {
          key = concern === 'spoke' ? [...key, ...keyOf(match)] : keyOf(match);
          break;
        }
      }
    }
    return locateKey(file, key);
  };
}

function sectionOf(concern: string): string {
  return concern === 'connectivity' ? 'hub' : concern;
}

/** The deepest part of `key` the file sets, and its line; the key is reported in full (defaults apply below it). */
function locateKey(file: ConfigFile, key: KeyPath): SourceLocation {
  const lines = new LineCounter();
  const document = parseDocument(file.text, { lineCounter: lines });
  let node: unknown = document.contents;
  let offset = 0;
  for (const segment of key) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (!pair || !isScalar(pair.key)) break;
      offset = pair.key.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      const item = node.items[segment] as { range?: [number, number, number] };
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return { uri: file.uri, line: lines.linePos(offset).line, key: keyText(key) };
}

/** `spokes[1].ingress`. */
export function keyText(key: KeyPath): string {
  return key.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}

/** Environment files by environment name, and the tenant files beside them by tenant name (`<tenant>-identity`). */
function readConfigFiles(configSource: string, root: string): Map<string, ConfigFile> {
  const files = new Map<string, ConfigFile>();
  const tenantDirectory = tenantDirectoryFor(configSource);
  for (const file of [...yamlFiles(configSource), ...yamlFiles(tenantDirectory)]) {
    const text = fs.readFileSync(file, 'utf8');
    const data = parseDocument(text).toJS() as { environment?: unknown; tenant?: unknown; spokes?: ({ name?: unknown } | null)[] } | null;
    const name = typeof data?.environment === 'string' ? data.environment : path.dirname(file) === tenantDirectory ? data?.tenant : undefined;
    if (typeof name !== 'string' || files.has(name)) continue;
    const relative = path.relative(root, path.resolve(file));
    const uri = (relative.startsWith('..') ? path.resolve(file) : relative).split(path.sep).join('/');
    files.set(name, { uri, text, spokes: (data?.spokes ?? []).map((s) => String(s?.name)) });
  }
  return files;
}

function yamlFiles(source: string): string[] {
  if (!fs.existsSync(source)) return [];
  if (!fs.statSync(source).isDirectory()) return [source];
  return fs
    .readdirSync(source)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(source, name));
}
