/**
 * Offline network flow verifier over synthesized Terraform JSON: "can X reach Y on port P", naming the deciding
 * rule, before deployment (like Azure Network Watcher IP flow verify), plus a per-environment reachability matrix.
 */
export { loadSynthesizedStacks, groupByEnvironment, environmentOf } from './load';
export type { TerraformJson } from './load';
export { buildNetworkModel } from './model';
export type { NetworkModel } from './model';
export { verifyFlow, findSubnet } from './verify';
export type { Decision, Endpoint, FlowQuery, FlowVerdict, Hop, IpEndpoint, Protocol, SubnetEndpoint } from './types';
export { reachabilityMatrix, renderMatrixMarkdown, defaultProbes, INTERNET_PROBE_ADDRESS } from './matrix';
export type { MatrixOptions, MatrixCell, Probe, ReachabilityMatrix } from './matrix';
