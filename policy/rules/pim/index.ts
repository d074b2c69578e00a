/** The pim rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_ID_023 from './ZT-ID-023';
import ZT_ID_024 from './ZT-ID-024';
import ZT_ID_025 from './ZT-ID-025';
import ZT_ID_026 from './ZT-ID-026';

const RULES: readonly Rule[] = [
  ZT_ID_023,
  ZT_ID_024,
  ZT_ID_025,
  ZT_ID_026,
];
export default RULES;
