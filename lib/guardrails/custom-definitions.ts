/**
 * The project's own Azure Policy definitions, for guardrails no built-in definition enforces (the ALZ "essential"
 * guardrails that Azure ships only as Enterprise-Scale custom definitions). The governance stack defines each one a
 * guardrail uses once, at the hierarchy's root management group (`azurerm_policy_definition`, policy type Custom),
 * and the initiatives reference it by its ID. A guardrail names one with `customDefinition: '<name>'`.
 *
 * Written here, not copied: the rules use only verified aliases (listed in the tests) and ARM template functions.
 */
import type { PolicyDefinitionFacts } from './builtin-definitions';
import type { PolicyEffect } from './guardrail';

/** A condition of the Azure Policy rule language, as far as these definitions use it. */
export type PolicyCondition =
  | { readonly allOf: readonly PolicyCondition[] }
  | { readonly anyOf: readonly PolicyCondition[] }
  | { readonly not: PolicyCondition }
  | ({ readonly field: string } & PolicyOperator)
  | ({ readonly value: unknown } & PolicyOperator)
  | ({ readonly count: { readonly field?: string; readonly value?: unknown; readonly name?: string; readonly where?: PolicyCondition } } & PolicyOperator);

/** The comparison of a field, value or count condition (exactly one is set). */
export interface PolicyOperator {
  readonly equals?: unknown;
  readonly notEquals?: unknown;
  readonly in?: readonly unknown[] | string;
  readonly notIn?: readonly unknown[] | string;
  readonly greater?: number;
}

/** One parameter of a custom definition, as Azure Policy declares it. */
export interface CustomPolicyParameter {
  readonly type: 'String' | 'Array' | 'Boolean' | 'Integer' | 'Object';
  readonly metadata: { readonly displayName: string; readonly description: string };
  /** @default - any value of the type */
  readonly allowedValues?: readonly unknown[];
  /** @default - none: the parameter is required */
  readonly defaultValue?: unknown;
}

/** A custom policy definition: every property Azure stores for it. */
export interface CustomPolicyDefinition {
  /** Stable resource name (at most 64 characters): renaming it replaces the definition and its references. */
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  /** `All` for resource types without tags or location (such as NSG security rules). */
  readonly mode: 'All' | 'Indexed';
  readonly metadata: { readonly category: string; readonly version: string };
  readonly parameters: Readonly<Record<string, CustomPolicyParameter>>;
  readonly policyRule: { readonly if: PolicyCondition; readonly then: { readonly effect: string } };
}

const NSG = 'Microsoft.Network/networkSecurityGroups';
const SECURITY_RULE = `${NSG}/securityRules`;

/** Source prefixes that mean "anyone on the Internet" (compared case-insensitively by Azure Policy). */
export const INTERNET_SOURCES: readonly string[] = ['*', 'Internet', '0.0.0.0/0', '::/0'];

/**
 * `[...]` expression: does the port spec `spec` (an expression: a destination port range as written) include the
 * port currently enumerated by the `port` value count? A spec is `*`, one port (`22`) or a range (`20-25`): a range
 * includes the port when `low <= port <= high`, compared as integers after splitting at the dash. Nested `if()`
 * (which evaluates only the branch taken) keeps `int()` and `split()` away from specs they would fail on: an absent
 * singular field (the rule uses the plural one) and `*`. A failing template function would make the policy deny.
 */
function includesCurrentPort(spec: string): string {
  const port = "int(current('port'))";
  const range = `and(lessOrEquals(int(first(split(${spec}, '-'))), ${port}), greaterOrEquals(int(last(split(${spec}, '-'))), ${port}))`;
  return `[if(empty(${spec}), false(), if(equals(${spec}, '*'), true(), if(contains(${spec}, '-'), ${range}, equals(int(${spec}), ${port}))))]`;
}

/**
 * One security rule opens a listed port to the Internet: an inbound TCP/UDP Allow rule from an Internet source whose
 * destination ports include one of `parameters('ports')`. `alias` names a property in field conditions, `read` in
 * expressions: the child resource reads `securityRules/<p>` with `field()`, an NSG's inline rules read
 * `securityRules[*].<p>` with `current()` inside the count that enumerates them.
 */
