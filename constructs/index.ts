/**
 * The public API of the landing-zone construct library: every construct with its props and interfaces, by area.
 * Re-exports only. Inside this project, import the defining file directly (deep imports keep start-up and tests fast);
 * consumers of the package import from here (`zero-trust-landing-zone/constructs`). See docs/publishing.md.
 */
export * from './interfaces';
export * from './resource-lock';
export * from './diagnostic-settings';
export * from './managed-identities';
export * from './access';
export * from './data';
export * from './governance';
export * from './identity';
export * from './landing-zone';
export * from './monitoring';
export * from './network';
export * from './security';
export * from './web';
