/**
 * The project's custom Azure Policy definitions: a sound catalogue, the management-ports definition's JSON (verified
 * aliases, parameters, the effect from a parameter), its logic over sample NSG rules (the definition's own JSON,
 * interpreted), the governance stack defining it once and its initiative referencing it, and the landing zone's own
 * NSG rules passing it, so deploying under the Deny guardrail cannot fail on them.
 */
import { CUSTOM_POLICY_DEFINITIONS, CustomPolicyDefinition, DENY_MANAGEMENT_PORTS_FROM_INTERNET } from '../../lib/guardrails/custom-definitions';
import { planInitiatives } from '../../lib/guardrails/plan';
import { missingGuardrails } from '../../policy/guardrails/coverage';
import { customDefinitionProblems, guardrailProblems } from '../../policy/guardrails/validate';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import type { TerraformJson } from '../../verifier/load';
import { SynthesizedStack, embeddedConfigs, resourcesOfType, synthEnvironments } from '../helpers';
import { AliasResource, policyRuleMatches } from './policy-rule-evaluator';

const PORTS = DENY_MANAGEMENT_PORTS_FROM_INTERNET;
const NSG = 'Microsoft.Network/networkSecurityGroups';
const RULE = `${NSG}/securityRules`;

/**
 * The aliases the definitions may use: each checked against Azure's alias list for Microsoft.Network (the
 * securityRules child resource and the NSG's securityRules[*] array), as Azure/Enterprise-Scale's definitions use them.
 */
const VERIFIED_ALIASES = new Set([
  'type',
  ...['access', 'direction', 'protocol', 'sourceAddressPrefix', 'sourceAddressPrefixes[*]', 'destinationPortRange', 'destinationPortRanges[*]'].flatMap((p) => [
    `${RULE}/${p}`,
    `${RULE}[*].${p}`,
  ]),
  `${RULE}[*]`,
]);

