/** Public API: Defender for Cloud, Microsoft Sentinel, incident paging and response playbooks. Re-exports only (the project imports the files directly). */
export * from './defender-for-cloud';
export * from './incident-paging';
export * from './playbook';
export * from './response-playbooks';
export * from './sentinel';
