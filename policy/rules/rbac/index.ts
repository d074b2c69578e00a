/** The rbac rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_ID_020 from './ZT-ID-020';
import ZT_ID_021 from './ZT-ID-021';
import ZT_ID_022 from './ZT-ID-022';

const RULES: readonly Rule[] = [
  ZT_ID_020,
  ZT_ID_021,
  ZT_ID_022,
];
export default RULES;
