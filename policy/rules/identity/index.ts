/** The identity rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_ID_001 from './ZT-ID-001';
import ZT_ID_002 from './ZT-ID-002';
import ZT_ID_003 from './ZT-ID-003';
import ZT_ID_004 from './ZT-ID-004';
import ZT_ID_005 from './ZT-ID-005';
import ZT_ID_006 from './ZT-ID-006';
import ZT_ID_007 from './ZT-ID-007';
import ZT_ID_008 from './ZT-ID-008';
import ZT_ID_009 from './ZT-ID-009';
import ZT_ID_010 from './ZT-ID-010';

const RULES: readonly Rule[] = [
  ZT_ID_001,
  ZT_ID_002,
  ZT_ID_003,
  ZT_ID_004,
  ZT_ID_005,
  ZT_ID_006,
  ZT_ID_007,
  ZT_ID_008,
  ZT_ID_009,
  ZT_ID_010,
];
export default RULES;
