/**
 * `npm run bootstrap -- --env <env>`: creates the Terraform state storage of an environment before anything else
 * (`<env>-state`, stacks/state-storage-stack.ts) and prints the backend block to paste into the config. The account
 * comes from the environment's azurerm backend, or from --storage-account when the environment still uses the local
 * backend. `--synth-only` writes the stack for review and prints the block without running Terraform.
 * Same contract as plan/deploy: placeholder IDs refused before Terraform, one line when terraform or credentials are
 * missing, nothing prompts when CI is set, Terraform works in `.deploy/bootstrap/`.
 */
import '../lib/compile-cache';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AzurermBackendConfig, AzurermBackendSchema } from '../config/backend-schema';
import { azureRegion } from '../config/regions';
import { LandingZoneConfig } from '../config/schema';
import { App } from '../providers/cdktf';
import { StateStorageStack, stateStorageStackName } from '../stacks/state-storage-stack';
import { CliFailure, DeployIo, defaultAzCliCheck, defaultConfirm, loadEnvironmentNamed, parseCliArgs, processIo, runDeployCli, terraformReady } from './cli-support';
import { isPlaceholderId } from './preflight';
import { explainFailure, runTerraform } from './terraform';
import { quietUpstreamDeprecations } from '../lib/upstream-warnings';

const USAGE = `usage: npm run bootstrap -- --env <env> [--deployer <object-id> --deployer-type ServicePrincipal|User|Group]
         [--storage-account <name> --resource-group <name> --container <name>] [--private-endpoint-subnet <subnet-id> [--private-dns-zone <zone-id>]]
         [--synth-only | --auto-approve]`;

/** The backend block for an environment config (YAML) and, for reference, the Terraform block cdktf renders from it. */
export function backendBlock(config: LandingZoneConfig, backend: AzurermBackendConfig): string {
  const subscriptionId = backend.subscriptionId ?? config.subscriptionId;
  return [
    `Paste into config/environments/${config.environment}.yaml (and into config/tenants/${config.tenantConfig.tenant}.yaml for the tenant stacks, with subscriptionId):`,
    'backend:',
    '  type: azurerm',
    `  resourceGroupName: ${backend.resourceGroupName}`,
    `  storageAccountName: ${backend.storageAccountName}`,
    `  containerName: ${backend.containerName}`,
    `  subscriptionId: ${subscriptionId}`,
    'Each stack then gets, in cdk.tf.json:',
    'terraform {',
    '  backend "azurerm" {',
    `    resource_group_name  = "${backend.resourceGroupName}"`,
    `    storage_account_name = "${backend.storageAccountName}"`,
    `    container_name       = "${backend.containerName}"`,
    `    key                  = "<stack>.tfstate"`,
    `    subscription_id      = "${subscriptionId}"`,
    `    tenant_id            = "${config.tenantId}"`,
    '    use_azuread_auth     = true',
    '  }',
    '}',
  ].join('\n');
}

export async function main(argv: readonly string[], io: DeployIo, azCliLoggedIn: () => boolean = defaultAzCliCheck): Promise<number> {
  const parsed = parseCliArgs('bootstrap', USAGE, argv, io, {
    deployer: { type: 'string' },
    'deployer-type': { type: 'string' },
    'storage-account': { type: 'string' },
    'resource-group': { type: 'string' },
    container: { type: 'string' },
    'private-endpoint-subnet': { type: 'string' },
    'private-dns-zone': { type: 'string' },
    'synth-only': { type: 'boolean', default: false },
    'auto-approve': { type: 'boolean', default: false },
  });
  if (typeof parsed === 'number') return parsed;
  const { values: options, environment } = parsed;
  return runDeployCli('bootstrap', io, async () => bootstrap(loadEnvironmentNamed(io, environment), options, io, azCliLoggedIn));
}

type Options = {
  deployer?: string;
  'deployer-type'?: string;
  'storage-account'?: string;
  'resource-group'?: string;
  container?: string;
  'private-endpoint-subnet'?: string;
  'private-dns-zone'?: string;
  'synth-only': boolean;
  'auto-approve': boolean;
};

