/** The segmentation rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */
import type { Rule } from '../../engine';
import ZT_NET_001 from './ZT-NET-001';
import ZT_NET_002 from './ZT-NET-002';
import ZT_NET_003 from './ZT-NET-003';
import ZT_NET_004 from './ZT-NET-004';
import ZT_NET_005 from './ZT-NET-005';
import ZT_NET_006 from './ZT-NET-006';
import ZT_NET_007 from './ZT-NET-007';
import ZT_NET_008 from './ZT-NET-008';
import ZT_NET_009 from './ZT-NET-009';
import ZT_NET_010 from './ZT-NET-010';
import ZT_NET_011 from './ZT-NET-011';
import ZT_NET_012 from './ZT-NET-012';
import ZT_NET_013 from './ZT-NET-013';
import ZT_NET_014 from './ZT-NET-014';
import ZT_NET_015 from './ZT-NET-015';
import ZT_NET_016 from './ZT-NET-016';
import ZT_NET_017 from './ZT-NET-017';
import ZT_NET_018 from './ZT-NET-018';

const RULES: readonly Rule[] = [
  ZT_NET_001,
  ZT_NET_002,
  ZT_NET_003,
  ZT_NET_004,
  ZT_NET_005,
  ZT_NET_006,
  ZT_NET_007,
  ZT_NET_008,
  ZT_NET_009,
  ZT_NET_010,
  ZT_NET_011,
  ZT_NET_012,
  ZT_NET_013,
  ZT_NET_014,
  ZT_NET_015,
  ZT_NET_016,
  ZT_NET_017,
  ZT_NET_018,
];
export default RULES;
