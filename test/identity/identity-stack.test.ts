import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { CA_POLICY_IDS } from '../../lib/conditional-access-catalogue';
import { ADMIN_ROLE_NAMES, ROLE_TEMPLATE_IDS } from '../../lib/entra-ids';
import { AzureadConditionalAccessPolicy, AzureadProvider } from '../../providers/azuread';
import { defineLandingZone } from '../../stacks/landing-zone';
import { breakGlassPasswordVariable, IdentityStack, identityStackName, IdentityTenant } from '../../stacks/identity-stack';
import { LandingZoneConfig } from '../../config/schema';
import { embeddedConfig, embeddedConfigs, resourcesOfType, SynthesizedStack } from '../helpers';
import { PROJECT_ROOT } from '../../lib/project-root';
import { embeddedIdentityTenant, stagedTenant } from './fixtures';

const ROOT = PROJECT_ROOT;

function synthIdentity(config: IdentityTenant) {
  const app = Testing.app();
  const stack = new IdentityStack(app, identityStackName(config.tenant), { tenant: config, production: true });
  const text = Testing.synth(stack, true);
  return { stack, text, json: JSON.parse(text) as SynthesizedStack & { variable?: Record<string, Record<string, unknown>> } };
}

describe.each([embeddedIdentityTenant(), stagedTenant()].map((t) => [t.tenant, t] as const))('%s-identity', (tenant, config) => {
  const { stack, text, json } = synthIdentity(config);
  const policies = resourcesOfType(json, 'azuread_conditional_access_policy') as { display_name: string; state: string; conditions: { users: Record<string, string[]> } }[];
  const bgGroup = Object.entries(json.resource?.azuread_group ?? {}).find(([, g]) => g.display_name === 'CA-BreakGlass-Exclusion')?.[0];

  test('is named <tenant>-identity, with the azuread provider on the tenant and no azurerm provider', () => {
    expect(stack.node.id).toBe(`${tenant}-identity`);
    expect(text).toHaveProviderWithProperties(AzureadProvider, { tenant_id: config.tenantId });
    expect(json.terraform?.required_providers).toEqual({ azuread: { source: 'hashicorp/azuread', version: '3.7.0' } });
    expect(json.provider).not.toHaveProperty('azurerm');
  });

  test('the whole persona set, CA001..CA400, each excluding the break-glass group first', () => {
    expect(policies.map((p) => p.display_name.slice(0, 5)).sort()).toEqual([...CA_POLICY_IDS]);
    for (const policy of policies) expect(policy.conditions.users.excluded_groups![0]).toBe(`\${azuread_group.${bgGroup}.object_id}`);
  });

  test('policy states come from config, report-only by default', () => {
    const states = config.identity.conditionalAccess.policies as Record<string, string | undefined>;
    for (const policy of policies) {
      expect({ [policy.display_name]: policy.state }).toEqual({ [policy.display_name]: states[policy.display_name.slice(0, 5)] ?? 'enabledForReportingButNotEnforced' });
    }
  });

  test('administrators: every admin role and the admin persona groups, phishing-resistant strength', () => {
    const ca200 = policies.find((p) => p.display_name.startsWith('CA200')) as unknown as Record<string, unknown>;
    expect(ca200).toMatchObject({
      conditions: { users: { included_roles: ADMIN_ROLE_NAMES.map((n) => ROLE_TEMPLATE_IDS[n]).sort(), included_groups: expect.arrayContaining([expect.stringMatching(/^\$\{azuread_group\.AdminGroup-CA-Persona-Admins_.*\.object_id\}$/)]) } },
      grant_controls: { operator: 'OR', authentication_strength_policy_id: '/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000004' },
    });
    expect((ca200 as { conditions: { users: { included_groups: string[] } } }).conditions.users.included_groups).toHaveLength(config.identity.adminGroups.length);
  });

  test('named locations are referenced by object_id (azuread 3 ids are paths the Graph API rejects in a policy)', () => {
    const ca010 = policies.find((p) => p.display_name.startsWith('CA010')) as unknown as { conditions: { locations: { included_locations: string[] } } };
    expect(ca010.conditions.locations.included_locations).toEqual([expect.stringMatching(/^\$\{azuread_named_location\.BlockedCountries_.*\.object_id\}$/)]);
  });

  test('PIM: eligible (not active) role assignments from config', () => {
    const eligible = resourcesOfType(json, 'azuread_directory_role_eligibility_schedule_request');
    expect(eligible).toHaveLength(config.identity.pim.eligibleAssignments.length);
    expect(eligible).toContainEqual(expect.objectContaining({ role_definition_id: ROLE_TEMPLATE_IDS['Global Administrator'], principal_id: '00000000-0000-0000-0000-00000000a001', directory_scope_id: '/' }));
    // Only break-glass accounts (and privileged access groups) hold roles actively.
    const active = resourcesOfType(json, 'azuread_directory_role_assignment').map((a) => String(a.principal_object_id));
    expect(active.every((p) => /azuread_user\.BreakGlass_|azuread_group\.AdminGroup-PAG-/.test(p))).toBe(true);
  });

  test('the plan fails unless the configured deployment identity runs it', () => {
    expect(json.data?.azuread_client_config).toMatchObject({ Deployer: { lifecycle: { postcondition: [{ condition: `\${self.object_id == "${config.identity.deploymentIdentity.objectId}"}` }] } } });
    expect(json.output?.deployment_identity!.value).toEqual(config.identity.deploymentIdentity);
  });
});

