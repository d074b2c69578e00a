/** No network interface has a public IP: workloads are reached through the firewall or Bastion, never directly. */
import { defineCheck, each, fail, pass, readAll } from '../../engine';

export default defineCheck({
  id: 'ZT-NET-018',
  appliesTo: ['azurerm_network_interface'],
  references: { checkov: ['CKV_AZURE_119'] },
  azurePolicy: [{ definitionId: '83a86a26-fd1f-447c-b59d-e51f44264114', effect: 'Deny', scope: 'landingzones' }],
  evaluate: (ctx) =>
    each(ctx, ['azurerm_network_interface'], (nic) => {
      const publicIps = readAll(nic.attributes, 'ip_configuration.public_ip_address_id').filter((id) => id !== null && id !== '');
      return publicIps.length === 0 ? pass('no public IP on any IP configuration') : fail(`public IP ${publicIps.map(String).join(', ')} on an IP configuration`);
    }),
});
