/** The private-link rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_NET_050 from './ZT-NET-050';
import ZT_NET_051 from './ZT-NET-051';
import ZT_NET_052 from './ZT-NET-052';
import ZT_NET_053 from './ZT-NET-053';
import ZT_NET_054 from './ZT-NET-054';

const RULES: readonly Rule[] = [
  ZT_NET_050,
  ZT_NET_051,
  ZT_NET_052,
  ZT_NET_053,
  ZT_NET_054,
];
export default RULES;