/** Every alias a definition names: in field conditions, field counts and field()/current() expressions. */
function aliasesOf(definition: CustomPolicyDefinition): string[] {
  const json = JSON.stringify(definition.policyRule);
  const inConditions = [...json.matchAll(/"field":"([^"]+)"/g)].map((m) => m[1] ?? '');
  const inExpressions = [...json.matchAll(/(?:field|current)\('([^']+)'\)/g)].map((m) => m[1] ?? '').filter((name) => name.includes('/'));
  return [...new Set([...inConditions, ...inExpressions])];
}

describe('the custom definition catalogue', () => {
  test('is sound: names Azure accepts, a version, an effect parameter, parameters used as declared', () => {
    expect(Object.keys(CUSTOM_POLICY_DEFINITIONS)).toContain(PORTS.name);
    expect(customDefinitionProblems()).toEqual([]);
  });

  test('fails: a long name, a fixed effect, an undeclared and an unused parameter, a default outside the allowed values', () => {
    const broken: CustomPolicyDefinition = {
      ...PORTS,
      name: `zt-${'x'.repeat(64)}`,
      metadata: { category: 'Network', version: 'one' },
      parameters: { ports: PORTS.parameters.ports!, spare: { type: 'String', metadata: { displayName: 'S', description: 'S' }, allowedValues: ['a'], defaultValue: 'b' } },
    };
    expect(customDefinitionProblems([broken, broken])).toEqual(
      expect.arrayContaining([
        expect.stringContaining('at most 64'),
        expect.stringContaining('defined twice'),
        expect.stringContaining('not a semantic version'),
        expect.stringContaining('undeclared parameter effect'),
        expect.stringContaining('parameter spare is declared but not used'),
        expect.stringContaining('default of spare is not among its allowed values'),
      ]),
    );
    expect(customDefinitionProblems([{ ...PORTS, policyRule: { ...PORTS.policyRule, then: { effect: 'Deny' } } }])).toEqual([expect.stringContaining("then.effect must be [parameters('effect')]"), expect.stringContaining('parameter effect is declared but not used')]);
  });
});

describe(`${PORTS.name}: the definition`, () => {
  test('uses verified aliases only, covering the separate rule resource and the inline rules of an NSG', () => {
    const aliases = aliasesOf(PORTS);
    expect(aliases.filter((alias) => !VERIFIED_ALIASES.has(alias))).toEqual([]);
    for (const p of ['sourceAddressPrefixes[*]', 'destinationPortRange', 'destinationPortRanges[*]']) {
      expect(aliases).toContain(`${RULE}/${p}`);
      expect(aliases).toContain(`${RULE}[*].${p}`);
    }
  });

  test('the effect is a parameter (Audit, Deny, Disabled; Deny by default) and the ports default to SSH and RDP', () => {
    expect(PORTS.policyRule.then.effect).toBe("[parameters('effect')]");
    expect(PORTS.parameters.effect).toMatchObject({ type: 'String', allowedValues: ['Audit', 'Deny', 'Disabled'], defaultValue: 'Deny' });
    expect(PORTS.parameters.ports).toMatchObject({ type: 'Array', defaultValue: ['22', '3389'] });
    expect(PORTS.mode).toBe('All'); // security rules carry neither tags nor a location
    expect(PORTS.name.length).toBeLessThanOrEqual(64);
  });

  test('is what ZT-NET-002 and ZT-NET-003 deny with, each for its own port', () => {
    const members = planInitiatives({ allowedLocations: ['westeurope'] }, ZERO_TRUST_PACK)
      .flatMap((i) => i.members)
      .filter((m) => m.custom?.name === PORTS.name);
    expect(members.map((m) => [m.ruleIds, m.parameterValues])).toEqual([
      [['ZT-NET-002'], { effect: { value: 'Deny' }, ports: { value: ['22'] } }],
      [['ZT-NET-003'], { effect: { value: 'Deny' }, ports: { value: ['3389'] } }],
    ]);
  });
});

/** One security rule in alias shape (ARM property names), inbound TCP Allow unless changed. */
function rule(change: Record<string, unknown>): Record<string, unknown> {
  return { access: 'Allow', direction: 'Inbound', protocol: 'Tcp', ...change };
}
const asChild = (r: Record<string, unknown>): AliasResource => ({ type: RULE, ...r });
const asInline = (r: Record<string, unknown>): AliasResource => ({ type: NSG, securityRules: [rule({ sourceAddressPrefix: '10.0.0.0/8', destinationPortRange: '443' }), r] });

describe.each([
  ['a separate security rule', asChild],
  ['an inline rule of an NSG', asInline],
] as const)(`${PORTS.name} over %s`, (_form, as) => {
  const denied = (r: Record<string, unknown>, ports?: string[]) => policyRuleMatches(PORTS, as(rule(r)), ports ? { ports } : {});

  test.each([
    ['22 from the Internet', { sourceAddressPrefix: 'Internet', destinationPortRange: '22' }],
    ['3389 from *', { sourceAddressPrefix: '*', destinationPortRange: '3389' }],
    ['the range 20-25 from 0.0.0.0/0', { sourceAddressPrefix: '0.0.0.0/0', destinationPortRange: '20-25' }],
    ['every port (*) from ::/0', { sourceAddressPrefix: '::/0', destinationPortRange: '*' }],
    ['22 among destinationPortRanges, source among sourceAddressPrefixes', { sourceAddressPrefixes: ['10.0.0.0/8', 'internet'], destinationPortRanges: ['443', '22'] }],
    ['a range in destinationPortRanges containing 3389', { sourceAddressPrefix: 'Internet', destinationPortRanges: ['80', '3000-4000'] }],
    ['protocol *', { protocol: '*', sourceAddressPrefix: 'Internet', destinationPortRange: '22' }],
  ])('denies %s', (_name, r) => {
    expect(denied(r)).toBe(true);
  });

  test.each([
    ['22 from 10.0.0.0/8', { sourceAddressPrefix: '10.0.0.0/8', destinationPortRange: '22' }],
    ['443 from the Internet', { sourceAddressPrefix: 'Internet', destinationPortRange: '443' }],
    ['a range next to the ports (23-3388)', { sourceAddressPrefix: 'Internet', destinationPortRanges: ['23-3388', '3390-3400'] }],
    ['a Deny rule', { access: 'Deny', sourceAddressPrefix: '*', destinationPortRange: '*' }],
    ['an outbound rule', { direction: 'Outbound', sourceAddressPrefix: '*', destinationPortRange: '22' }],
    ['ICMP', { protocol: 'Icmp', sourceAddressPrefix: 'Internet', destinationPortRange: '*' }],
    ['the Bastion subnet as source', { sourceAddressPrefix: '10.10.0.64/26', destinationPortRanges: ['22', '3389'] }],
  ])('allows %s', (_name, r) => {
    expect(denied(r)).toBe(false);
  });

  test('the ports parameter decides: 22 only does not deny 3389', () => {
    const rdp = { sourceAddressPrefix: 'Internet', destinationPortRange: '3389' };
    expect([denied(rdp, ['22']), denied(rdp, ['3389'])]).toEqual([false, true]);
  });
});

test('the evaluator fails where ARM would (int() of a non-number), so a template failure cannot pass unnoticed', () => {
  const failing: CustomPolicyDefinition = { ...PORTS, policyRule: { if: { value: "[int('x')]", equals: 1 }, then: PORTS.policyRule.then } };
  expect(() => policyRuleMatches(failing, asChild(rule({})))).toThrow(/int\('x'\) fails/);
});

describe('guardrails naming custom definitions', () => {
  const base = ZERO_TRUST_PACK.find((r) => r.id === 'ZT-NET-002')!;

  test('fails: an unknown name, an effect the definition does not allow, remediation, an unknown parameter', () => {
    const problems = guardrailProblems([
      { ...base, azurePolicy: [{ customDefinition: 'zt-missing', effect: 'Deny' }] },
      { ...base, azurePolicy: [{ customDefinition: PORTS.name, effect: 'Modify' }] },
      { ...base, azurePolicy: [{ customDefinition: PORTS.name, effect: 'Audit' }] },
      { ...base, azurePolicy: [{ customDefinition: PORTS.name, effect: 'Deny', parameters: () => ({ port: ['22'] }) }] },
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('zt-missing is not in lib/guardrails/custom-definitions.ts'),
        expect.stringContaining('effect Modify is not allowed'),
        expect.stringContaining('declares no roles, so it cannot Modify'),
        expect.stringContaining('allows Deny; use it or say why not'),
        expect.stringContaining('has no parameter port'),
      ]),
    );
  });
});

