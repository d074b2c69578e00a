/** The flow-logs rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_VIS_020 from './ZT-VIS-020';
import ZT_VIS_021 from './ZT-VIS-021';
import ZT_VIS_022 from './ZT-VIS-022';

const RULES: readonly Rule[] = [
  ZT_VIS_020,
  ZT_VIS_021,
  ZT_VIS_022,
];
export default RULES;
