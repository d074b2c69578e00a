/** The defender rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_VIS_030 from './ZT-VIS-030';
import ZT_VIS_031 from './ZT-VIS-031';
import ZT_VIS_032 from './ZT-VIS-032';
import ZT_VIS_033 from './ZT-VIS-033';
import ZT_VIS_034 from './ZT-VIS-034';
import ZT_VIS_035 from './ZT-VIS-035';

const RULES: readonly Rule[] = [
  ZT_VIS_030,
  ZT_VIS_031,
  ZT_VIS_032,
  ZT_VIS_033,
  ZT_VIS_034,
  ZT_VIS_035,
];
export default RULES;
