/** The cosmos-db rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_DATA_030 from './ZT-DATA-030';

const RULES: readonly Rule[] = [
  ZT_DATA_030,
];
export default RULES;
