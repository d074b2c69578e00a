/** The log-analytics rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_VIS_001 from './ZT-VIS-001';
import ZT_VIS_002 from './ZT-VIS-002';
import ZT_VIS_003 from './ZT-VIS-003';

const RULES: readonly Rule[] = [
  ZT_VIS_001,
  ZT_VIS_002,
  ZT_VIS_003,
];
export default RULES;
