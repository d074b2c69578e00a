/** Public API: Composite constructs of a landing zone: the three-tier spoke, the platform Key Vault, the web-app workload. Re-exports only (the project imports the files directly). */
export * from './platform-key-vault';
export * from './three-tier-spoke';
export * from './tier-security-rules';
export * from './web-app-workload';
