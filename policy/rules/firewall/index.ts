/** The firewall rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_NET_020 from './ZT-NET-020';
import ZT_NET_021 from './ZT-NET-021';
import ZT_NET_022 from './ZT-NET-022';
import ZT_NET_023 from './ZT-NET-023';
import ZT_NET_024 from './ZT-NET-024';
import ZT_NET_025 from './ZT-NET-025';
import ZT_NET_026 from './ZT-NET-026';
import ZT_NET_027 from './ZT-NET-027';

const RULES: readonly Rule[] = [
  ZT_NET_020,
  ZT_NET_021,
  ZT_NET_022,
  ZT_NET_023,
  ZT_NET_024,
  ZT_NET_025,
  ZT_NET_026,
  ZT_NET_027,
];
export default RULES;
