/** The sentinel rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_VIS_040 from './ZT-VIS-040';
import ZT_VIS_041 from './ZT-VIS-041';

const RULES: readonly Rule[] = [
  ZT_VIS_040,
  ZT_VIS_041,
];
export default RULES;
