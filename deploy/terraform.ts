/**
 * Runs Terraform for one synthesized stack outside `cdktf.out`: the stack's JSON is copied into a working directory
 * at the same depth (`.deploy/stacks/<stack>/`, so relative local-state paths still reach the project root), where
 * `terraform init` may write `.terraform/` and its lock file. `cdktf.out` stays byte-identical.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Environment for every Terraform call: no telemetry, no prompts, automation-friendly output. */
export function terraformEnvironment(base: NodeJS.ProcessEnv, pluginCache: string): NodeJS.ProcessEnv {
  return {
    ...base,
    CHECKPOINT_DISABLE: '1', // Terraform and cdktf version/telemetry checks
    DISABLE_VERSION_CHECK: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0', // never ask for a variable; missing ones fail instead
    TF_PLUGIN_CACHE_DIR: base.TF_PLUGIN_CACHE_DIR ?? pluginCache,
  };
}

export interface StepResult {
  readonly code: number;
  /** Combined stdout and stderr, also written to the step's log file. */
  readonly output: string;
}

/** Runs `terraform <args>` in `cwd`, writing everything it prints to `logFile`. */
export function runTerraform(terraform: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, logFile: string): Promise<StepResult> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(terraform, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => {
      output += `${error.message}\n`;
    });
    child.on('close', (code) => {
      fs.writeFileSync(logFile, output);
      resolve({ code: code ?? 1, output });
    });
  });
}

/** The Terraform version line, or undefined when no `terraform` runs from PATH. */
export function terraformVersion(terraform: string, env: NodeJS.ProcessEnv): string | undefined {
  const result = spawnSync(terraform, ['version'], { env, encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  return result.stdout.split('\n', 1)[0]?.trim();
}

/** Copies a stack's synthesized JSON into its working directory (replacing an older copy, keeping `.terraform/`). */
export function prepareWorkingDirectory(outdir: string, workRoot: string, stack: string): string {
  const workdir = path.join(workRoot, 'stacks', stack);
  fs.mkdirSync(workdir, { recursive: true });
  fs.copyFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), path.join(workdir, 'cdk.tf.json'));
  return workdir;
}

/** A one-line reason for a failed Terraform step, from what it printed. */
export function explainFailure(step: string, output: string): string {
  if (/Failed to (query|install) (available )?provider|could not connect to registry|registry\.terraform\.io.*(timeout|no such host|connection refused)/i.test(output)) {
    return `providers could not be installed (no access to registry.terraform.io; configure a provider mirror with TF_CLI_CONFIG_FILE)`;
  }
  if (/(unable to build authorizer|Authenticating using the Azure CLI is only supported|please run 'az login'|ClientAuthenticationError|AADSTS\d+|obtain.*token|could not configure AzureCli|Error building ARM Config)/i.test(output)) {
    return 'no usable Azure credentials (az login, or ARM_CLIENT_ID with ARM_USE_OIDC / ARM_CLIENT_SECRET / ARM_USE_MSI)';
  }
  const firstError = output.split('\n').find((line) => /Error:/.test(line));
  return firstError ? firstError.replace(/^[\s│╷╵]*/, '').trim() : `terraform ${step} exited with an error`;
}
