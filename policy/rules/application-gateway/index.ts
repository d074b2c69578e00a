/** The application-gateway rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_NET_060 from './ZT-NET-060';
import ZT_NET_061 from './ZT-NET-061';
import ZT_NET_062 from './ZT-NET-062';
import ZT_NET_063 from './ZT-NET-063';
import ZT_NET_064 from './ZT-NET-064';
import ZT_NET_065 from './ZT-NET-065';

const RULES: readonly Rule[] = [
  ZT_NET_060,
  ZT_NET_061,
  ZT_NET_062,
  ZT_NET_063,
  ZT_NET_064,
  ZT_NET_065,
];
export default RULES;
