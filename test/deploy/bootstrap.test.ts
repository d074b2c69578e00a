/**
 * The state storage bootstrap: the stack's properties (what makes remote state safe to hold secrets), and the CLI's
 * contract (backend block printed, placeholders refused, Terraform steps against the fake terraform).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { DEFAULT_CONFIG_DIR } from '../../config/load';
import { DEFAULT_TENANT_DIR } from '../../config/tenants';
import { AzurermBackendConfig } from '../../config/backend-schema';
import { main } from '../../deploy/bootstrap';
import { StateStorageStack, stateStorageStackName } from '../../stacks/state-storage-stack';
import { embeddedConfigs, onlyResource, parse } from '../helpers';
import { PROJECT_ROOT } from '../../lib/project-root';

const BACKEND: AzurermBackendConfig = { type: 'azurerm', resourceGroupName: 'rg-tfstate-test', storageAccountName: 'sttfstatetest', containerName: 'tfstate' };

describe.each(embeddedConfigs().map((c) => [c.environment, c] as const))('%s-state', (_environment, config) => {
  const synth = (props: { privateEndpointSubnetId?: string; privateDnsZoneId?: string } = {}) => {
    const stack = new StateStorageStack(Testing.app(), stateStorageStackName(config.environment), { config: { ...config, backend: BACKEND }, deployer: { principalId: '22222222-2222-2222-2222-222222222222', principalType: 'ServicePrincipal' }, ...props });
    return parse(Testing.synth(stack, true));
  };
  const json = synth();

  test('Entra ID only: shared keys off, OAuth by default, TLS 1.2, no public blobs; versioning and soft delete', () => {
    expect(onlyResource(json, 'azurerm_storage_account')).toMatchObject({
      name: BACKEND.storageAccountName,
      shared_access_key_enabled: false,
      default_to_oauth_authentication: true,
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      allow_nested_items_to_be_public: false,
      public_network_access_enabled: true,
      blob_properties: { versioning_enabled: true, delete_retention_policy: { days: 30 }, container_delete_retention_policy: { days: 30 } },
    });
    expect(json.provider?.azurerm![0]).toMatchObject({ storage_use_azuread: true, subscription_id: config.subscriptionId, tenant_id: config.tenantId });
  });

  test('CanNotDelete lock; Storage Blob Data Contributor on the container for the deployer only; local state', () => {
    expect(onlyResource(json, 'azurerm_management_lock')).toMatchObject({ lock_level: 'CanNotDelete', scope: '${azurerm_storage_account.StateStorage.id}' });
    expect(onlyResource(json, 'azurerm_storage_container')).toMatchObject({ name: 'tfstate', container_access_type: 'private', storage_account_id: '${azurerm_storage_account.StateStorage.id}' });
    expect(onlyResource(json, 'azurerm_role_assignment')).toMatchObject({
      role_definition_name: 'Storage Blob Data Contributor',
      principal_id: '22222222-2222-2222-2222-222222222222',
      scope: '${azurerm_storage_container.StateContainer.resource_manager_id}',
    });
    expect(json.terraform?.backend).toEqual({ local: { path: 'terraform.tfstate' } });
  });

  test('an optional blob private endpoint turns public network access off', () => {
    const withEndpoint = synth({ privateEndpointSubnetId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe', privateDnsZoneId: '/zone' });
    expect(onlyResource(withEndpoint, 'azurerm_storage_account').public_network_access_enabled).toBe(false);
    expect(onlyResource(withEndpoint, 'azurerm_private_endpoint')).toMatchObject({
      private_service_connection: { subresource_names: ['blob'], is_manual_connection: false },
      private_dns_zone_group: { private_dns_zone_ids: ['/zone'] },
    });
  });
});

describe('npm run bootstrap', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  function project(realIds: boolean) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-bootstrap-'));
    roots.push(root);
    for (const [from, to] of [
      [path.join(DEFAULT_CONFIG_DIR, 'dev.yaml'), 'config/environments/dev.yaml'],
      [path.join(DEFAULT_TENANT_DIR, 'contoso.yaml'), 'config/tenants/contoso.yaml'],
    ] as const) {
      fs.mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
      const text = fs.readFileSync(from, 'utf8');
      fs.writeFileSync(path.join(root, to), realIds ? text.replaceAll('00000000-0000-0000-0000-', '3f2a9c1e-5b7d-4e8f-9a0b-') : text);
    }
    fs.mkdirSync(path.join(root, 'bin'));
    fs.symlinkSync(path.join(PROJECT_ROOT, 'test', 'deploy', 'fake-terraform.sh'), path.join(root, 'bin', 'terraform'));
    return root;
  }

  async function run(root: string, args: string[], env: NodeJS.ProcessEnv = {}) {
    let stdout = '';
    let stderr = '';
    const code = await main(args, {
      out: (t) => (stdout += t),
      err: (t) => (stderr += t),
      cwd: root,
      env: { PATH: `${path.join(root, 'bin')}:/usr/bin:/bin`, LZ_CONFIG: path.join(root, 'config/environments/dev.yaml'), FAKE_TF_LOG: path.join(root, 'tf.log'), CI: 'true', ARM_USE_MSI: 'true', ...env },
    }, () => false);
    return { code, stdout, stderr };
  }

  test('a local-backend environment needs --storage-account; with it the backend block to paste is printed', async () => {
    const root = project(false);
    expect(await run(root, ['--env', 'dev', '--synth-only'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^bootstrap: dev uses the local backend: name the state storage account with --storage-account/) });
    const { code, stdout } = await run(root, ['--env', 'dev', '--synth-only', '--storage-account', 'stcontosotfstatedev']);
    expect(code).toBe(0);
    expect(stdout).toContain('backend:\n  type: azurerm\n  resourceGroupName: rg-tfstate-dev-weu\n  storageAccountName: stcontosotfstatedev\n  containerName: tfstate\n');
    expect(stdout).toContain('use_azuread_auth     = true');
    expect(fs.existsSync(path.join(root, '.deploy/bootstrap/out/stacks/dev-state/cdk.tf.json'))).toBe(true);
  });

  test('placeholder IDs are refused before terraform runs', async () => {
    const root = project(false);
    const { code, stderr } = await run(root, ['--env', 'dev', '--storage-account', 'stcontosotfstatedev', '--auto-approve']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^bootstrap: refusing to run terraform: placeholder subscription ID 00000000-0000-0000-0000-000000000001, tenant ID/);
    expect(fs.existsSync(path.join(root, 'tf.log'))).toBe(false);
  });

  test('init, plan (with its text), apply; then the backend block', async () => {
    const root = project(true);
    const { code, stdout, stderr } = await run(root, ['--env', 'dev', '--storage-account', 'stcontosotfstatedev', '--auto-approve']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const steps = fs.readFileSync(path.join(root, 'tf.log'), 'utf8').split('\n').filter((l) => l.startsWith('start')).map((l) => l.split(' ').slice(1, 3).join(' '));
    expect(steps).toEqual(['dev-state init', 'dev-state plan', 'dev-state show', 'dev-state apply']);
    expect(fs.readFileSync(path.join(root, '.deploy/bootstrap/dev-state/tfplan.txt'), 'utf8')).toContain('dev-state: 3 to add');
    expect(stdout).toMatch(/✔ state storage ready\.\nPaste into config\/environments\/dev\.yaml/);
  });

  test('without terraform: one line, exit 1', async () => {
    const root = project(true);
    const { code, stderr } = await run(root, ['--env', 'dev', '--storage-account', 'stcontosotfstatedev', '--auto-approve'], { PATH: '/nonexistent' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^bootstrap: terraform not found on PATH[^\n]*\n$/);
  });
});
