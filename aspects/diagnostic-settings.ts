import { IConstruct } from 'constructs';
import { defineDiagnosticSettings } from '../constructs/diagnostic-settings';
import { IDiagnosticsDestination } from '../constructs/interfaces';
import { diagnosticTargetsOf, isDiagnosticsConfigured, recordedDiagnosticsDestination } from '../lib/diagnostics';
import { IAspect, TerraformResource } from '../providers/cdktf';


/**
 * Gives every diagnosable resource in scope a diagnostic setting to the environment's workspace: every log category
 * (`allLogs`) and its metrics, per `lib/diagnostics.ts`. An aspect cannot forget a resource a construct adds later,
 * which a per-construct method could. Resources whose construct chose its own destination (the AVM `diagnostics`
 * prop) keep only that one: those it already sent are skipped, those it added later go to its destination.
 */
export class DiagnosticSettings implements IAspect {
  constructor(private readonly destination: IDiagnosticsDestination) {}

  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || isDiagnosticsConfigured(node)) return;
    const targets = diagnosticTargetsOf(node.terraformResourceType);
    if (!targets || targets.length === 0) return;
    defineDiagnosticSettings(node, recordedDiagnosticsDestination(node) ?? this.destination);
  }
}
