import { Construct } from 'constructs';
import { UserAssignedIdentity } from '../../constructs/access/user-assigned-identity';
import { ApplicationGateway, ApplicationGatewayProps } from '../../constructs/network/application-gateway';
import { WebApplicationFirewallPolicy, WebApplicationFirewallPolicyProps } from '../../constructs/network/web-application-firewall-policy';
import { onlyResource, referenceTo, suppressionsOf, synthWith, synthWithMetadata, TEST_RESOURCE_GROUP } from '../helpers';

const SUBNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.Network/virtualNetworks/vnet-shop/subnets/snet-web';
const SECRET_ID = 'https://kv-shop-test-weu.vault.azure.net/secrets/shop-tls';
type GatewayOptions = Omit<ApplicationGatewayProps, 'identity'>;
const PROPS: GatewayOptions = { resourceGroup: TEST_RESOURCE_GROUP, name: 'agw-shop-test-weu', subnetId: SUBNET_ID, certificateSecretId: SECRET_ID, backendFqdns: ['app-shop-test-weu.azurewebsites.net'] };
const build = (scope: Construct, props: GatewayOptions) =>
  new ApplicationGateway(scope, 'Gateway', { ...props, identity: new UserAssignedIdentity(scope, 'Identity', { resourceGroup: TEST_RESOURCE_GROUP, name: 'id-agw-shop' }) });
const withGateway = synthWith(build, PROPS);

describe('WebApplicationFirewallPolicy', () => {
  const WAF: WebApplicationFirewallPolicyProps = { resourceGroup: TEST_RESOURCE_GROUP, name: 'waf-shop-test-weu' };
  const withPolicy = synthWith((scope: Construct, props: WebApplicationFirewallPolicyProps) => new WebApplicationFirewallPolicy(scope, 'Waf', props), WAF);

  test('defaults: enabled, Prevention, request bodies inspected and enforced, DRS 2.1 plus bot manager 1.1', () => {
    expect(onlyResource(withPolicy(), 'azurerm_web_application_firewall_policy')).toEqual({
      name: 'waf-shop-test-weu',
      resource_group_name: 'rg-test',
      location: 'westeurope',
      policy_settings: {
        enabled: true,
        mode: 'Prevention',
        request_body_check: true,
        request_body_enforcement: true,
        request_body_inspect_limit_in_kb: 128,
        max_request_body_size_in_kb: 128,
        file_upload_limit_in_mb: 100,
      },
      managed_rules: {
        managed_rule_set: [
          { type: 'Microsoft_DefaultRuleSet', version: '2.1' },
          { type: 'Microsoft_BotManagerRuleSet', version: '1.1' },
        ],
      },
    });
  });

  test('OWASP CRS 3.2 is accepted; an old rule set is not', () => {
    expect(onlyResource(withPolicy(undefined, { coreRuleSet: { type: 'OWASP', version: '3.2' } }), 'azurerm_web_application_firewall_policy')).toMatchObject({
      managed_rules: { managed_rule_set: [{ type: 'OWASP', version: '3.2' }, { type: 'Microsoft_BotManagerRuleSet' }] },
    });
    expect(() => withPolicy(undefined, { coreRuleSet: { type: 'OWASP', version: '3.0' } as never })).toThrow(/coreRuleSet OWASP 3.0 is not a current rule set/);
    expect(() => withPolicy(undefined, { maxRequestBodySizeInKb: 4 })).toThrow(/maxRequestBodySizeInKb 4 is outside 8-2000/);
  });
});

