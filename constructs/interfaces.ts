/** Small structural interfaces constructs accept, so they work with owned and imported resources alike. */

/** A resource group to place resources in: `ResourceGroup` from the provider satisfies it. */
export interface IResourceGroupRef {
  readonly name: string;
  readonly location: string;
}

/** Tags a construct applies to its resources (the stack's required tags are added by an aspect). */
export type Tags = Readonly<Record<string, string>>;

/** Where diagnostic settings send logs and metrics: the environment's Log Analytics workspace. */
export interface IDiagnosticsDestination {
  /** Resource ID of the Log Analytics workspace (may be a cross-stack token). */
  readonly logAnalyticsWorkspaceId: string;
}

/**
 * A management lock on a construct's primary resource (AVM `lock`). Azure applies it to the resource and everything
 * below it; `ReadOnly` also blocks data-plane writes that go through ARM, so prefer `CanNotDelete`.
 */
export interface ResourceLock {
  readonly kind: 'CanNotDelete' | 'ReadOnly';
  /**
   * Lock name (unique per scope, at most 260 characters).
   * @default - `lock-<resource name>`
   */
  readonly name?: string;
  /**
   * Why the lock is there, shown in the portal (at most 512 characters).
   * @default - none
   */
  readonly notes?: string;
}

/**
 * The AVM `diagnostics` input of constructs whose resources support diagnostic settings (lib/diagnostics.ts DIAGNOSABLE).
 */
export interface DiagnosticsInput {
  /**
   * Where this construct's diagnosable resources send their logs and metrics (categories per lib/diagnostics.ts),
   * e.g. a workload team's own workspace. The stack's `DiagnosticSettings` aspect then adds no second setting for
   * them (Azure rejects two settings with the same categories to one workspace, and a second workspace doubles the
   * bill); resources the construct adds later go to this destination too.
   * @default - the stack's workspace, through its `DiagnosticSettings` aspect (no setting in a stack without it)
   */
  readonly diagnostics?: IDiagnosticsDestination;
}

export type { ManagedIdentities } from '../lib/managed-identities';
