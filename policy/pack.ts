/**
 * The Zero Trust pack: the rules of every area, sorted by ID. Each rule file (`rules/<area>/<ID>.ts`) holds its ID,
 * wording, severity, pillar, references and logic (`defineRule` in engine.ts); each area's `index.ts` lists its rule
 * files. Adding a rule touches its file and its area's index; a new area adds one line here.
 * `docs/policy-rules.md` and the README rule table are generated from this pack (`npm run policy:docs`).
 */
import { Rule } from './engine';
import appService from './rules/app-service';
import applicationGateway from './rules/application-gateway';
import bastion from './rules/bastion';
import cosmosDb from './rules/cosmos-db';
import ddos from './rules/ddos';
import defender from './rules/defender';
import diagnostics from './rules/diagnostics';
import firewall from './rules/firewall';
import flowLogs from './rules/flow-logs';
import identity from './rules/identity';
import keyVault from './rules/key-vault';
import logAnalytics from './rules/log-analytics';
import pim from './rules/pim';
import platform from './rules/platform';
import privateLink from './rules/private-link';
import rbac from './rules/rbac';
import segmentation from './rules/segmentation';
import sentinel from './rules/sentinel';
import sql from './rules/sql';
import storage from './rules/storage';

/** Every area's rules, keyed by the area's folder under policy/rules/. */
export const RULE_AREAS: Readonly<Record<string, readonly Rule[]>> = {
  'app-service': appService,
  'application-gateway': applicationGateway,
  bastion: bastion,
  'cosmos-db': cosmosDb,
  ddos: ddos,
  defender: defender,
  diagnostics: diagnostics,
  firewall: firewall,
  'flow-logs': flowLogs,
  identity: identity,
  'key-vault': keyVault,
  'log-analytics': logAnalytics,
  pim: pim,
  platform: platform,
  'private-link': privateLink,
  rbac: rbac,
  segmentation: segmentation,
  sentinel: sentinel,
  sql: sql,
  storage: storage,
};

/** The areas' rules in one list sorted by ID; throws on an ID that two rules declare (across areas or within one). */
export function assemblePack(areas: Readonly<Record<string, readonly Rule[]>>): readonly Rule[] {
  const areaOf = new Map<string, string>();
  const duplicates: string[] = [];
  for (const [area, rules] of Object.entries(areas)) {
    for (const rule of rules) {
      const first = areaOf.get(rule.id);
      if (first === undefined) areaOf.set(rule.id, area);
      else duplicates.push(`${rule.id} (in ${first} and ${area})`);
    }
  }
  if (duplicates.length > 0) throw new Error(`policy pack: rule IDs declared twice: ${duplicates.join(', ')}`);
  return Object.values(areas)
    .flat()
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Every rule of the Zero Trust pack, sorted by ID. */
export const ZERO_TRUST_PACK: readonly Rule[] = assemblePack(RULE_AREAS);
