/** The storage rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_DATA_010 from './ZT-DATA-010';
import ZT_DATA_011 from './ZT-DATA-011';
import ZT_DATA_012 from './ZT-DATA-012';
import ZT_DATA_013 from './ZT-DATA-013';
import ZT_DATA_014 from './ZT-DATA-014';
import ZT_DATA_015 from './ZT-DATA-015';
import ZT_DATA_016 from './ZT-DATA-016';
import ZT_DATA_017 from './ZT-DATA-017';

const RULES: readonly Rule[] = [
  ZT_DATA_010,
  ZT_DATA_011,
  ZT_DATA_012,
  ZT_DATA_013,
  ZT_DATA_014,
  ZT_DATA_015,
  ZT_DATA_016,
  ZT_DATA_017,
];
export default RULES;