async function bootstrap(config: LandingZoneConfig, values: Options, io: DeployIo, azCliLoggedIn: () => boolean): Promise<number> {
  const fail = (message: string) => {
    throw new CliFailure(message);
  };

  const region = azureRegion(config.location).shortName;
  const fromFlags = values['storage-account'] !== undefined;
  const candidate =
    config.backend.type === 'azurerm' && !fromFlags
      ? config.backend
      : { type: 'azurerm', storageAccountName: values['storage-account'], resourceGroupName: values['resource-group'] ?? `rg-tfstate-${config.environment}-${region}`, containerName: values.container ?? 'tfstate' };
  if (candidate.storageAccountName === undefined) {
    return fail(`${config.environment} uses the local backend: name the state storage account with --storage-account <3-24 lower-case letters and digits, globally unique>`);
  }
  const parsed = AzurermBackendSchema.safeParse(candidate);
  if (!parsed.success) return fail(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; '));
  const backend = parsed.data;

  const identity = config.tenantConfig.identity?.deploymentIdentity;
  const deployerId = values.deployer ?? identity?.objectId;
  if (!deployerId) return fail(`name the deployment identity with --deployer <object-id> (tenant ${config.tenantConfig.tenant} has no identity.deploymentIdentity)`);
  const deployerType = (values['deployer-type'] ?? (values.deployer ? 'ServicePrincipal' : identity?.type === 'user' ? 'User' : 'ServicePrincipal')) as 'ServicePrincipal' | 'User' | 'Group';
  if (!['ServicePrincipal', 'User', 'Group'].includes(deployerType)) return fail(`--deployer-type must be ServicePrincipal, User or Group, not '${deployerType}'`);

  const workRoot = path.resolve(io.cwd, '.deploy', 'bootstrap');
  const outdir = path.join(workRoot, 'out');
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir, stackTraces: false });
  const stack = new StateStorageStack(app, stateStorageStackName(config.environment), {
    config: { ...config, backend },
    deployer: { principalId: deployerId, principalType: deployerType },
    privateEndpointSubnetId: values['private-endpoint-subnet'],
    privateDnsZoneId: values['private-dns-zone'],
  });
  app.synth();
  const block = backendBlock(config, backend);
  if (values['synth-only']) {
    io.out(`wrote ${path.relative(io.cwd, path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'))} (review it; npm run bootstrap without --synth-only creates it)\n${block}\n`);
    return 0;
  }

  const placeholders = (
    [
      ['subscription', backend.subscriptionId ?? config.subscriptionId],
      ['tenant', config.tenantId],
      ['deployer', deployerId],
    ] as const
  ).filter(([, id]) => isPlaceholderId(id));
  if (placeholders.length > 0) {
    return fail(`refusing to run terraform: placeholder ${placeholders.map(([what, id]) => `${what} ID ${id}`).join(', ')}; put the real IDs in the config (or --deployer)`);
  }
  if (!values['auto-approve'] && io.env.CI) return fail('CI is set, so nothing prompts: pass --auto-approve to create the state storage');
  const { terraform, env, version } = terraformReady(io, azCliLoggedIn);
  io.out(`bootstrap ${config.environment} with ${version}: ${backend.storageAccountName} in ${backend.resourceGroupName}; the deployer needs Owner (or Contributor + Role Based Access Control Administrator) on subscription ${backend.subscriptionId ?? config.subscriptionId}\n`);

  // The working directory keeps the bootstrap state (terraform.tfstate) between runs.
  const workdir = path.join(workRoot, stack.node.id);
  fs.mkdirSync(workdir, { recursive: true });
  fs.mkdirSync(env.TF_PLUGIN_CACHE_DIR as string, { recursive: true });
  fs.copyFileSync(path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), path.join(workdir, 'cdk.tf.json'));
  const plan = path.join(workdir, 'tfplan');
  for (const [step, args] of [
    ['init', ['init', '-input=false', '-no-color']],
    ['plan', ['plan', '-input=false', '-no-color', `-out=${plan}`]],
    ['show', ['show', '-no-color', plan]],
  ] as const) {
    const log = path.join(workdir, `${step}.log`);
    const result = await runTerraform(terraform, args, workdir, env, log);
    if (result.code !== 0) return fail(`terraform ${step} failed: ${explainFailure(step, result.output)} (log: ${path.relative(io.cwd, log)})`);
    if (step === 'show') fs.writeFileSync(`${plan}.txt`, result.output);
  }
  io.out(`planned: review ${path.relative(io.cwd, plan)}.txt\n`);
  if (!values['auto-approve'] && !(await (io.confirm ?? defaultConfirm)('Create the state storage as planned? [y/N] '))) return fail('not applied (declined)');
  const log = path.join(workdir, 'apply.log');
  const applied = await runTerraform(terraform, ['apply', '-input=false', '-no-color', plan], workdir, env, log);
  if (applied.code !== 0) return fail(`terraform apply failed: ${explainFailure('apply', applied.output)} (log: ${path.relative(io.cwd, log)})`);
  io.out(`✔ state storage ready.\n${block}\n`);
  return 0;
}

if (require.main === module) {
  quietUpstreamDeprecations();
  main(process.argv.slice(2), processIo()).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`bootstrap: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
