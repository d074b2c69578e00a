/** The platform rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_INF_001 from './ZT-INF-001';
import ZT_INF_002 from './ZT-INF-002';
import ZT_INF_003 from './ZT-INF-003';
import ZT_INF_004 from './ZT-INF-004';
import ZT_INF_005 from './ZT-INF-005';
import ZT_INF_006 from './ZT-INF-006';
import ZT_INF_007 from './ZT-INF-007';
import ZT_INF_008 from './ZT-INF-008';
import ZT_INF_009 from './ZT-INF-009';

const RULES: readonly Rule[] = [
  ZT_INF_001,
  ZT_INF_002,
  ZT_INF_003,
  ZT_INF_004,
  ZT_INF_005,
  ZT_INF_006,
  ZT_INF_007,
  ZT_INF_008,
  ZT_INF_009,
];
export default RULES;
