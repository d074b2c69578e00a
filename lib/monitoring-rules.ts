/**
 * Azure's limits for the Log Analytics workspace and VNet flow logs, shared by the monitoring constructs and the
 * config's `management` section (the schema keeps the limits for editors and reports them in these words).
 */
import { nameRuleProblem } from './naming';
import { PropertyProblem } from './property-problems';

/** Interactive retention of a workspace (days). */
export const WORKSPACE_RETENTION_DAYS = { min: 30, max: 730 } as const;

/** Flow log retention in the storage account (days): Azure's maximum, and the 90 days investigations need. */
export const FLOW_LOG_RETENTION_DAYS = { min: 90, max: 365 } as const;

/** The workspace settings the rules read. */
export interface WorkspaceSettings {
  readonly name: string;
  /** @default 90 */
  readonly retentionInDays?: number;
  /** @default - no cap */
  readonly dailyQuotaGb?: number;
}

/** Workspace retention outside 30-730 days. */
export function workspaceRetentionProblem(days: number): PropertyProblem | undefined {
  const { min, max } = WORKSPACE_RETENTION_DAYS;
  if (Number.isInteger(days) && days >= min && days <= max) return undefined;
  return { path: 'retentionInDays', message: `is ${days}`, fix: `use a whole number of days from ${min} to ${max}` };
}

/** Name (lib/naming.ts), retention and daily cap of a workspace. */
export function logAnalyticsWorkspaceProblems(settings: WorkspaceSettings): PropertyProblem[] {
  const problems: PropertyProblem[] = [];
  const name = nameRuleProblem('logAnalyticsWorkspace', settings.name, 'workspace');
  if (name) problems.push(name);
  const retention = workspaceRetentionProblem(settings.retentionInDays ?? 90);
  if (retention) problems.push(retention);
  if (settings.dailyQuotaGb !== undefined && !(settings.dailyQuotaGb > 0)) {
    problems.push({ path: 'dailyQuotaGb', message: `is ${settings.dailyQuotaGb}`, fix: 'use a positive number of GB (omit it for no cap)' });
  }
  return problems;
}

/** Flow log retention outside 90-365 days. */
export function flowLogRetentionProblem(days: number): PropertyProblem | undefined {
  const { min, max } = FLOW_LOG_RETENTION_DAYS;
  if (Number.isInteger(days) && days >= min && days <= max) return undefined;
  return { path: 'retentionInDays', message: `is ${days}`, fix: `use a whole number of days from ${min} to ${max} (investigations need at least ${min})` };
}
