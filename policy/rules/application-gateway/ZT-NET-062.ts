/** Application Gateway WAF policies run a current core rule set (Microsoft DRS 2.1 or OWASP CRS 3.2) and the bot manager set. */
import { blocks, defineRule, each, fail, pass } from '../../engine';
import { WAF_POLICY } from '../../lib/application-gateway';
import { jsonText } from '../../../lib/json-text';

const CURRENT_CORE = new Set(['Microsoft_DefaultRuleSet 2.1', 'OWASP 3.2']);

export default defineRule({
  id: 'ZT-NET-062',
  severity: 'medium',
  pillar: 'networks',
  title: 'WAF policies run a current rule set and bot protection',
  rationale: 'Older rule sets miss current attack patterns and lack the new WAF engine; bots probe for weaknesses at scale.',
  fix: 'Use Microsoft_DefaultRuleSet 2.1 (or OWASP 3.2) plus Microsoft_BotManagerRuleSet.',
  appliesTo: [WAF_POLICY],
  references: { custom: 'Microsoft WAF on Application Gateway: DRS 2.1 recommended, CRS 3.2 minimum on the new engine; bot protection (Microsoft_BotManagerRuleSet)' },
  evaluate: (ctx) =>
    each(ctx, [WAF_POLICY], (policy) => {
      const sets = blocks((policy.attributes.managed_rules as Record<string, unknown> | undefined)?.managed_rule_set).map((set) => `${jsonText(set.type ?? 'OWASP')} ${jsonText(set.version)}`);
      const core = sets.find((set) => CURRENT_CORE.has(set));
      if (!core) return fail(`managed rule sets ${sets.join(', ') || '(none)'}; expected Microsoft_DefaultRuleSet 2.1 or OWASP 3.2`);
      if (!sets.some((set) => set.startsWith('Microsoft_BotManagerRuleSet '))) return fail(`${core} without Microsoft_BotManagerRuleSet`);
      return pass(sets.join(', '));
    }),
});
