/** The bastion rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_NET_030 from './ZT-NET-030';
import ZT_NET_031 from './ZT-NET-031';
import ZT_NET_032 from './ZT-NET-032';
import ZT_NET_033 from './ZT-NET-033';

const RULES: readonly Rule[] = [
  ZT_NET_030,
  ZT_NET_031,
  ZT_NET_032,
  ZT_NET_033,
];
export default RULES;
