/**
 * Reachability matrix of one environment: which probe ports each source (an Internet address, then every subnet)
 * can reach on every subnet of the spoke VNets, marking flows that pass through the firewall.
 */
import { Protocol } from './match';
import { NetworkModel, PortItem, Subnet, hubVnetKeys } from './model';
import { vnetOf } from './routing';
import { FlowVerdict } from './types';
import { subnetLabel, verifyFlow } from './verify';

/** The address used for the `Internet` pseudo-source (TEST-NET-3, documentation range). */
export const INTERNET_PROBE_ADDRESS = '203.0.113.10';

/** A port and protocol probed in every cell. */
export interface Probe {
  readonly port: number;
  readonly protocol: Protocol;
}

export interface MatrixOptions {
  /** @default the destination ports of every Allow NSG rule, plus Tcp 22 and 3389 */
  readonly probes?: readonly Probe[];
  /** @default 203.0.113.10 */
  readonly internetAddress?: string;
}

/** The verdicts of one source/destination pair, per probe. */
export interface MatrixCell {
  readonly results: readonly { readonly probe: Probe; readonly verdict: FlowVerdict }[];
}

export interface ReachabilityMatrix {
  readonly probes: readonly Probe[];
  /** The address of the `Internet` row. */
  readonly internetAddress: string;
  /** Row labels: `Internet`, then subnet labels (sorted). */
  readonly sources: readonly string[];
  /** Column labels: subnets of spoke VNets (sorted). */
  readonly destinations: readonly string[];
  /** `cells[row][column]`. */
  readonly cells: readonly (readonly MatrixCell[])[];
}

/** Evaluates every source x destination x probe. Deterministic: rows, columns and probes are sorted. */
export function reachabilityMatrix(model: NetworkModel, options: MatrixOptions = {}): ReachabilityMatrix {
  const probes = options.probes ? sortProbes(options.probes) : defaultProbes(model);
  const internet = options.internetAddress ?? INTERNET_PROBE_ADDRESS;
  const bySubnetLabel = (subnets: readonly Subnet[]): { label: string; subnet: Subnet }[] =>
    subnets.map((subnet) => ({ label: subnetLabel(model, subnet), subnet })).sort((a, b) => compare(a.label, b.label));
  const rows = [{ label: 'Internet', source: { ip: internet } as const }, ...bySubnetLabel(model.subnets).map(({ label }) => ({ label, source: { subnet: label } }))];
  const columns = bySubnetLabel(spokeSubnets(model));
  const cells = rows.map((row) =>
    columns.map((column) => ({
      results: probes.map((probe) => ({
        probe,
        verdict: verifyFlow(model, { source: row.source, destination: { subnet: column.label }, ...probe }),
      })),
    })),
  );
  return { probes, internetAddress: internet, sources: rows.map((r) => r.label), destinations: columns.map((c) => c.label), cells };
}

/** Subnets of spoke VNets: every VNet without an AzureFirewallSubnet. */
export function spokeSubnets(model: NetworkModel): Subnet[] {
  const hubs = hubVnetKeys(model);
  return model.subnets.filter((subnet) => subnet.vnetKey !== undefined && !hubs.has(subnet.vnetKey) && vnetOf(model, subnet));
}

/** Destination ports of every Allow NSG rule (a range probed at its first port), plus Tcp 22 and 3389. */
export function defaultProbes(model: NetworkModel): Probe[] {
  const probes: Probe[] = [{ port: 22, protocol: 'Tcp' }, { port: 3389, protocol: 'Tcp' }];
  for (const rule of model.securityGroups.flatMap((nsg) => nsg.rules)) {
    if (rule.access !== 'Allow') continue;
    const protocol: Protocol | undefined = rule.protocol === '*' || rule.protocol === 'Tcp' ? 'Tcp' : rule.protocol === 'Udp' ? 'Udp' : undefined;
    if (!protocol) continue;
    for (const port of rule.destinationPorts) {
      if (isRange(port) && !(port.from === 0 && port.to === 65535)) probes.push({ port: port.from, protocol });
    }
  }
  return sortProbes(probes);
}

/** Renders the matrix as a Markdown section. */
export function renderMatrixMarkdown(matrix: ReachabilityMatrix, environment?: string): string {
  const probeList = matrix.probes.map(probeLabel).join(', ');
  const lines = [
    `## Reachability matrix${environment ? `: ${environment}` : ''}`,
    '',
    `Probes: ${probeList || '(none)'}. Cells list the allowed probes; \`(dnat)\` = published on the firewall's public IP (DNAT), \`(fw)\` = through the firewall, \`(?)\` = unknown (unresolved reference), \`–\` = nothing allowed. Internet = ${matrix.internetAddress}.`,
    '',
    `| from \\ to | ${matrix.destinations.join(' | ')} |`,
    `| --- |${matrix.destinations.map(() => ' --- |').join('')}`,
  ];
  if (matrix.destinations.length === 0) {
    return `${[...lines.slice(0, 2), '_No spoke subnets (subnets of VNets without an AzureFirewallSubnet) to reach._'].join('\n')}\n`;
  }
  matrix.cells.forEach((row, index) => {
    lines.push(`| ${matrix.sources[index]} | ${row.map(cellText).join(' | ')} |`);
  });
  return `${lines.join('\n')}\n`;
}

function cellText(cell: MatrixCell): string {
  const shown = cell.results
    .filter(({ verdict }) => verdict.outcome !== 'denied')
    .map(({ probe, verdict }) => `${probeLabel(probe)}${verdict.outcome === 'unknown' ? ' (?)' : verdict.dnat ? ' (dnat)' : verdict.viaFirewall ? ' (fw)' : ''}`);
  return shown.length > 0 ? shown.join(', ') : '–';
}

function probeLabel(probe: Probe): string {
  return probe.protocol === 'Tcp' ? String(probe.port) : `${probe.port}/${probe.protocol.toLowerCase()}`;
}

function sortProbes(probes: readonly Probe[]): Probe[] {
  const unique = new Map(probes.map((p) => [`${p.protocol}/${p.port}`, p]));
  return [...unique.values()].sort((a, b) => a.port - b.port || compare(a.protocol, b.protocol));
}

function isRange(port: PortItem): port is { from: number; to: number } {
  return !('unresolved' in port);
}

/** Locale-independent ordering, so output is byte-identical everywhere. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
