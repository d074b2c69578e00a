/** The key-vault rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_DATA_001 from './ZT-DATA-001';
import ZT_DATA_002 from './ZT-DATA-002';
import ZT_DATA_003 from './ZT-DATA-003';
import ZT_DATA_004 from './ZT-DATA-004';
import ZT_DATA_005 from './ZT-DATA-005';
import ZT_DATA_006 from './ZT-DATA-006';
import ZT_DATA_007 from './ZT-DATA-007';

const RULES: readonly Rule[] = [
  ZT_DATA_001,
  ZT_DATA_002,
  ZT_DATA_003,
  ZT_DATA_004,
  ZT_DATA_005,
  ZT_DATA_006,
  ZT_DATA_007,
];
export default RULES;
