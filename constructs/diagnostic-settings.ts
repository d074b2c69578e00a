import { IConstruct } from 'constructs';
import { diagnosticSettingArgs, diagnosticTargetsOf, isDiagnosticsConfigured, markDiagnosticsConfigured, recordDiagnosticsDestination, recordedDiagnosticsDestination } from '../lib/diagnostics';
import { MonitorDiagnosticSetting } from '../providers/azurerm';
import { TerraformResource } from '../providers/cdktf';
import { IDiagnosticsDestination } from './interfaces';

/**
 * The diagnostic settings of one resource to `destination` (children `Diagnostics`, `Diagnostics1`, ... of the
 * resource; names and categories from `diagnosticSettingArgs` in lib/diagnostics.ts), and the mark that tells the
 * stack's `DiagnosticSettings` aspect to add none. Throws when the resource already sends its diagnostics somewhere:
 * Azure rejects a second setting with the same categories to the same workspace, and to another one it doubles the
 * ingestion bill.
 */
export function defineDiagnosticSettings(resource: TerraformResource, destination: IDiagnosticsDestination): MonitorDiagnosticSetting[] {
  if (isDiagnosticsConfigured(resource)) {
    throw new Error(`${resource.node.path}: already sends its diagnostics to a workspace; set the construct's diagnostics destination once`);
  }
  markDiagnosticsConfigured(resource);
  const resourceId = (resource as unknown as { id: string }).id;
  return diagnosticSettingArgs(resource.terraformResourceType, resourceId, destination).map(({ id, ...config }) => new MonitorDiagnosticSetting(resource, id, config));
}

/**
 * The AVM `diagnostics` input of a construct: every diagnosable resource (lib/diagnostics.ts) the construct has
 * defined so far, its own and its children's, sends to `destination`; resources it adds later go there too through
 * the stack's aspect. Without `destination`, the destination an enclosing construct chose (e.g. the server of a
 * database added later); nothing when there is none (the stack's aspect covers the construct).
 */
export function sendDiagnostics(scope: IConstruct, destination: IDiagnosticsDestination | undefined): void {
  const chosen = destination ?? recordedDiagnosticsDestination(scope);
  if (!chosen) return;
  recordDiagnosticsDestination(scope, chosen);
  for (const node of scope.node.findAll()) {
    if (node instanceof TerraformResource && !isDiagnosticsConfigured(node) && (diagnosticTargetsOf(node.terraformResourceType)?.length ?? 0) > 0) {
      defineDiagnosticSettings(node, chosen);
    }
  }
}
