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
