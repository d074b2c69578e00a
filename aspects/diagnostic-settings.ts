import { IConstruct } from 'constructs';
import { IDiagnosticsDestination } from '../constructs/interfaces';
import { diagnosticTargetsOf } from '../lib/diagnostics';
import { MonitorDiagnosticSetting } from '../providers/azurerm';
import { IAspect, TerraformResource } from '../providers/cdktf';

/** Resources that already send diagnostics (a construct created their setting); the aspect leaves them alone. */
const configured = new WeakSet<IConstruct>();

/** Records that `resource` already has its diagnostic setting, e.g. from `KeyVault.sendDiagnosticsTo`. */
export function markDiagnosticsConfigured(resource: IConstruct): void {
  configured.add(resource);
}

/**
 * Gives every diagnosable resource in scope a diagnostic setting to the environment's workspace: every log category
 * (`allLogs`) and its metrics, per `lib/diagnostics.ts`. An aspect cannot forget a resource a construct adds later,
 * which a per-construct method could.
 */
export class DiagnosticSettings implements IAspect {
  constructor(private readonly destination: IDiagnosticsDestination) {}

  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || configured.has(node)) return;
    const targets = diagnosticTargetsOf(node.terraformResourceType);
    if (!targets || targets.length === 0) return;
    configured.add(node);
    targets.forEach((target, i) => {
      const id = (node as unknown as { id: string }).id;
      new MonitorDiagnosticSetting(node, i === 0 ? 'Diagnostics' : `Diagnostics${i}`, {
        name: target.suffix ? `diag-law${target.suffix.replace(/\//g, '-')}` : 'diag-law',
        targetResourceId: `${id}${target.suffix}`,
        logAnalyticsWorkspaceId: this.destination.logAnalyticsWorkspaceId,
        logAnalyticsDestinationType: target.dedicatedTables ? 'Dedicated' : undefined,
        enabledLog: target.logs ? (target.logCategories ? target.logCategories.map((category) => ({ category })) : [{ categoryGroup: 'allLogs' }]) : undefined,
        enabledMetric: target.metrics ? [{ category: target.metrics }] : undefined,
      });
    });
  }
}
