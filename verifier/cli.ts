/**
 * `npm run flows -- [--out cdktf.out] [--env dev]` prints the reachability matrix of each (or one) environment;
 * `npm run flows -- --env dev --from <subnet|ip|Internet> --to <subnet|ip> --port 1433 [--protocol Tcp]` prints one verdict;
 * `npm run flows -- --check` checks the segmentation the config promises against the output (exit 1 on a violation).
 * Exit 0 with an answer (a denied flow is an answer), 1 with a one-line message on bad arguments or missing output.
 */
import '../lib/compile-cache';
import { CONFIG_CONTEXT_KEY, CONFIG_ENV_VAR, loadEnvironments, resolveConfigSource } from '../config/load';
import { formatErrors, hasErrors } from '../config/problems';
import { withCallerPath } from '../lib/cli';
import { runCli } from './cli-support';
import { azureEnvironments, loadSynthesizedStacks, TerraformJson } from './load';
import { checkIntendedSegmentation, declaredFlowsIn, intendedFlows } from './segmentation-intent';
import { buildNetworkModel } from './model';
import { INTERNET_PROBE_ADDRESS, reachabilityMatrix, renderMatrixMarkdown } from './matrix';
import { dnatText } from './dnat';
import { Decision, Endpoint, FlowVerdict, Protocol } from './types';
import { verifyFlow } from './verify';

const USAGE = `usage: npm run flows -- [--out <dir>] [--env <env>] [--check | --from <subnet|ip|Internet> --to <subnet|ip|Internet> --port <n> [--protocol Tcp|Udp|Icmp]]

Offline reachability over synthesized Terraform JSON (nothing is deployed or contacted).
  (no mode)          the reachability matrix of each environment, Markdown; the Internet row shows published (DNAT) ports
  --check            every flow the config promises (and every flow a stack declares with allowFlow) has its intended
                     outcome, and the Internet sees exactly what is published (exit 1 otherwise, naming the flow and
                     the deciding rule)
  --from/--to/--port one verdict with its deciding rule and path; Internet = ${INTERNET_PROBE_ADDRESS}
  --out <dir>        synthesized output (default cdktf.out in the project; relative paths from your directory)
  --env <env>        one environment (required with --from)
  -h, --help         this text
`;

/** Runs the CLI; returns the exit code (output goes to the given writers, for tests). */
export function main(argv: readonly string[], out: (text: string) => void, err: (text: string) => void): number {
  const options = {
    from: { type: 'string' },
    to: { type: 'string' },
    port: { type: 'string' },
    protocol: { type: 'string', default: 'Tcp' },
    check: { type: 'boolean' },
  } as const;
  return runCli('flows', USAGE, argv, { out, err }, options, (values) => {
    const single = values.from !== undefined || values.to !== undefined || values.port !== undefined;
    if (single && (values.from === undefined || values.to === undefined || values.port === undefined)) {
      throw new Error('--from, --to and --port go together');
    }
    const environments = azureEnvironments(loadSynthesizedStacks(values.out as string));
    const names = values.env === undefined ? Object.keys(environments) : [values.env];
    const selected = names.map((env) => {
      const stacks = environments[env];
      if (!stacks) throw new Error(`no environment '${env}' in ${values.out}; found: ${Object.keys(environments).join(', ')}`);
      return [env, stacks] as const;
    });
    if (values.check) {
      if (single) throw new Error('--check checks every intended flow; drop --from/--to/--port');
      return checkEnvironments(selected, out, err);
    }
    if (single) {
      const [only] = selected;
      if (!only || selected.length !== 1) throw new Error(`--env is required with --from/--to (environments: ${names.join(', ')})`);
      const port = Number(values.port);
      if (!/^\d+$/.test(values.port as string) || port > 65535) throw new Error(`--port must be a number 0-65535, got '${values.port}'`);
      const protocol = normaliseProtocol(values.protocol);
      const model = buildNetworkModel(only[1]);
      const verdict = verifyFlow(model, { source: endpoint(values.from as string), destination: endpoint(values.to as string), port, protocol });
      out(renderVerdict(verdict));
      return 0;
    }
    out(selected.map(([env, stacks]) => renderMatrixMarkdown(reachabilityMatrix(buildNetworkModel(stacks)), env)).join('\n'));
    return 0;
  });
}

/** Checks each environment's intended segmentation (from its config, found like main.ts finds it). */
function checkEnvironments(environments: readonly (readonly [string, Record<string, TerraformJson>])[], out: (text: string) => void, err: (text: string) => void): number {
  const context = JSON.parse(process.env.CDKTF_CONTEXT_JSON || '{}') as Record<string, unknown>;
  const { configs, problems } = loadEnvironments(resolveConfigSource(withCallerPath(process.env, CONFIG_ENV_VAR), context[CONFIG_CONTEXT_KEY]));
  if (hasErrors(problems)) {
    err(formatErrors(problems));
    return 1;
  }
  let failed = false;
  for (const [env, stacks] of environments) {
    const config = configs.find((c) => c.environment === env);
    if (!config) throw new Error(`no config for environment '${env}'; synthesize and check with the same LZ_CONFIG`);
    // Flows the constructs declared (allowFlow) are intended too: the check proves them allowed.
    const intent = { declaredFlows: declaredFlowsIn(stacks) };
    const violations = checkIntendedSegmentation(buildNetworkModel(stacks), config, intent);
    const total = intendedFlows(config, intent).length;
    if (violations.length === 0) {
      out(`✔ ${env}: all ${total} intended flows hold\n`);
    } else {
      failed = true;
      out(`✖ ${env}: ${violations.length} of ${total} intended flows do not hold:\n${violations.map((v) => `  ${v.message}\n`).join('')}`);
    }
  }
  return failed ? 1 : 0;
}

function normaliseProtocol(text: string): Protocol {
  const protocol = (['Tcp', 'Udp', 'Icmp'] as const).find((p) => p.toLowerCase() === text.toLowerCase());
  if (!protocol) throw new Error(`--protocol must be Tcp, Udp or Icmp, got '${text}'`);
  return protocol;
}

/** `Internet` is the matrix's Internet address; an IPv4 address is an ip endpoint; anything else names a subnet. */
function endpoint(text: string): Endpoint {
  if (text.toLowerCase() === 'internet') return { ip: INTERNET_PROBE_ADDRESS };
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(text) ? { ip: text } : { subnet: text };
}

/** Verdict, deciding rule and hops as plain text. */
export function renderVerdict(verdict: FlowVerdict): string {
  const lines = [
    `${verdict.outcome.toUpperCase()}${verdict.viaFirewall ? ' (via firewall)' : ''}: ${verdict.explanation}`,
    ...(verdict.dnat ? [`entry: ${dnatText(verdict.dnat)} (sources ${verdict.dnat.sources.join(', ')})`] : []),
    `decided by: ${describeDecision(verdict.decidedBy)}`,
    'path:',
    ...verdict.hops.map((hop, i) => `  ${i + 1}. [${hop.step}] ${hop.result}: ${hop.detail}`),
  ];
  return `${lines.join('\n')}\n`;
}

function describeDecision(decision: Decision): string {
  const { kind, ...fields } = decision;
  return `${kind} ${Object.entries(fields)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ')}`;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), (text) => process.stdout.write(text), (text) => process.stderr.write(text));
}
