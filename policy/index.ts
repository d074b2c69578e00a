/** The policy pack's public surface. */
export { checkSynthesizedOutput, DEFAULT_FAIL_ON } from './check';
export type { CheckOptions, CheckOutcome } from './check';
export { ZERO_TRUST_PACK } from './pack';
export { evaluateStacks, evaluateEnvironment } from './evaluate';
export type { MatrixRow, StackResult, SuppressionEntry } from './evaluate';
export { complianceReport, toSarif, renderTable } from './report';
export type { Rule, RuleCheck, Severity, Pillar, Outcome } from './engine';
