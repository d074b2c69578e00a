/** Public API: Log Analytics, action groups, VNet flow logs. Re-exports only (the project imports the files directly). */
export * from './action-group';
export * from './flow-log-storage-account';
export * from './log-analytics-workspace';
export * from './virtual-network-flow-log';
