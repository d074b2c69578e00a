/** No network interface has a public IP: workloads are reached through the firewall or Bastion, never directly. */
import { defineRule, each, fail, pass, readAll } from '../../engine';

export default defineRule({
  id: 'ZT-NET-018',
  severity: 'high',
  pillar: 'networks',
  title: 'Network interfaces have no public IP',
  rationale: 'A public IP on a NIC bypasses the hub firewall and its inspection: the VM is reachable from the Internet directly.',
  fix: 'Remove public_ip_address_id from the ip_configuration; publish through the firewall (ingress.publish) and administer through Bastion.',
  appliesTo: ['azurerm_network_interface'],
  references: { checkov: ['CKV_AZURE_119'] },
  azurePolicy: [{ definitionId: '83a86a26-fd1f-447c-b59d-e51f44264114', effect: 'Deny', scope: 'landingzones' }],
  evaluate: (ctx) =>
    each(ctx, ['azurerm_network_interface'], (nic) => {
      const publicIps = readAll(nic.attributes, 'ip_configuration.public_ip_address_id').filter((id) => id !== null && id !== '');
      return publicIps.length === 0 ? pass('no public IP on any IP configuration') : fail(`public IP ${publicIps.map(String).join(', ')} on an IP configuration`);
    }),
});
