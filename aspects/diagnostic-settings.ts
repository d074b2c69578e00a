import { IConstruct } from 'constructs';
import { IDiagnosticsDestination } from '../constructs/interfaces';
import { diagnosticTargetsOf, isDiagnosticsConfigured, markDiagnosticsConfigured } from '../lib/diagnostics';
import { MonitorDiagnosticSetting } from '../providers/azurerm';
import { IAspect, TerraformResource } from '../providers/cdktf';


/**
 * Gives every diagnosable resource in scope a diagnostic setting to the environment's workspace: every log category
 * (`allLogs`) and its metrics, per `lib/diagnostics.ts`. An aspect cannot forget a resource a construct adds later,
 * which a per-construct method could.
 */
export class DiagnosticSettings implements IAspect {
  constructor(private readonly destination: IDiagnosticsDestination) {}

  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || isDiagnosticsConfigured(node)) return;
    const targets = diagnosticTargetsOf(node.terraformResourceType);
    if (!targets || targets.length === 0) return;
    markDiagnosticsConfigured(node);
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
