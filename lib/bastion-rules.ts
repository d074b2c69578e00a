/** Azure's rules for a Bastion host's SKU-dependent options, shared by the BastionHost construct and `hub.bastion`. */
import { PropertyProblem } from './property-problems';

export type BastionSku = 'Standard' | 'Premium';

/** Instances a Bastion host may have (each serves about 20 RDP or 40 SSH sessions). */
export const BASTION_SCALE_UNITS = { min: 2, max: 50 } as const;

/** The Bastion settings the rules read (BastionHostProps and `hub.bastion` both fit). */
export interface BastionSettings {
  /** @default 'Standard' */
  readonly sku?: BastionSku;
  /** @default 2 */
  readonly scaleUnits?: number;
  /** @default false */
  readonly sessionRecordingEnabled?: boolean;
}

/** Scale units are a whole number from 2 to 50; session recording needs the Premium SKU. */
export function bastionHostProblems(settings: BastionSettings): PropertyProblem[] {
  const problems: PropertyProblem[] = [];
  const sku = settings.sku ?? 'Standard';
  const scaleUnits = settings.scaleUnits ?? 2;
  if (!Number.isInteger(scaleUnits) || scaleUnits < BASTION_SCALE_UNITS.min || scaleUnits > BASTION_SCALE_UNITS.max) {
    problems.push({ path: 'scaleUnits', message: `is ${scaleUnits}`, fix: `use a whole number from ${BASTION_SCALE_UNITS.min} to ${BASTION_SCALE_UNITS.max}` });
  }
  if (settings.sessionRecordingEnabled && sku !== 'Premium') {
    problems.push({ path: 'sessionRecordingEnabled', message: `needs sku: Premium (sku is '${sku}')`, fix: 'change the SKU or turn recording off' });
  }
  return problems;
}
