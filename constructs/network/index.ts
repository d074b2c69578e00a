/** Public API: Hub and spoke networking: VNets, firewall, Bastion, NSGs, routes, private DNS and endpoints, DDoS. Re-exports only (the project imports the files directly). */
export * from './application-gateway';
export * from './azure-firewall';
export * from './bastion-host';
export * from './ddos-protection-plan';
export * from './firewall-policy';
export * from './firewall-rule-collection-group';
export * from './hub';
export * from './hub-spoke-peering';
export * from './hub-virtual-network';
export * from './network-security-group';
export * from './private-dns-zones';
export * from './private-endpoint';
export * from './public-ip';
export * from './route-table';
export * from './spoke-virtual-network';
export * from './subnet';
export * from './web-application-firewall-policy';
