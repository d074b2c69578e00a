/**
 * The suppression record as it appears in synthesized JSON (`"//": { "policySuppressions": [...] }` on a resource,
 * or on the stack's top-level `"//"` block), and the rules every suppression must follow wherever it comes from.
 */

/** JSON key under a resource's or stack's `"//"` block. */
export const SUPPRESSIONS_KEY = 'policySuppressions';

/** Shortest accepted reason (the cdk-nag rule). */
export const MIN_REASON_LENGTH = 10;

/** One suppression as written into `cdk.tf.json`. */
export interface SuppressionRecord {
  readonly ruleId: string;
  readonly reason: string;
  /** Last day (UTC, `YYYY-MM-DD`) the suppression works; from the next day the finding comes back. */
  readonly expires?: string;
  /** Construct path the suppression was added on (a resource, a construct subtree or a stack). */
  readonly addedOn?: string;
}

/** The problem with a suppression, or undefined when it is valid. */
export function suppressionProblem(record: { ruleId?: unknown; reason?: unknown; expires?: unknown }): string | undefined {
  if (typeof record.ruleId !== 'string' || !/^ZT-[A-Z]+-\d{3}$/.test(record.ruleId)) {
    return `ruleId ${JSON.stringify(record.ruleId)} is not a policy rule ID (like ZT-NET-001)`;
  }
  if (typeof record.reason !== 'string' || record.reason.trim().length < MIN_REASON_LENGTH) {
    return `the reason for suppressing ${record.ruleId} must be at least ${MIN_REASON_LENGTH} characters (got ${JSON.stringify(record.reason ?? '')}); say why the rule does not apply here`;
  }
  if (record.expires !== undefined && (typeof record.expires !== 'string' || !isCalendarDate(record.expires))) {
    return `expires ${JSON.stringify(record.expires)} of the ${record.ruleId} suppression is not a date YYYY-MM-DD`;
  }
  return undefined;
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** A suppression expires after its `expires` day (UTC). */
export function isExpired(record: SuppressionRecord, now: Date): boolean {
  return record.expires !== undefined && now.toISOString().slice(0, 10) > record.expires;
}
