import { Construct } from 'constructs';
import { UserAssignedIdentity } from '../../constructs/access/user-assigned-identity';
import { IPrivateEndpointSubnet } from '../../constructs/network/private-endpoint';
import { AppServicePlan, AppServicePlanProps } from '../../constructs/web/app-service-plan';
import { LinuxWebApp, LinuxWebAppProps } from '../../constructs/web/linux-web-app';
import { onlyResource, referenceTo, synthWith, TEST_RESOURCE_GROUP, TEST_ZONE_LOOKUP } from '../helpers';

const INTEGRATION_SUBNET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.Network/virtualNetworks/vnet-shop/subnets/snet-asi';
const PE_SUBNET = INTEGRATION_SUBNET.replace('snet-asi', 'snet-pe');
const PLAN: AppServicePlanProps = { resourceGroup: TEST_RESOURCE_GROUP, name: 'asp-shop-test-weu' };
const withPlan = synthWith((scope: Construct, props: AppServicePlanProps) => new AppServicePlan(scope, 'Plan', props), PLAN);

type AppOptions = Omit<LinuxWebAppProps, 'plan'>;
const APP: AppOptions = { name: 'app-shop-test-weu', virtualNetworkSubnetId: INTEGRATION_SUBNET };
const withApp = synthWith(
  (scope: Construct, props: AppOptions) => new LinuxWebApp(scope, 'App', { ...props, plan: new AppServicePlan(scope, 'Plan', PLAN) }),
  APP,
);

describe('AppServicePlan', () => {
  test('defaults: Linux Premium v3, one instance, not zone balanced', () => {
    expect(onlyResource(withPlan(), 'azurerm_service_plan')).toEqual({
      name: 'asp-shop-test-weu',
      resource_group_name: 'rg-test',
      location: 'westeurope',
      os_type: 'Linux',
      sku_name: 'P1v3',
      worker_count: 1,
      zone_balancing_enabled: false,
    });
  });

  test('zone redundant: an instance per zone', () => {
    expect(onlyResource(withPlan(undefined, { zoneRedundant: true }), 'azurerm_service_plan')).toMatchObject({ zone_balancing_enabled: true, worker_count: 3 });
  });

  test.each([
    [{ skuName: 'B1' }, /skuName 'B1' has no private endpoints with VNet integration and zone redundancy/],
    [{ zoneRedundant: true, workerCount: 1 }, /zoneRedundant needs at least 2 instances/],
    [{ name: 'asp_shop' }, /name 'asp_shop' is not a valid App Service plan name \(letters, digits and hyphens\)/],
  ])('fails on %j', (props, message) => {
    expect(() => withPlan(undefined, props)).toThrow(message);
  });
});

describe('LinuxWebApp', () => {
  test('defaults: HTTPS only, TLS 1.2, FTP and basic publishing off, no remote debugging, no public access, all traffic through the VNet', () => {
    const synth = withApp();
    expect(onlyResource(synth, 'azurerm_linux_web_app')).toEqual({
      name: 'app-shop-test-weu',
      resource_group_name: 'rg-test',
      location: 'westeurope',
      service_plan_id: referenceTo(synth, 'azurerm_service_plan', 'asp-shop-test-weu'),
      https_only: true,
      public_network_access_enabled: false,
      client_affinity_enabled: false,
      ftp_publish_basic_authentication_enabled: false,
      webdeploy_publish_basic_authentication_enabled: false,
      virtual_network_subnet_id: INTEGRATION_SUBNET,
      identity: { type: 'SystemAssigned' },
      app_settings: {},
      site_config: {
        always_on: true,
        minimum_tls_version: '1.2',
        scm_minimum_tls_version: '1.2',
        ftps_state: 'Disabled',
        remote_debugging_enabled: false,
        vnet_route_all_enabled: true,
        ip_restriction_default_action: 'Deny',
        scm_ip_restriction_default_action: 'Deny',
        application_stack: { dotnet_version: '8.0' },
      },
    });
  });

  test('a user-assigned identity runs the app, resolves Key Vault references and is AZURE_CLIENT_ID', () => {
    const json = synthWith(
      (scope: Construct, props: AppOptions) => {
        const identity = new UserAssignedIdentity(scope, 'Identity', { resourceGroup: TEST_RESOURCE_GROUP, name: 'id-shop-test-weu' });
        return new LinuxWebApp(scope, 'App', {
          ...props,
          identity,
          plan: new AppServicePlan(scope, 'Plan', PLAN),
          appSettings: { DB_PASSWORD: LinuxWebApp.keyVaultReference('https://kv-shop.vault.azure.net/', 'db-password') },
          healthCheckPath: '/healthz',
        });
      },
      APP,
    )();
    const identity = referenceTo(json, 'azurerm_user_assigned_identity', 'id-shop-test-weu');
    expect(onlyResource(json, 'azurerm_linux_web_app')).toMatchObject({
      identity: { type: 'UserAssigned', identity_ids: [identity] },
      key_vault_reference_identity_id: identity,
      app_settings: {
        AZURE_CLIENT_ID: referenceTo(json, 'azurerm_user_assigned_identity', 'id-shop-test-weu', 'client_id'),
        DB_PASSWORD: '@Microsoft.KeyVault(SecretUri=https://kv-shop.vault.azure.net/secrets/db-password)',
      },
      site_config: { health_check_path: '/healthz', health_check_eviction_time_in_min: 5 },
    });
  });

  test.each([
    [{ appSettings: { DB_PASSWORD: 'hunter2' } }, /appSettings.DB_PASSWORD looks like a secret; store it in Key Vault/],
    [{ virtualNetworkSubnetId: 'snet-asi' }, /virtualNetworkSubnetId 'snet-asi' is not a subnet ID/],
    [{ name: '-app' }, /name '-app' is not a valid web app name \(letters, digits and hyphens, not starting or ending with a hyphen\)/],
    [{ healthCheckPath: 'healthz' }, /healthCheckPath 'healthz' must start with \//],
    [{ publicNetworkAccessEnabled: true as unknown as false }, /publicNetworkAccessEnabled: true is not allowed/],
  ])('fails on %j', (props, message) => {
    expect(() => withApp(undefined, props)).toThrow(message);
  });

  test('keyVaultReference adds the slash a vault URI may lack and refuses a bad secret name', () => {
    expect(LinuxWebApp.keyVaultReference('https://kv.vault.azure.net', 'a-b')).toBe('@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/a-b)');
    expect(() => LinuxWebApp.keyVaultReference('https://kv.vault.azure.net/', 'a_b')).toThrow(/'a_b' is not a secret name/);
  });

  test('addPrivateEndpoint connects sites and opens 443 in the subnet handle', () => {
    const opened: (readonly string[])[] = [];
    const subnet: IPrivateEndpointSubnet = { subnetId: PE_SUBNET, allowEndpointPorts: (_, ports) => opened.push(ports) };
    const synth = withApp((app) => app.addPrivateEndpoint('Endpoint', { subnet, dnsZones: TEST_ZONE_LOOKUP }));
    expect(onlyResource(synth, 'azurerm_private_endpoint')).toMatchObject({
      name: 'pe-app-shop-test-weu',
      private_service_connection: { subresource_names: ['sites'] },
      private_dns_zone_group: { private_dns_zone_ids: [TEST_ZONE_LOOKUP.zoneId('privatelink.azurewebsites.net')] },
    });
    expect(opened).toEqual([['443']]);
  });
});