function opensListedPortToInternet(alias: (property: string) => string, read: (property: string) => string): PolicyCondition {
  const ranges = alias('destinationPortRanges[*]');
  return {
    allOf: [
      { field: alias('access'), equals: 'Allow' },
      { field: alias('direction'), equals: 'Inbound' },
      // ICMP, ESP and AH have no ports; `*` includes TCP.
      { field: alias('protocol'), in: ['Tcp', 'Udp', '*'] },
      {
        anyOf: [
          { field: alias('sourceAddressPrefix'), in: INTERNET_SOURCES },
          { count: { field: alias('sourceAddressPrefixes[*]'), where: { field: alias('sourceAddressPrefixes[*]'), in: INTERNET_SOURCES } }, greater: 0 },
        ],
      },
      {
        count: {
          value: "[parameters('ports')]",
          name: 'port',
          where: {
            anyOf: [
              { value: includesCurrentPort(read('destinationPortRange')), equals: true },
              { count: { field: ranges, where: { value: includesCurrentPort(`current('${ranges}')`), equals: true } }, greater: 0 },
            ],
          },
        },
        greater: 0,
      },
    ],
  };
}

/** Denies NSG rules that open management ports (SSH, RDP by default) to the Internet: ZT-NET-002 / ZT-NET-003. */
export const DENY_MANAGEMENT_PORTS_FROM_INTERNET: CustomPolicyDefinition = {
  name: 'zt-deny-mgmt-ports-from-internet',
  displayName: 'Management ports should not be open to the Internet in network security groups',
  description:
    'Denies network security rules (separate rules and the rules inside a network security group) that allow inbound TCP or UDP traffic from any address or the Internet to one of the listed ports, written as a port, a range containing it, or *. Administration goes through Azure Bastion.',
  mode: 'All',
  metadata: { category: 'Network', version: '1.0.0' },
  parameters: {
    effect: {
      type: 'String',
      metadata: { displayName: 'Effect', description: 'Deny blocks the rule; Audit reports it; Disabled turns the policy off.' },
      allowedValues: ['Audit', 'Deny', 'Disabled'],
      defaultValue: 'Deny',
    },
    ports: {
      type: 'Array',
      metadata: { displayName: 'Ports', description: 'Destination ports that must not be reachable from the Internet, as strings (such as "22").' },
      defaultValue: ['22', '3389'],
    },
  },
  policyRule: {
    if: {
      anyOf: [
        { allOf: [{ field: 'type', equals: SECURITY_RULE }, opensListedPortToInternet((p) => `${SECURITY_RULE}/${p}`, (p) => `field('${SECURITY_RULE}/${p}')`)] },
        {
          allOf: [
            { field: 'type', equals: NSG },
            {
              count: { field: `${SECURITY_RULE}[*]`, where: opensListedPortToInternet((p) => `${SECURITY_RULE}[*].${p}`, (p) => `current('${SECURITY_RULE}[*].${p}')`) },
              greater: 0,
            },
          ],
        },
      ],
    },
    then: { effect: "[parameters('effect')]" },
  },
};

/** By name (what a guardrail's `customDefinition` names). */
export const CUSTOM_POLICY_DEFINITIONS: Readonly<Record<string, CustomPolicyDefinition>> = Object.fromEntries(
  [DENY_MANAGEMENT_PORTS_FROM_INTERNET].map((definition) => [definition.name, definition]),
);

/** The parameter `then.effect` names (`[parameters('<name>')]`); undefined for a fixed effect. */
export function effectParameterOf(definition: CustomPolicyDefinition): string | undefined {
  return /^\[parameters\('([A-Za-z0-9_]+)'\)\]$/.exec(definition.policyRule.then.effect)?.[1];
}

/** The effects a custom definition allows: its effect parameter's allowed values, or its fixed effect. */
export function customEffectsOf(definition: CustomPolicyDefinition): PolicyEffect[] {
  const parameter = effectParameterOf(definition);
  const values = parameter === undefined ? [definition.policyRule.then.effect] : (definition.parameters[parameter]?.allowedValues ?? []);
  return values.map((value) => String(value) as PolicyEffect);
}

/**
 * What an assignment needs to know of a custom definition, read from the definition itself: its effects, effect
 * parameter, the other parameters (required = no default) and no roles (the project's definitions do not remediate).
 */
export function customDefinitionFacts(definition: CustomPolicyDefinition): PolicyDefinitionFacts {
  const effectParameter = effectParameterOf(definition);
  const parameters = Object.entries(definition.parameters)
    .filter(([name]) => name !== effectParameter)
    .map(([name, parameter]) => [name, { type: parameter.type, required: parameter.defaultValue === undefined }] as const);
  return { displayName: definition.displayName, effects: customEffectsOf(definition), effectParameter, parameters: Object.fromEntries(parameters), roleDefinitionIds: [] };
}
