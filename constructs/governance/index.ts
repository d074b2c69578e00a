/** Public API: Management groups and guardrail policy initiatives. Re-exports only (the project imports the files directly). */
export * from './custom-policy-definition';
export * from './guardrail-initiative';
export * from './management-group-hierarchy';
