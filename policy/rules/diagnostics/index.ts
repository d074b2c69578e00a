/** The diagnostics rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_VIS_010 from './ZT-VIS-010';
import ZT_VIS_011 from './ZT-VIS-011';
import ZT_VIS_012 from './ZT-VIS-012';
import ZT_VIS_013 from './ZT-VIS-013';
import ZT_VIS_014 from './ZT-VIS-014';
import ZT_VIS_015 from './ZT-VIS-015';
import ZT_VIS_016 from './ZT-VIS-016';
import ZT_VIS_017 from './ZT-VIS-017';

const RULES: readonly Rule[] = [
  ZT_VIS_010,
  ZT_VIS_011,
  ZT_VIS_012,
  ZT_VIS_013,
  ZT_VIS_014,
  ZT_VIS_015,
  ZT_VIS_016,
  ZT_VIS_017,
];
export default RULES;
