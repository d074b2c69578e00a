/**
 * `npm run whatif -- [--out cdktf.out] [--tenant contoso]` prints the Conditional Access persona x scenario matrix of
 * each tenant identity stack (`<tenant>-identity`; `--env` is accepted as a synonym of `--tenant`); `--check` runs the lockout guard on them (exit 1 on a problem);
 * `--persona <name> --scenario <name>` explains one cell policy by policy. Works on synthesized JSON only.
 */
import '../../lib/compile-cache';
import { runCli } from '../cli-support';
import { environmentOf, loadSynthesizedStacks, TerraformJson } from '../load';
import { formatGuardProblems, lockoutGuard } from './lockout-guard';
import { buildIdentityModel, hasIdentityResources } from './model';
import { defaultPersonas, defaultScenarios, describeOutcome, personaMatrix, renderPersonaMatrix } from './personas';
import { whatIf, WhatIfResult } from './whatif';

const USAGE = `usage: npm run whatif -- [--out <dir>] [--tenant <tenant>] [--check | --persona <name> --scenario <name>]

Offline Conditional Access What-If over the synthesized azuread JSON.
  (no mode)                       the persona x scenario matrix per tenant identity stack (enforced today / report-only)
  --check                         the lockout guard (exit 1 on a problem)
  --persona <p> --scenario <s>    one cell, policy by policy (names may be prefixes)
  --out <dir>                     synthesized output (default cdktf.out in the project; relative paths from your directory)
  --tenant <tenant>               one tenant (--env <name> is accepted as a synonym)
  -h, --help                      this text
`;

/** Runs the CLI; returns the exit code (output goes to the given writers, for tests). */
export function main(argv: readonly string[], out: (text: string) => void, err: (text: string) => void): number {
  const options = { tenant: { type: 'string' }, check: { type: 'boolean' }, persona: { type: 'string' }, scenario: { type: 'string' } } as const;
  return runCli('whatif', USAGE, argv, { out, err }, options, (values) => {
    const stacks = identityStacks(loadSynthesizedStacks(values.out as string));
    if (stacks.length === 0) throw new Error(`no stack in ${values.out} has azuread resources; add an identity section to a tenant file (config/tenants/) and synthesize`);
    // Identity stacks are per tenant (`<tenant>-identity`); the prefix names the tenant.
    const tenant = values.tenant ?? values.env;
    const selected = tenant === undefined ? stacks : stacks.filter(([name]) => environmentOf(name) === tenant);
    if (selected.length === 0) throw new Error(`no identity stack for tenant '${tenant}'; found: ${stacks.map(([name]) => environmentOf(name)).join(', ')}`);

    if (values.check) {
      let failed = false;
      for (const [name, json] of selected) {
        const problems = lockoutGuard(json);
        if (problems.length === 0) out(`✔ ${name}: lockout guard passed\n`);
        else {
          failed = true;
          out(`${formatGuardProblems(name, problems)}\n`);
        }
      }
      return failed ? 1 : 0;
    }
    if (values.persona !== undefined || values.scenario !== undefined) {
      if (values.persona === undefined || values.scenario === undefined) throw new Error('--persona and --scenario go together');
      const [only] = selected;
      if (!only || selected.length !== 1) throw new Error(`--tenant is required with --persona (tenants: ${selected.map(([name]) => environmentOf(name)).join(', ')})`);
      out(explain(only[1], values.persona, values.scenario));
      return 0;
    }
    out(selected.map(([name, json]) => renderPersonaMatrix(environmentOf(name), personaMatrix(buildIdentityModel(json)))).join('\n'));
    return 0;
  });
}

function identityStacks(stacks: Record<string, TerraformJson>): [string, TerraformJson][] {
  return Object.entries(stacks).filter(([, json]) => hasIdentityResources(json));
}

/** One persona in one scenario, policy by policy. */
function explain(json: TerraformJson, personaName: string, scenarioName: string): string {
  const model = buildIdentityModel(json);
  const persona = defaultPersonas(model).find((p) => p.name.toLowerCase().startsWith(personaName.toLowerCase()));
  const scenario = defaultScenarios(model).find((s) => s.name.toLowerCase().startsWith(scenarioName.toLowerCase()));
  if (!persona) throw new Error(`no persona '${personaName}'; use one of: ${defaultPersonas(model).map((p) => p.name).join(', ')}`);
  if (!scenario) throw new Error(`no scenario '${scenarioName}'; use one of: ${defaultScenarios(model).map((s) => s.name).join(', ')}`);
  return renderResult(`${persona.name} / ${scenario.name}`, whatIf(model, { ...scenario.signIn, user: persona.user, methods: persona.methods }));
}

/** Per-policy verdicts and the combined outcomes, as plain text. */
export function renderResult(title: string, result: WhatIfResult): string {
  const lines = [
    title,
    `enforced:    ${describeOutcome(result.enforced)}${result.enforced.decidedBy.length ? ` (${result.enforced.decidedBy.join(', ')})` : ''}`,
    `report-only: ${describeOutcome(result.reportOnly)}${result.reportOnly.decidedBy.length ? ` (${result.reportOnly.decidedBy.join(', ')})` : ''}`,
    'policies:',
    ...result.evaluations.map((e) => {
      const verdict = e.applies ? (e.block ? 'BLOCK' : e.requirement ? `requires ${e.requirement.description}${e.requirement.satisfied ? ' (met)' : ' (not met)'}` : 'applies') : `does not apply [${e.reason}]`;
      return `  ${e.policy} (${e.state}): ${verdict}${e.detail ? `: ${e.detail}` : ''}${e.session ? `; session: ${e.session}` : ''}`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), (text) => process.stdout.write(text), (text) => process.stderr.write(text));
}
