/** The ddos rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_NET_040 from './ZT-NET-040';

const RULES: readonly Rule[] = [
  ZT_NET_040,
];
export default RULES;
