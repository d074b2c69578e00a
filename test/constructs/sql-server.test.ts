import { Construct } from 'constructs';
import { RoleAssignment } from '../../constructs/access/role-assignment';
import { SqlServer, SqlServerProps } from '../../constructs/data/sql-server';
import { IPrivateEndpointSubnet } from '../../constructs/network/private-endpoint';
import { onlyResource, referenceTo, synthWith, TEST_RESOURCE_GROUP, TEST_TENANT_ID, TEST_ZONE_LOOKUP, testPrincipal } from '../helpers';

const NAME = 'sql-shop-test-weu';
const ADMINS = { loginName: 'SQL-Admins-Shop', objectId: '44444444-4444-4444-4444-444444444444' };
const PROPS: SqlServerProps = { resourceGroup: TEST_RESOURCE_GROUP, name: NAME, entraAdministrator: ADMINS, tenantId: TEST_TENANT_ID };
const withServer = synthWith((scope: Construct, props: SqlServerProps) => new SqlServer(scope, 'Sql', props), PROPS);
const SUBNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.Network/virtualNetworks/vnet-shop/subnets/snet-pe';

describe('SqlServer', () => {
  test('defaults: Entra-only authentication with the admin group, no public access, TLS 1.2, Proxy policy, outbound restricted, no password', () => {
    const server = onlyResource(withServer(), 'azurerm_mssql_server');
    expect(server).toEqual({
      name: NAME,
      resource_group_name: 'rg-test',
      location: 'westeurope',
      version: '12.0',
      minimum_tls_version: '1.2',
      public_network_access_enabled: false,
      connection_policy: 'Proxy',
      outbound_network_restriction_enabled: true,
      azuread_administrator: { login_username: ADMINS.loginName, object_id: ADMINS.objectId, tenant_id: TEST_TENANT_ID, azuread_authentication_only: true },
    });
    expect(server).not.toHaveProperty('administrator_login_password');
  });

  test('audits to Azure Monitor and turns on Defender for SQL alerts for the server', () => {
    const synth = withServer();
    expect(onlyResource(synth, 'azurerm_mssql_server_extended_auditing_policy')).toEqual({ server_id: referenceTo(synth, 'azurerm_mssql_server', NAME), enabled: true, log_monitoring_enabled: true });
    expect(onlyResource(synth, 'azurerm_mssql_server_security_alert_policy')).toEqual({ resource_group_name: 'rg-test', server_name: referenceTo(synth, 'azurerm_mssql_server', NAME, 'name'), state: 'Enabled' });
  });

  test.each([
    [{ name: 'SQL_shop' }, /name 'SQL_shop' is not a valid SQL server name \(lower-case letters, digits and hyphens/],
    [{ entraAdministrator: { loginName: 'x', objectId: 'not-a-guid' } }, /entraAdministrator.objectId 'not-a-guid' is not a GUID/],
    [{ entraAdministrator: { loginName: ' ', objectId: ADMINS.objectId } }, /entraAdministrator.loginName is empty/],
    [{ publicNetworkAccessEnabled: true as unknown as false }, /publicNetworkAccessEnabled: true is not allowed/],
  ])('fails on %j', (props, message) => {
    expect(() => withServer(undefined, props)).toThrow(message);
  });

  test('addPrivateEndpoint connects sqlServer and opens 1433 (only) in the subnet handle', () => {
    const opened: (readonly string[])[] = [];
    const subnet: IPrivateEndpointSubnet = { subnetId: SUBNET_ID, allowEndpointPorts: (_, ports) => opened.push(ports) };
    const synth = withServer((server) => server.addPrivateEndpoint('Endpoint', { subnet, dnsZones: TEST_ZONE_LOOKUP }));
    expect(onlyResource(synth, 'azurerm_private_endpoint')).toMatchObject({
      name: `pe-${NAME}`,
      private_service_connection: { subresource_names: ['sqlServer'] },
      private_dns_zone_group: { private_dns_zone_ids: [TEST_ZONE_LOOKUP.zoneId('privatelink.database.windows.net')] },
    });
    expect(opened).toEqual([['1433']]);
  });

  test('Contributor on the server for a workload identity fails, pointing at a contained database user', () => {
    expect(() => withServer((server, scope) => new RoleAssignment(scope, 'Broad', { scope: server, role: 'Contributor', principal: testPrincipal() }))).toThrow(
      /Contributor for a workload identity is not allowed at resource scope either; use no RBAC role: add the identity as a contained database user/,
    );
  });
});

describe('SqlDatabase', () => {
  test('defaults: serverless General Purpose, TDE, 14-day restore window, geo-redundant backups', () => {
    const synth = withServer((server) => server.addDatabase('Db', { name: 'shop' }));
    expect(onlyResource(synth, 'azurerm_mssql_database')).toEqual({
      name: 'shop',
      server_id: referenceTo(synth, 'azurerm_mssql_server', NAME),
      sku_name: 'GP_S_Gen5_2',
      zone_redundant: false,
      storage_account_type: 'Geo',
      transparent_data_encryption_enabled: true,
      min_capacity: 0.5,
      auto_pause_delay_in_minutes: 60,
      short_term_retention_policy: { retention_days: 14 },
    });
  });

  test('zone redundant: zone-redundant backups too; a provisioned SKU has no serverless settings', () => {
    const database = onlyResource(withServer((server) => server.addDatabase('Db', { name: 'shop', zoneRedundant: true, skuName: 'GP_Gen5_2' })), 'azurerm_mssql_database');
    expect(database).toMatchObject({ zone_redundant: true, storage_account_type: 'Zone', sku_name: 'GP_Gen5_2' });
    expect(database).not.toHaveProperty('min_capacity');
  });

  test.each([
    [{ name: 'shop.' }, /name 'shop.' is not a valid database name/],
    [{ backupRetentionDays: 40 }, /backupRetentionDays 40 is outside 1-35/],
    [{ zoneRedundant: true, skuName: 'S0' }, /zoneRedundant needs a General Purpose, Business Critical or Premium SKU, not S0/],
  ])('fails on %j', (props, message) => {
    expect(() => withServer((server) => server.addDatabase('Db', { name: 'shop', ...props }))).toThrow(message);
  });

  test('containedUserScript creates a contained user for the identity with the given roles', () => {
    withServer((server) => {
      const database = server.addDatabase('Db', { name: 'shop' });
      expect(database.containedUserScript('id-shop-test-weu')).toBe(
        [
          `-- Run in database [shop] on ${NAME}.database.windows.net as a member of the Entra admin group.`,
          'CREATE USER [id-shop-test-weu] FROM EXTERNAL PROVIDER;',
          'ALTER ROLE db_datareader ADD MEMBER [id-shop-test-weu];',
          'ALTER ROLE db_datawriter ADD MEMBER [id-shop-test-weu];',
        ].join('\n'),
      );
      expect(database.containedUserScript('id-shop-test-weu', ['db_datareader'])).not.toContain('db_datawriter');
      expect(() => database.containedUserScript('x]; DROP TABLE t;--')).toThrow(/is not a managed identity name/);
      expect(() => database.containedUserScript('id-shop', [])).toThrow(/at least one database role/);
    });
  });
});
