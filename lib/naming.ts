/**
 * Resource naming from one place: Cloud Adoption Framework abbreviations + qualifier + workload + environment +
 * region short code, checked against each resource type's Azure length and character limits.
 */
import { createHash } from 'node:crypto';
import { PropertyProblem } from './property-problems';

/** Azure's naming rules for one resource type (Microsoft.Resources / Microsoft.Network naming restrictions). */
export interface NameRule {
  /** CAF abbreviation used as the name's first segment. */
  readonly abbreviation: string;
  readonly minLength: number;
  readonly maxLength: number;
  readonly pattern: RegExp;
  /** Human-readable form of `pattern`, used in error messages. */
  readonly allowed: string;
}

// Most Microsoft.Network resources: alphanumerics, underscores, periods and hyphens; start alphanumeric; end
// alphanumeric or underscore.
const NETWORK_PATTERN = /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const NETWORK_ALLOWED = 'letters, digits, underscores, periods and hyphens; start with a letter or digit; end with a letter, digit or underscore';

function networkRule(abbreviation: string, minLength = 1, maxLength = 80): NameRule {
  return { abbreviation, minLength, maxLength, pattern: NETWORK_PATTERN, allowed: NETWORK_ALLOWED };
}

export const NAME_RULES = {
  resourceGroup: {
    abbreviation: 'rg',
    minLength: 1,
    maxLength: 90,
    pattern: /^[-\w.()]*[-\w()]$/,
    allowed: 'letters, digits, underscores, parentheses, hyphens and periods; not ending with a period',
  },
  virtualNetwork: networkRule('vnet', 2, 64),
  subnet: networkRule('snet'),
  networkSecurityGroup: networkRule('nsg'),
  routeTable: networkRule('rt'),
  firewall: networkRule('afw', 1, 56),
  firewallPolicy: networkRule('afwp'),
  bastionHost: networkRule('bas'),
  publicIp: networkRule('pip'),
  ddosProtectionPlan: networkRule('ddos'),
  // Microsoft.Network/privateEndpoints: 2-64 (the other network resources here allow 80).
  privateEndpoint: networkRule('pe', 2, 64),
  networkInterface: networkRule('nic'),
  securityRule: networkRule('nsgsr'),
  route: networkRule('udr'),
  logAnalyticsWorkspace: {
    abbreviation: 'log',
    minLength: 4,
    maxLength: 63,
    pattern: /^[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]$/,
    allowed: 'letters, digits and hyphens, starting and ending with a letter or digit',
  },
  userAssignedIdentity: {
    abbreviation: 'id',
    minLength: 3,
    maxLength: 128,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
    allowed: 'letters, digits, hyphens and underscores, starting with a letter or digit',
  },
  applicationGateway: networkRule('agw'),
  webApplicationFirewallPolicy: { abbreviation: 'waf', minLength: 1, maxLength: 128, pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, allowed: 'letters, digits, underscores, periods and hyphens' },
  appServicePlan: { abbreviation: 'asp', minLength: 1, maxLength: 60, pattern: /^[A-Za-z0-9-]+$/, allowed: 'letters, digits and hyphens' },
  // Microsoft.Web/sites: alphanumerics and hyphens, not starting or ending with a hyphen (names are case-insensitive
  // DNS labels; generated ones are lower case).
  webApp: { abbreviation: 'app', minLength: 2, maxLength: 60, pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/, allowed: 'letters, digits and hyphens, not starting or ending with a hyphen' },
  sqlServer: { abbreviation: 'sql', minLength: 1, maxLength: 63, pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, allowed: 'lower-case letters, digits and hyphens, not starting or ending with a hyphen' },
  // Microsoft.KeyVault/vaults: alphanumerics and hyphens, start with a letter, end with a letter or digit, no
  // consecutive hyphens. Names are case-insensitive (and unique across Azure); generated ones are lower case.
  keyVault: {
    abbreviation: 'kv',
    minLength: 3,
    maxLength: 24,
    pattern: /^(?=.{3,24}$)[A-Za-z](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/,
    allowed: 'letters, digits and hyphens, starting with a letter, ending with a letter or digit, no consecutive hyphens',
  },
  logicApp: {
    abbreviation: 'logic',
    minLength: 1,
    maxLength: 80,
    pattern: /^[A-Za-z0-9_.()-]+$/,
    allowed: 'letters, digits, hyphens, underscores, periods and parentheses',
  },
  apiConnection: networkRule('con'),
  actionGroup: networkRule('ag', 1, 260),
  monitorPrivateLinkScope: networkRule('ampls', 1, 255),
  scheduledQueryRule: networkRule('alrt', 1, 260),
} satisfies Record<string, NameRule>;

export type ResourceKind = keyof typeof NAME_RULES;

/** Returns why `name` breaks the rules for `kind`, or undefined when it is valid. */
export function nameProblem(kind: ResourceKind, name: string): string | undefined {
  const rule: NameRule = NAME_RULES[kind];
  if (name.length < rule.minLength || name.length > rule.maxLength) {
    return `${kind} name '${name}' is ${name.length} characters; Azure allows ${rule.minLength}-${rule.maxLength}`;
  }
  if (!rule.pattern.test(name)) {
    return `${kind} name '${name}' has characters Azure does not allow (${rule.allowed})`;
  }
  return undefined;
}

/**
 * Why `name` breaks the rules for `kind`, as a construct rule's problem at `name` (`label` names the resource type in
 * the message: 'Key Vault', 'workspace'), or undefined when it is valid.
 */
export function nameRuleProblem(kind: ResourceKind, name: string, label: string, path = 'name'): PropertyProblem | undefined {
  const rule: NameRule = NAME_RULES[kind];
  if (name.length < rule.minLength || name.length > rule.maxLength) {
    return { path, message: `'${name}' is ${name.length} characters; Azure allows ${rule.minLength}-${rule.maxLength} for ${label} names`, fix: 'pick a name of that length' };
  }
  if (!rule.pattern.test(name)) {
    return { path, message: `'${name}' is not a valid ${label} name (${rule.allowed})`, fix: 'pick a name that follows the rule' };
  }
  return undefined;
}

export interface ResourceNamerProps {
  /** Workload segment, e.g. `hub`. */
  readonly workload: string;
  /** Environment name, e.g. `prod`. */
  readonly environment: string;
  /** Region short code, e.g. `weu`. */
  readonly regionShortName: string;
}

/** Builds CAF names such as `afw-hub-prod-weu` or `pip-afw-mgmt-hub-prod-weu` and rejects invalid ones. */
export class ResourceNamer {
  constructor(private readonly props: ResourceNamerProps) {}

  /** The name for a resource of `kind`, with optional qualifiers placed after the abbreviation. */
  public name(kind: ResourceKind, ...qualifiers: string[]): string {
    const { workload, environment, regionShortName } = this.props;
    const name = [NAME_RULES[kind].abbreviation, ...qualifiers, workload, environment, regionShortName].join('-');
    const problem = nameProblem(kind, name);
    if (problem) {
      const fix = name.length > NAME_RULES[kind].maxLength
        ? `shorten the environment name or workload (${workload}) so generated names fit`
        : 'use only the allowed characters in the environment name, workload and qualifiers';
      throw new Error(`${problem}; ${fix}`);
    }
    return name;
  }
}

/**
 * A Key Vault name, which must be unique across Azure: `kv-<workload>-<env>-<region>-<4 hex>`, the suffix derived
 * from the subscription ID so the name is stable for a subscription and differs between tenants' subscriptions.
 */
export function keyVaultName(props: ResourceNamerProps & { readonly subscriptionId: string }): string {
  const name = keyVaultNameCandidate(props);
  const problem = nameProblem('keyVault', name);
  if (problem) throw new Error(`${problem}; set an explicit Key Vault name or shorten the workload (${props.workload}) or environment name`);
  return name;
}

/** The generated Key Vault name before its check (for messages that show how long it would be). */
export function keyVaultNameCandidate(props: ResourceNamerProps & { readonly subscriptionId: string }): string {
  return ['kv', props.workload, props.environment, props.regionShortName, subscriptionSuffix(props.subscriptionId, props.workload)].join('-');
}

/**
 * The name of a resource whose name is a DNS label across Azure (web app `<name>.azurewebsites.net`, SQL server
 * `<name>.database.windows.net`): the CAF name plus four hex characters derived from the subscription, like Key Vault.
 */
export function globallyUniqueName(kind: 'webApp' | 'sqlServer', props: ResourceNamerProps & { readonly subscriptionId: string }): string {
  const name = [NAME_RULES[kind].abbreviation, props.workload, props.environment, props.regionShortName, subscriptionSuffix(props.subscriptionId, `${kind}/${props.workload}`)].join('-');
  const problem = nameProblem(kind, name);
  if (problem) throw new Error(`${problem}; shorten the workload (${props.workload}) or environment name`);
  return name;
}

/**
 * A storage account name (3-24 lower-case letters and digits, globally unique): `st<purpose><env><region><4 hex>`,
 * the suffix derived from the subscription ID like Key Vault names.
 */
export function storageAccountName(props: { readonly purpose: string; readonly environment: string; readonly regionShortName: string; readonly subscriptionId: string }): string {
  const name = `st${props.purpose}${props.environment}${props.regionShortName}${subscriptionSuffix(props.subscriptionId, `st/${props.purpose}`)}`.replace(/[^a-z0-9]/g, '');
  if (name.length > 24) throw new Error(`storage account name '${name}' is ${name.length} characters; Azure allows 3-24; shorten the environment name`);
  return name;
}

/**
 * Four hex characters derived from the subscription and a purpose: stable for a subscription, different across
 * subscriptions, which globally unique names (Key Vault, storage) need.
 */
function subscriptionSuffix(subscriptionId: string, purpose: string): string {
  return createHash('sha256').update(`${subscriptionId}/${purpose}`).digest('hex').slice(0, 4);
}

/** `https://<vault>.vault.azure.net/secrets/<name>[/<version>]`: groups 1 = vault, 2 = secret name, 3 = version. */
export const KEY_VAULT_SECRET_ID = /^https:\/\/([a-z][a-z0-9-]{1,22}[a-z0-9])\.vault\.azure\.net\/secrets\/([A-Za-z0-9-]{1,127})(?:\/([0-9a-f]{32}))?$/;

/** The vault and secret names of a Key Vault secret ID, or undefined when it is not one. */
export function parseKeyVaultSecretId(secretId: string): { readonly vault: string; readonly secret: string } | undefined {
  const [, vault, secret] = KEY_VAULT_SECRET_ID.exec(secretId) ?? [];
  return vault !== undefined && secret !== undefined ? { vault, secret } : undefined;
}