describe('in the synthesized governance stacks', () => {
  const configs = embeddedConfigs();
  const stacks = synthEnvironments(configs);
  const tenants = [...new Set(configs.filter((c) => c.tenantConfig.governance).map((c) => c.tenantConfig.tenant))];
  const governanceOf = (tenant: string) => stacks[`${tenant}-governance`]!;

  test.each(tenants)('%s-governance defines the definition once, at the hierarchy root, and the networks initiative references it', (tenant) => {
    const governance = governanceOf(tenant);
    const definitions = Object.entries(governance.resource?.azurerm_policy_definition ?? {}).filter(([, d]) => d.name === PORTS.name);
    expect(definitions).toHaveLength(1);
    const [key, definition] = definitions[0]!;
    expect(definition).toMatchObject({ policy_type: 'Custom', mode: 'All', display_name: PORTS.displayName });
    expect(String(definition.management_group_id)).toMatch(/^\$\{azurerm_management_group\.ManagementGroups_root_[A-Z0-9]+\.id\}$/);
    expect(JSON.parse(String(definition.policy_rule))).toEqual(PORTS.policyRule);
    expect(JSON.parse(String(definition.parameters))).toEqual(PORTS.parameters);
    const members = resourcesOfType(governance, 'azurerm_management_group_policy_set_definition').flatMap((s) => s.policy_definition_reference as Record<string, unknown>[]);
    const using = members.filter((m) => m.policy_definition_id === `\${azurerm_policy_definition.${key}.id}`);
    expect(using.map((m) => m.reference_id)).toEqual([`zt-net-002-${PORTS.name}`, `zt-net-003-${PORTS.name}`]);
  });

  test.each(tenants)('fails: %s-governance without the definition, with it twice, or with a member pointing elsewhere', (tenant) => {
    const without = JSON.parse(JSON.stringify(governanceOf(tenant))) as SynthesizedStack;
    delete without.resource!.azurerm_policy_definition;
    expect(missingGuardrails(without as unknown as TerraformJson, ZERO_TRUST_PACK)).toEqual(
      expect.arrayContaining([`ZT-NET-002: custom definition ${PORTS.name} is defined 0 times in the governance stack, not once`]),
    );
    const twice = JSON.parse(JSON.stringify(governanceOf(tenant))) as SynthesizedStack;
    const definitions = twice.resource!.azurerm_policy_definition!;
    definitions.copy = { ...Object.values(definitions)[0]! };
    expect(missingGuardrails(twice as unknown as TerraformJson, ZERO_TRUST_PACK)).toEqual(expect.arrayContaining([expect.stringContaining('is defined 2 times')]));
    const elsewhere = JSON.parse(JSON.stringify(governanceOf(tenant))) as SynthesizedStack;
    for (const set of Object.values(elsewhere.resource!.azurerm_management_group_policy_set_definition!)) {
      for (const m of set.policy_definition_reference as Record<string, unknown>[]) if (m.reference_id === `zt-net-003-${PORTS.name}`) m.policy_definition_id = '/providers/Microsoft.Authorization/policyDefinitions/22730e10-96f6-4aac-ad84-9383d35b5917';
    }
    expect(missingGuardrails(elsewhere as unknown as TerraformJson, ZERO_TRUST_PACK)).toEqual([`ZT-NET-003: ${PORTS.name} is in no assigned initiative`]);
  });

  /** A synthesized `azurerm_network_security_rule` or inline `security_rule` block in alias shape. */
  function aliasShape(attributes: Record<string, unknown>): Record<string, unknown> {
    return {
      access: attributes.access,
      direction: attributes.direction,
      protocol: attributes.protocol,
      sourceAddressPrefix: attributes.source_address_prefix,
      sourceAddressPrefixes: attributes.source_address_prefixes,
      destinationPortRange: attributes.destination_port_range,
      destinationPortRanges: attributes.destination_port_ranges,
    };
  }

  const environmentStacks = Object.entries(stacks).filter(([name]) => !tenants.some((t) => name === `${t}-governance`));
  const resources: [string, AliasResource][] = environmentStacks.flatMap(([name, stack]) => [
    ...resourcesOfType(stack, 'azurerm_network_security_rule').map((r) => [`${name}/${String(r.name)}`, asChild(aliasShape(r))] as [string, AliasResource]),
    ...resourcesOfType(stack, 'azurerm_network_security_group').map(
      (nsg) => [`${name}/${String(nsg.name)}`, { type: NSG, securityRules: ((nsg.security_rule ?? []) as Record<string, unknown>[]).map(aliasShape) }] as [string, AliasResource],
    ),
  ]);
  const guardrails = ZERO_TRUST_PACK.flatMap((r) => (r.azurePolicy ?? []).filter((g) => g.customDefinition === PORTS.name).map((g) => ({ rule: r.id, ports: g.parameters?.({ allowedLocations: [] }).ports as string[] })));

  test("the landing zone's own NSG rules pass it with each guardrail's ports (deploying under the Deny cannot fail on them)", () => {
    expect(guardrails.map((g) => g.rule)).toEqual(['ZT-NET-002', 'ZT-NET-003']);
    const denied = guardrails.flatMap(({ rule: id, ports }) => resources.filter(([, r]) => policyRuleMatches(PORTS, r, { ports })).map(([name]) => `${id} denies ${name}`));
    expect(denied).toEqual([]);
  });

  test("an NSG update carrying its rules inline (as Azure presents an existing NSG) passes too (each stack's rules in one NSG: a superset)", () => {
    const byStack = environmentStacks.map(([, stack]) => ({ type: NSG, securityRules: resourcesOfType(stack, 'azurerm_network_security_rule').map(aliasShape) }));
    expect(byStack.flatMap((nsg) => guardrails.filter(({ ports }) => policyRuleMatches(PORTS, nsg, { ports })))).toEqual([]);
    expect(byStack.some((nsg) => nsg.securityRules.length > 0)).toBe(true);
  });

  test('the check is not vacuous: it read inbound Allow rules from the Internet (Bastion, web ingress) and the Bastion-sourced SSH/RDP', () => {
    const rules = resources.filter(([, r]) => r.type === RULE).map(([, r]) => r);
    expect(rules.some((r) => r.direction === 'Inbound' && r.access === 'Allow' && r.sourceAddressPrefix === 'Internet')).toBe(true);
    expect(rules.some((r) => r.access === 'Allow' && r.direction === 'Inbound' && JSON.stringify(r.destinationPortRanges) === JSON.stringify(['22', '3389']))).toBe(true);
  });

  test('fails: a landing-zone rule changed to admit SSH from the Internet is denied', () => {
    const bastionSourced = resources.find(([, r]) => r.type === RULE && r.access === 'Allow' && r.direction === 'Inbound' && JSON.stringify(r.destinationPortRanges) === JSON.stringify(['22', '3389']))!;
    const opened = { ...bastionSourced[1], sourceAddressPrefix: 'Internet' };
    expect(guardrails.map(({ ports }) => policyRuleMatches(PORTS, opened, { ports }))).toEqual([true, true]);
  });
});
