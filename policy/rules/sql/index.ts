/** The sql rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_DATA_020 from './ZT-DATA-020';
import ZT_DATA_021 from './ZT-DATA-021';
import ZT_DATA_022 from './ZT-DATA-022';
import ZT_DATA_023 from './ZT-DATA-023';
import ZT_DATA_024 from './ZT-DATA-024';

const RULES: readonly Rule[] = [
  ZT_DATA_020,
  ZT_DATA_021,
  ZT_DATA_022,
  ZT_DATA_023,
  ZT_DATA_024,
];
export default RULES;