describe('ApplicationGateway', () => {
  test('WAF_v2 with its policy attached, TLS 1.2+ policy, Key Vault certificate through the identity, HTTP redirected, HTTPS backend with a probe', () => {
    const synth = withGateway();
    const gateway = onlyResource(synth, 'azurerm_application_gateway');
    const identity = referenceTo(synth, 'azurerm_user_assigned_identity', 'id-agw-shop');
    expect(gateway).toMatchObject({
      sku: { name: 'WAF_v2', tier: 'WAF_v2' },
      autoscale_configuration: { min_capacity: 2, max_capacity: 10 },
      firewall_policy_id: referenceTo(synth, 'azurerm_web_application_firewall_policy', 'waf-shop-test-weu'),
      force_firewall_policy_association: true,
      identity: { type: 'UserAssigned', identity_ids: [identity] },
      ssl_policy: { policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20220101' },
      gateway_ip_configuration: [{ name: 'gateway', subnet_id: SUBNET_ID }],
      frontend_ip_configuration: [{ name: 'public', public_ip_address_id: referenceTo(synth, 'azurerm_public_ip', 'pip-agw-shop-test-weu') }],
      ssl_certificate: [{ name: 'listener', key_vault_secret_id: SECRET_ID }],
      redirect_configuration: [{ name: 'http-to-https', redirect_type: 'Permanent', target_listener_name: 'https', include_path: true, include_query_string: true }],
      backend_address_pool: [{ name: 'app', fqdns: ['app-shop-test-weu.azurewebsites.net'] }],
      backend_http_settings: [{ name: 'app-https', port: 443, protocol: 'Https', pick_host_name_from_backend_address: true, probe_name: 'app-https' }],
      probe: [{ name: 'app-https', protocol: 'Https', path: '/', pick_host_name_from_backend_http_settings: true, match: { status_code: ['200-399'] } }],
    });
    expect(gateway.http_listener).toEqual([
      { name: 'https', frontend_ip_configuration_name: 'public', frontend_port_name: 'https', protocol: 'Https', ssl_certificate_name: 'listener', require_sni: false },
      { name: 'http', frontend_ip_configuration_name: 'public', frontend_port_name: 'http', protocol: 'Http' },
    ]);
    expect(gateway.request_routing_rule).toEqual([
      { name: 'https-to-app', rule_type: 'Basic', priority: 100, http_listener_name: 'https', backend_address_pool_name: 'app', backend_http_settings_name: 'app-https' },
      { name: 'http-redirect', rule_type: 'Basic', priority: 200, http_listener_name: 'http', redirect_configuration_name: 'http-to-https' },
    ]);
    expect(gateway).not.toHaveProperty('zones');
    expect(onlyResource(synth, 'azurerm_public_ip')).toMatchObject({ sku: 'Standard', allocation_method: 'Static' });
  });

  test('zones on the gateway and its public IP; a host name with preservation sends the client Host header unchanged', () => {
    const synth = withGateway(undefined, { zones: ['1', '2', '3'], hostName: 'shop.example.com', preserveHostName: true });
    const gateway = onlyResource(synth, 'azurerm_application_gateway');
    expect(gateway.zones).toEqual(['1', '2', '3']);
    expect(onlyResource(synth, 'azurerm_public_ip').zones).toEqual(['1', '2', '3']);
    expect(gateway).toMatchObject({
      http_listener: [{ host_name: 'shop.example.com', require_sni: true }, { host_name: 'shop.example.com' }],
      backend_http_settings: [{ pick_host_name_from_backend_address: false }],
      probe: [{ pick_host_name_from_backend_http_settings: false, host: 'shop.example.com' }],
    });
  });

  test('records its public IP as the workload edge (ZT-NET-013 suppression)', () => {
    const synth = synthWithMetadata((scope) => build(scope, PROPS));
    expect(suppressionsOf(synth, 'azurerm_public_ip')).toEqual([[expect.objectContaining({ ruleId: 'ZT-NET-013', reason: expect.stringMatching(/WAF_v2 Application Gateway in Prevention mode/) })]]);
  });

  test.each([
    [{ certificateSecretId: `${SECRET_ID}/0123456789abcdef0123456789abcdef` }, /is not a versionless Key Vault secret ID/],
    [{ subnetId: 'snet-web' }, /subnetId 'snet-web' is not a subnet ID/],
    [{ backendFqdns: [] }, /backendFqdns is empty/],
    [{ capacity: { min: 1, max: 3 } }, /capacity 1-3 must satisfy 2 <= min <= max <= 125/],
    [{ preserveHostName: true }, /preserveHostName needs hostName/],
    [{ probePath: 'health' }, /probePath 'health' must start with \//],
  ])('fails on %j', (props, message) => {
    expect(() => withGateway(undefined, props)).toThrow(message);
  });
});
