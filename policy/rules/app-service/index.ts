/** The app-service rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_APP_001 from './ZT-APP-001';
import ZT_APP_002 from './ZT-APP-002';
import ZT_APP_003 from './ZT-APP-003';
import ZT_APP_004 from './ZT-APP-004';
import ZT_APP_005 from './ZT-APP-005';
import ZT_APP_006 from './ZT-APP-006';
import ZT_APP_007 from './ZT-APP-007';

const RULES: readonly Rule[] = [
  ZT_APP_001,
  ZT_APP_002,
  ZT_APP_003,
  ZT_APP_004,
  ZT_APP_005,
  ZT_APP_006,
  ZT_APP_007,
];
export default RULES;