describe('no password in code, config or synthesized JSON', () => {
  test('passwords are sensitive variables without a value; a value in the environment never reaches the JSON', () => {
    const secret = 'Sentinel-Secret-Value-8c1f2e';
    const variable = breakGlassPasswordVariable('breakglass01');
    process.env[`TF_VAR_${variable}`] = secret;
    try {
      const { text, json } = synthIdentity(embeddedIdentityTenant());
      expect(text).not.toContain(secret);
      for (const user of resourcesOfType(json, 'azuread_user')) {
        expect(user.password).toMatch(/^\$\{var\.break_glass_[a-z0-9_]+_password\}$/);
        expect(user.lifecycle).toMatchObject({ ignore_changes: ['password'] });
      }
      expect(json.variable?.[variable]).toMatchObject({ sensitive: true, default: null, type: 'string' });
      // Every "password" attribute anywhere in the stack is a variable reference.
      const passwords = [...text.matchAll(/"password": ("[^"]*")/g)].map((m) => JSON.parse(m[1]!) as string);
      expect(passwords.length).toBe(2);
      expect(passwords.every((p) => p.startsWith('${var.'))).toBe(true);
    } finally {
      delete process.env[`TF_VAR_${variable}`];
    }
    // And no password setting is in any embedded config file (environments and tenants).
    const files = ['environments', 'tenants'].flatMap((dir) => fs.readdirSync(path.join(ROOT, 'config', dir)).map((f) => path.join(ROOT, 'config', dir, f)));
    expect(files.length).toBeGreaterThan(embeddedConfigs().length);
    for (const file of files) expect(fs.readFileSync(file, 'utf8')).not.toMatch(/password\w*\s*:/i);
  });
});

describe('the lockout guard runs at synth time', () => {
  test('a policy added to the stack that blocks everyone fails synthesis with the guard message', () => {
    const app = Testing.app();
    const stack = new IdentityStack(app, identityStackName(stagedTenant().tenant), { tenant: stagedTenant(), production: false });
    new AzureadConditionalAccessPolicy(stack, 'Rogue', {
      displayName: 'CA999-Global-Block-AllApps-AnyPlatform-Block',
      state: 'enabledForReportingButNotEnforced',
      conditions: { clientAppTypes: ['all'], applications: { includedApplications: ['All'] }, users: { includedUsers: ['All'] } },
      grantControls: { operator: 'OR', builtInControls: ['block'] },
    });
    expect(() => Testing.synth(stack, true)).toThrow(/Lockout guard: 2 problems in fabrikam-identity:[\s\S]*\[break-glass-excluded\] CA999[\s\S]*\[block-all\] CA999/);
  });

  test('main.ts reports it like a config error: message, exit 1, nothing written', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-identity-'));
    try {
      const dev = fs.readFileSync(path.join(ROOT, 'config/tenants/contoso.yaml'), 'utf8');
      // A user deploys, with only password + Authenticator and an unmanaged device: CA200 and CA009 would lock them out.
      const patched = dev.replace(
        / {2}deploymentIdentity:\n( {4}.*\n){2}/,
        '  deploymentIdentity:\n    type: user\n    objectId: 00000000-0000-0000-0000-00000000a001\n    roles: [Global Administrator]\n    methods: [password, microsoftAuthenticatorPush]\n',
      );
      expect(patched).not.toBe(dev);
      fs.mkdirSync(path.join(dir, 'tenants'));
      fs.writeFileSync(path.join(dir, 'tenants', 'contoso.yaml'), patched);
      const outdir = path.join(dir, 'out');
      const { LZ_CONFIG: _c, CDKTF_CONTEXT_JSON: _j, LZ_TENANTS: _t, ...env } = process.env;
      const result = spawnSync(process.execPath, ['dist/main.js'], {
        cwd: ROOT,
        env: { ...env, LZ_CONFIG: path.join(ROOT, 'config/environments/dev.yaml'), LZ_TENANTS: path.join(dir, 'tenants'), CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
        encoding: 'utf8',
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('Synthesis failed, nothing was written');
      expect(result.stderr).toMatch(/\[deployment-identity\] identity\.deploymentIdentity: the deployment user 00000000-0000-0000-0000-00000000a001/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stderr).not.toContain('skipValidation');
      expect(fs.existsSync(outdir)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('identity belongs to the tenant', () => {
  test('environments sharing a tenant get one identity stack: one set of break-glass users and one CA set per tenant', () => {
    const configs = embeddedConfigs();
    const { tenants, environments } = defineLandingZone(Testing.app(), configs);
    const tenantNames = [...new Set(configs.map((c) => c.tenantConfig.tenant))];
    expect([...tenants.keys()].sort()).toEqual(tenantNames.sort());
    expect(environments.size).toBe(configs.length);
    // Every tenant-wide identity resource lives in a <tenant>-identity stack. An environment may hold only grants to
    // its own identities (the response playbooks' Graph and Defender permissions: azuread_app_role_assignment).
    const environmentScoped = new Set(['azuread_app_role_assignment']);
    for (const [name, stacks] of environments) {
      for (const stack of [stacks.management, stacks.connectivity, ...stacks.spokes.values()]) {
        const types = Object.keys(JSON.parse(Testing.synth(stack)).resource ?? {});
        expect({ [name]: types.filter((t) => t.startsWith('azuread_') && !environmentScoped.has(t)) }).toEqual({ [name]: [] });
      }
    }
    for (const tenant of tenantNames) {
      const stack = tenants.get(tenant)?.identity;
      if (!stack) continue;
      const json = JSON.parse(Testing.synth(stack)) as SynthesizedStack;
      expect(resourcesOfType(json, 'azuread_user')).toHaveLength(stack.tenant.identity.breakGlass.accounts.length);
      expect(resourcesOfType(json, 'azuread_conditional_access_policy')).toHaveLength(CA_POLICY_IDS.length);
    }
  });

  test('a tenant without an identity section has no identity stack', () => {
    const { identity: _identity, ...tenant } = embeddedConfig('dev').tenantConfig;
    const { tenants } = defineLandingZone(Testing.app(), [{ ...embeddedConfig('dev'), tenantConfig: tenant }]);
    expect(tenants.get(tenant.tenant)?.identity).toBeUndefined();
  });

  test('the tenant stack is production-grade when any of its environments is', () => {
    const production = (configs: readonly LandingZoneConfig[]) => {
      const { tenants } = defineLandingZone(Testing.app(), configs);
      const stack = tenants.get(configs[0]!.tenantConfig.tenant)?.identity as IdentityStack;
      return (stack.toTerraform() as { '//': Record<string, unknown> })['//'].production;
    };
    const nonProduction = embeddedConfigs().filter((c) => !c.production);
    expect(nonProduction.length).toBeGreaterThan(0);
    expect(production(nonProduction)).toBe(false);
    expect(production(embeddedConfigs())).toBe(embeddedConfigs().some((c) => c.production));
  });
});
