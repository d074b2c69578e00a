import { TerraformOutput, Testing } from 'cdktf';
import { AzureFirewall, AzureFirewallProps } from '../../constructs/network/azure-firewall';
import { FirewallPolicy, FirewallPolicyProps } from '../../constructs/network/firewall-policy';
import { IANA_PRIVATE_RANGES } from '../../lib/cidr';
import { AzurermFirewall, AzurermFirewallPolicy, PublicIp } from '../../providers/azurerm';
import { onlyResource, parse, resourcesOfType, TEST_RESOURCE_GROUP } from '../helpers';

function synthPolicy(props: Partial<FirewallPolicyProps> = {}): string {
  return Testing.synthScope((scope) => {
    new FirewallPolicy(scope, 'Policy', { resourceGroup: TEST_RESOURCE_GROUP, name: 'afwp-test', ...props });
  });
}

function synthFirewall(props: Partial<AzureFirewallProps> = {}, policyProps: Partial<FirewallPolicyProps> = {}): string {
  return Testing.synthScope((scope) => {
    const policy = new FirewallPolicy(scope, 'Policy', { resourceGroup: TEST_RESOURCE_GROUP, name: 'afwp-test', ...policyProps });
    new AzureFirewall(scope, 'Firewall', {
      resourceGroup: TEST_RESOURCE_GROUP,
      name: 'afw-test',
      policy,
      subnetId: '${azurerm_subnet.fw.id}',
      ...props,
    });
  });
}

describe('FirewallPolicy', () => {
  test('defaults to Premium with IDPS and threat intelligence in Deny, DNS proxy on and IANA private ranges', () => {
    expect(synthPolicy()).toHaveResourceWithProperties(AzurermFirewallPolicy, {
      name: 'afwp-test',
      sku: 'Premium',
      threat_intelligence_mode: 'Deny',
      intrusion_detection: { mode: 'Deny', private_ranges: [...IANA_PRIVATE_RANGES] },
      dns: { proxy_enabled: true },
      private_ip_ranges: [...IANA_PRIVATE_RANGES],
    });
  });

  test('uses explicit private ranges for both SNAT and IDPS', () => {
    const ranges = ['10.0.0.0/8'];
    expect(synthPolicy({ privateRanges: ranges })).toHaveResourceWithProperties(AzurermFirewallPolicy, {
      private_ip_ranges: ranges,
      intrusion_detection: { mode: 'Deny', private_ranges: ranges },
    });
  });

  test('passes upstream DNS servers to the proxy', () => {
    expect(synthPolicy({ dnsServers: ['10.1.0.4'] })).toHaveResourceWithProperties(AzurermFirewallPolicy, {
      dns: { proxy_enabled: true, servers: ['10.1.0.4'] },
    });
  });

  test('a Standard policy has no intrusion detection block', () => {
    const policy = onlyResource(parse(synthPolicy({ tier: 'Standard' })), 'azurerm_firewall_policy');
    expect(policy.sku).toBe('Standard');
    expect(policy.intrusion_detection).toBeUndefined();
  });

  test('fails when IDPS is requested on the Standard tier', () => {
    expect(() => synthPolicy({ tier: 'Standard', intrusionDetectionMode: 'Alert' })).toThrow(
      "FirewallPolicy 'afwp-test': intrusionDetectionMode is 'Alert', but IDPS needs the Premium tier (tier is 'Standard'); set tier: 'Premium' or intrusionDetectionMode: 'Off'",
    );
  });

  test('fails when DNS servers are given with the proxy off', () => {
    expect(() => synthPolicy({ dnsProxyEnabled: false, dnsServers: ['10.1.0.4'] })).toThrow('dnsServers are set but dnsProxyEnabled is false; enable the DNS proxy or remove the servers');
  });
});

describe('AzureFirewall', () => {
  test('is an AZFW_VNet firewall whose tier follows its policy, with settings left to the policy', () => {
    const json = synthFirewall();
    expect(json).toHaveResourceWithProperties(AzurermFirewall, {
      name: 'afw-test',
      sku_name: 'AZFW_VNet',
      sku_tier: 'Premium',
      firewall_policy_id: '${azurerm_firewall_policy.Policy_23B91518.id}',
      ip_configuration: [{ name: 'data', subnet_id: '${azurerm_subnet.fw.id}', public_ip_address_id: '${azurerm_public_ip.Firewall_PublicIp_11BEB074.id}' }],
    });
    const firewall = onlyResource(parse(json), 'azurerm_firewall');
    // Threat intel and DNS proxy on the firewall itself would fight the policy.
    expect(firewall.threat_intel_mode).toBeUndefined();
    expect(firewall.dns_proxy_enabled).toBeUndefined();
    expect(firewall.management_ip_configuration).toBeUndefined();
  });

  test('uses a Standard static public IP, zone-redundant like the firewall', () => {
    const json = synthFirewall({ zones: ['1', '2', '3'] });
    expect(json).toHaveResourceWithProperties(PublicIp, { name: 'pip-afw-test', sku: 'Standard', allocation_method: 'Static', zones: ['1', '2', '3'] });
    expect(json).toHaveResourceWithProperties(AzurermFirewall, { zones: ['1', '2', '3'] });
  });

  test('forced tunnelling adds a management IP configuration with its own public IP', () => {
    const json = synthFirewall({ managementSubnetId: '${azurerm_subnet.mgmt.id}' });
    expect(onlyResource(parse(json), 'azurerm_firewall').management_ip_configuration).toEqual({
      name: 'management',
      subnet_id: '${azurerm_subnet.mgmt.id}',
      public_ip_address_id: '${azurerm_public_ip.Firewall_ManagementPublicIp_183A09E6.id}',
    });
    expect(resourcesOfType(parse(json), 'azurerm_public_ip').map((p) => p.name).sort()).toEqual(['pip-afw-test', 'pip-afw-test-mgmt']);
  });

  test('exposes the private IP as a token for spoke routes', () => {
    const json = Testing.synthScope((scope) => {
      const policy = new FirewallPolicy(scope, 'Policy', { resourceGroup: TEST_RESOURCE_GROUP, name: 'afwp-test' });
      const firewall = new AzureFirewall(scope, 'Firewall', { resourceGroup: TEST_RESOURCE_GROUP, name: 'afw-test', policy, subnetId: 'x' });
      new TerraformOutput(scope, 'next_hop', { value: firewall.privateIpAddress });
    });
    expect(parse(json).output?.next_hop!.value).toBe('${azurerm_firewall.Firewall_E7948B04.ip_configuration[0].private_ip_address}');
  });
});
