import { Testing } from 'cdktf';
import { BastionHost, BastionHostProps } from '../../constructs/network/bastion-host';
import { AzurermBastionHost, NetworkSecurityRule } from '../../providers/azurerm';
import { onlyResource, parse, resourcesOfType, TEST_RESOURCE_GROUP } from '../helpers';
import { jsonText } from '../../lib/json-text';

const BASE: BastionHostProps = {
  resourceGroup: TEST_RESOURCE_GROUP,
  name: 'bas-test',
  subnetId: '${azurerm_subnet.bastion.id}',
  copyPasteEnabled: false,
};

function synth(props: Partial<BastionHostProps> = {}): string {
  return Testing.synthScope((scope) => {
    new BastionHost(scope, 'Bastion', { ...BASE, ...props });
  });
}

describe('BastionHost', () => {
  test('turns shareable links, IP-based connect and Kerberos off, and defaults the optional features off', () => {
    expect(synth()).toHaveResourceWithProperties(AzurermBastionHost, {
      name: 'bas-test',
      sku: 'Standard',
      scale_units: 2,
      copy_paste_enabled: false,
      file_copy_enabled: false,
      tunneling_enabled: false,
      ip_connect_enabled: false,
      shareable_link_enabled: false,
      kerberos_enabled: false,
    });
  });

  test('passes explicit choices through', () => {
    expect(synth({ sku: 'Premium', copyPasteEnabled: true, fileCopyEnabled: true, tunnelingEnabled: true, sessionRecordingEnabled: true, scaleUnits: 4 })).toHaveResourceWithProperties(
      AzurermBastionHost,
      { sku: 'Premium', copy_paste_enabled: true, file_copy_enabled: true, tunneling_enabled: true, session_recording_enabled: true, scale_units: 4 },
    );
  });

  test('defines the NSG rule set Azure requires on AzureBastionSubnet, ending in deny-all both ways', () => {
    const rules = resourcesOfType(parse(synth()), 'azurerm_network_security_rule');
    const summary = rules
      .map((r) => `${jsonText(r.direction)} ${jsonText(r.priority)} ${jsonText(r.access)} ${jsonText(r.protocol)} ${jsonText(r.source_address_prefix)}->${jsonText(r.destination_address_prefix)}:${jsonText(r.destination_port_range ?? (r.destination_port_ranges as string[]).join(','))}`)
      .sort();
    expect(summary).toEqual(
      [
        'Inbound 120 Allow Tcp Internet->*:443',
        'Inbound 130 Allow Tcp GatewayManager->*:443',
        'Inbound 140 Allow Tcp AzureLoadBalancer->*:443',
        'Inbound 150 Allow * VirtualNetwork->VirtualNetwork:8080,5701',
        'Inbound 4096 Deny * *->*:*',
        'Outbound 100 Allow * *->VirtualNetwork:22,3389',
        'Outbound 110 Allow Tcp *->AzureCloud:443',
        'Outbound 120 Allow * VirtualNetwork->VirtualNetwork:8080,5701',
        'Outbound 130 Allow * *->Internet:80',
        'Outbound 4096 Deny * *->*:*',
      ].sort(),
    );
    expect(synth()).toHaveResourceWithProperties(NetworkSecurityRule, { name: 'DenyAllInbound', access: 'Deny', priority: 4096 });
  });

  test('associates the NSG with the Bastion subnet after its rules, and deploys Bastion after the association', () => {
    const json = parse(synth());
    const association = onlyResource(json, 'azurerm_subnet_network_security_group_association');
    expect(association.subnet_id).toBe('${azurerm_subnet.bastion.id}');
    expect(association.depends_on).toHaveLength(BastionHost.REQUIRED_NSG_RULES.length);
    const bastion = onlyResource(json, 'azurerm_bastion_host');
    expect(bastion.depends_on).toEqual([expect.stringMatching(/^azurerm_subnet_network_security_group_association\./)]);
  });

  test('uses a Standard static public IP and the names given', () => {
    const json = parse(synth({ publicIpName: 'pip-x', networkSecurityGroupName: 'nsg-x' }));
    expect(onlyResource(json, 'azurerm_public_ip')).toMatchObject({ name: 'pip-x', sku: 'Standard', allocation_method: 'Static' });
    expect(onlyResource(json, 'azurerm_network_security_group')).toMatchObject({ name: 'nsg-x' });
  });

  test('fails when session recording is requested without Premium', () => {
    expect(() => synth({ sessionRecordingEnabled: true })).toThrow("BastionHost 'bas-test': sessionRecordingEnabled needs sku: Premium (sku is 'Standard'); change the SKU or turn recording off");
  });

  test.each([1, 51, 2.5])('fails on scaleUnits %p', (scaleUnits) => {
    expect(() => synth({ scaleUnits })).toThrow(/use a whole number from 2 to 50/);
  });
});
