/**
 * AVM standard inputs over the public API (constructs/index.ts): every exported construct that defines Azure
 * resources takes `tags`, and `lock` when its primary resource is an ARM resource a lock means something on; every
 * construct that defines a diagnosable resource (lib/diagnostics.ts), itself or through a construct it creates, takes
 * `diagnostics`; every construct whose primary resource has an `identity` block in azurerm takes `managedIdentities`.
 * Read from the sources with TypeScript's parser (no type-check, so it stays fast); exemptions say why.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { DIAGNOSABLE } from '../../lib/diagnostics';
import { PROJECT_ROOT } from '../../lib/project-root';

/** Constructs whose resources Azure cannot tag, with the reason. */
const NO_TAGS: Readonly<Record<string, string>> = {
  AzureRolePimPolicy: 'role management policies and PIM eligibility requests have no tags',
  RoleAssignment: 'role assignments have no tags',
  FirewallRuleCollectionGroup: 'a rule collection group is a child of the firewall policy (tagged there)',
  HubSpokePeering: 'VNet peerings have no tags',
  ManagementGroupHierarchy: 'management groups have no tags',
  AuthenticationStrength: 'Entra ID objects have no Azure tags',
  BreakGlass: 'Entra ID objects have no Azure tags',
  ConditionalAccessPolicy: 'Entra ID objects have no Azure tags',
  EligibleRoleAssignment: 'Entra ID objects have no Azure tags',
  EmergencyAccessAccount: 'Entra ID objects have no Azure tags',
  NamedLocation: 'Entra ID objects have no Azure tags',
  PrivilegedAccessGroupPolicy: 'Entra ID objects have no Azure tags',
  SecurityGroup: 'Entra ID groups have no Azure tags',
  DefenderForCloud: 'Defender plans and security contacts are subscription settings without tags',
  Sentinel: 'Sentinel onboarding, data connectors and analytics rules have no tags',
};

/** Constructs with ARM resources where a lock is not offered, with the reason. */
const NO_LOCK: Readonly<Record<string, string>> = {
  RoleAssignment: 'a lock on a role assignment blocks its own removal by PIM and deployments; lock the scope instead',
  AzureRolePimPolicy: 'policies of a role at a scope, not resources to lock',
  FirewallRuleCollectionGroup: 'child of the firewall policy: lock the policy (locks apply to children)',
  HubSpokePeering: 'peerings are children of the VNets: lock the VNets',
  PrivateEndpoint: 'locked with its target: AVM cascades the target lock to its endpoints',
  VirtualNetworkFlowLog: 'lives in NetworkWatcherRG, owned by Azure',
  DefenderForCloud: 'subscription settings',
  Sentinel: 'a solution on the workspace: lock the workspace',
  ResponsePlaybooks: 'automation rules: lock the workspace',
  IncidentPaging: 'an alert rule on the workspace: lock the workspace',
  Playbook: 'a Logic App redeployed as a template; lock the resource group if needed',
  ManagementGroupHierarchy: 'management groups cannot be locked',
  SqlDatabase: 'a child of the server: lock the server (locks apply to children)',
  PrivateDnsZoneLinks: 'children of zones another stack owns and locks',
  SentinelConnection: 'an API connection of a playbook, redeployed with it',
};

/** Constructs that define a diagnosable resource but take no `diagnostics` destination, with the reason. */
const NO_DIAGNOSTICS: Readonly<Record<string, string>> = {};

/** Constructs whose primary resource has an azurerm `identity` block but that take no `managedIdentities`, with the reason. */
const NO_MANAGED_IDENTITIES: Readonly<Record<string, string>> = {
  ApplicationGateway: 'takes its Key Vault certificate identity as `identity` (Azure allows user-assigned only)',
  FirewallPolicy: 'user-assigned only, for TLS inspection: `tlsInspection.identityId`',
  LinuxWebApp: 'takes `identity` (user-assigned; system-assigned by default), also its Key Vault reference identity',
  Playbook: 'always system-assigned: its Sentinel connection authenticates as the workflow, and its permissions are granted to it',
  IncidentPaging: 'the alert queries its own workspace with the rule\'s permissions; an identity would need its own read role and adds nothing',
};

interface ClassInfo {
  readonly name: string;
  readonly file: string;
  readonly propsType?: string;
  readonly resources: readonly string[];
  /** Classes the construct creates (`new X(...)` in its body). */
  readonly creates: readonly string[];
}

function sourceOf(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true);
}

/** The files a barrel re-exports, recursively. */
function barrelFiles(barrel: string): string[] {
  const found: string[] = [];
  for (const statement of sourceOf(barrel).statements) {
    if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const target = path.posix.join(path.posix.dirname(barrel), statement.moduleSpecifier.text);
    const file = fs.existsSync(path.join(PROJECT_ROOT, `${target}.ts`)) ? `${target}.ts` : `${target}/index.ts`;
    if (file.endsWith('index.ts')) found.push(...barrelFiles(file));
    else found.push(file);
  }
  return found;
}

const isExported = (node: ts.Node) => ts.getModifiers(node as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;

function analyse(files: readonly string[]): { classes: ClassInfo[]; interfaces: Map<string, { members: Set<string>; bases: string[] }> } {
  const classes: ClassInfo[] = [];
  const interfaces = new Map<string, { members: Set<string>; bases: string[] }>();
  for (const file of files) {
    const source = sourceOf(file);
    for (const statement of source.statements) {
      if (ts.isInterfaceDeclaration(statement)) {
        const members = new Set(statement.members.flatMap((m) => (m.name && ts.isIdentifier(m.name) ? [m.name.text] : [])));
        const bases = (statement.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText(source)));
        interfaces.set(statement.name.text, { members, bases });
      }
      if (!ts.isClassDeclaration(statement) || !statement.name || !isExported(statement)) continue;
      if (ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.AbstractKeyword)) continue;
      const constructor = statement.members.find(ts.isConstructorDeclaration);
      const isPrivate = constructor && ts.getModifiers(constructor)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword);
      if (!constructor || isPrivate || constructor.parameters.length < 3) continue;
      const propsType = constructor.parameters[2]!.type;
      const creates = new Set<string>();
      const visit = (node: ts.Node): void => {
        if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) creates.add(node.expression.text);
        ts.forEachChild(node, visit);
      };
      visit(statement);
      const docs = ts.getJSDocTags(statement).filter((tag) => tag.tagName.text === 'resource').map((tag) => String(tag.comment ?? ''));
      classes.push({
        name: statement.name.text,
        file,
        propsType: propsType && ts.isTypeReferenceNode(propsType) ? propsType.typeName.getText(source) : undefined,
        resources: docs.join(',').split(/[,\s]+/).filter((r) => /^azurerm_|^azuread_/.test(r)),
        creates: [...creates],
      });
    }
  }
  return { classes, interfaces };
}

function hasMember(interfaces: ReadonlyMap<string, { members: Set<string>; bases: string[] }>, type: string | undefined, member: string): boolean {
  const found = type ? interfaces.get(type) : undefined;
  return found !== undefined && (found.members.has(member) || found.bases.some((base) => hasMember(interfaces, base, member)));
}

/**
 * Constructs that define a diagnosable resource: a DIAGNOSABLE type in their `@resource` tags, or a construct they
 * create that does (to a fixed point, so composites of composites count).
 */
function diagnosableConstructs(classes: readonly ClassInfo[], diagnosableTypes: ReadonlySet<string>): Set<string> {
  const found = new Set(classes.filter((c) => c.resources.some((r) => diagnosableTypes.has(r))).map((c) => c.name));
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of classes) {
      if (!found.has(c.name) && c.creates.some((created) => found.has(created))) {
        found.add(c.name);
        grew = true;
      }
    }
  }
  return found;
}

/** Whether azurerm's configuration of `resourceType` has an `identity` block (read from the provider's declarations). */
function hasIdentityBlock(resourceType: string): boolean {
  const folder = resourceType.replace(/^azurerm_/, '').replace(/_/g, '-');
  const declarations = fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules/@cdktf/provider-azurerm/lib', folder, 'index.d.ts'), 'utf8');
  const config = /export interface \w+Config extends cdktf\.TerraformMetaArguments \{([\s\S]*?)\n\}/.exec(declarations);
  if (!config) throw new Error(`no Config interface in the azurerm declarations of ${resourceType}`);
  return /^\s*readonly identity\??:/m.test(config[1]!);
}

describe('AVM standard inputs on the public API', () => {
  const files = barrelFiles('constructs/index.ts');
  const { classes, interfaces } = analyse(files);
  const definesAzureResources = (c: ClassInfo) => c.resources.length > 0 || c.file.startsWith('constructs/landing-zone/');

  test('the barrel reaches every construct file and the analysis finds the constructs', () => {
    const constructFiles = fs
      .readdirSync(path.join(PROJECT_ROOT, 'constructs'), { recursive: true, encoding: 'utf8' })
      .map((f) => `constructs/${f.split(path.sep).join('/')}`)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('index.ts') && f !== 'constructs/network/terraform-address.ts');
    expect(constructFiles.filter((f) => !files.includes(f))).toEqual([]);
    for (const name of ['KeyVault', 'ThreeTierSpoke', 'PlatformKeyVault', 'HubVirtualNetwork', 'StorageAccount']) expect(classes.map((c) => c.name)).toContain(name);
  });

  test('every construct that defines Azure resources takes tags (or is exempt for a reason)', () => {
    const missing = classes.filter((c) => definesAzureResources(c) && !hasMember(interfaces, c.propsType, 'tags') && !NO_TAGS[c.name]).map((c) => `${c.name} (${c.file}, props ${c.propsType})`);
    expect(missing).toEqual([]);
  });

  test('every construct whose primary resource is an azurerm resource takes lock (or is exempt for a reason)', () => {
    const missing = classes
      .filter((c) => (c.resources[0]?.startsWith('azurerm_') ?? false) && !hasMember(interfaces, c.propsType, 'lock') && !NO_LOCK[c.name])
      .map((c) => `${c.name} (${c.file}, props ${c.propsType})`);
    expect(missing).toEqual([]);
  });

  const diagnosable = diagnosableConstructs(classes, new Set(Object.keys(DIAGNOSABLE)));
  const withIdentity = classes.filter((c) => c.resources[0]?.startsWith('azurerm_') && hasIdentityBlock(c.resources[0]));

  test('every construct that defines a diagnosable resource takes a diagnostics destination (or is exempt for a reason)', () => {
    const missing = classes.filter((c) => diagnosable.has(c.name) && !hasMember(interfaces, c.propsType, 'diagnostics') && !NO_DIAGNOSTICS[c.name]).map((c) => `${c.name} (${c.file}, props ${c.propsType})`);
    expect(missing).toEqual([]);
  });

  test('the diagnosable constructs include resources, their composites, and nothing undiagnosable', () => {
    for (const name of ['KeyVault', 'AzureFirewall', 'StorageAccount', 'SqlDatabase', 'PlatformKeyVault', 'ThreeTierSpoke', 'WebAppWorkload', 'ResponsePlaybooks']) expect(diagnosable).toContain(name);
    for (const name of ['RouteTable', 'PrivateEndpoint', 'UserAssignedIdentity', 'FirewallPolicy', 'DdosProtectionPlan']) expect(diagnosable).not.toContain(name);
  });

  test('every construct whose primary resource has an azurerm identity block takes managedIdentities (or is exempt for a reason)', () => {
    const missing = withIdentity.filter((c) => !hasMember(interfaces, c.propsType, 'managedIdentities') && !NO_MANAGED_IDENTITIES[c.name]).map((c) => `${c.name} (${c.resources[0]}, props ${c.propsType})`);
    expect(missing).toEqual([]);
  });

  test('the identity check reads the provider: storage accounts and SQL servers have identities, key vaults and firewalls none', () => {
    expect(['azurerm_storage_account', 'azurerm_mssql_server', 'azurerm_log_analytics_workspace'].map(hasIdentityBlock)).toEqual([true, true, true]);
    expect(['azurerm_key_vault', 'azurerm_firewall', 'azurerm_virtual_network'].map(hasIdentityBlock)).toEqual([false, false, false]);
    expect(withIdentity.map((c) => c.name)).toEqual(expect.arrayContaining(['StorageAccount', 'SqlServer', 'SqlDatabase', 'LogAnalyticsWorkspace', 'FlowLogStorageAccount']));
  });

  test('exemptions name real constructs that really lack the input, so none goes stale', () => {
    const byName = new Map(classes.map((c) => [c.name, c]));
    const stale = [
      ...Object.keys(NO_DIAGNOSTICS).filter((name) => !diagnosable.has(name) || hasMember(interfaces, byName.get(name)!.propsType, 'diagnostics')).map((n) => `NO_DIAGNOSTICS.${n}`),
      ...Object.keys(NO_MANAGED_IDENTITIES)
        .filter((name) => !withIdentity.some((c) => c.name === name) || hasMember(interfaces, byName.get(name)!.propsType, 'managedIdentities'))
        .map((n) => `NO_MANAGED_IDENTITIES.${n}`),
      ...Object.keys(NO_TAGS).filter((name) => !byName.has(name) || hasMember(interfaces, byName.get(name)!.propsType, 'tags')).map((n) => `NO_TAGS.${n}`),
      ...Object.keys(NO_LOCK).filter((name) => !byName.has(name) || hasMember(interfaces, byName.get(name)!.propsType, 'lock')).map((n) => `NO_LOCK.${n}`),
    ];
    expect(stale).toEqual([]);
  });

  test('the diagnostics check fails for a planted composite of a diagnosable construct whose props lack the input (it can fail)', () => {
    const planted: ClassInfo[] = [
      { name: 'Vault', file: 'planted.ts', propsType: 'VaultProps', resources: ['azurerm_key_vault'], creates: [] },
      { name: 'Shop', file: 'planted.ts', propsType: 'ShopProps', resources: [], creates: ['Vault'] },
      { name: 'Routes', file: 'planted.ts', propsType: 'RoutesProps', resources: ['azurerm_route_table'], creates: [] },
    ];
    expect([...diagnosableConstructs(planted, new Set(Object.keys(DIAGNOSABLE)))].sort()).toEqual(['Shop', 'Vault']);
    const props = new Map(interfaces);
    props.set('ShopProps', { members: new Set(['name', 'tags']), bases: [] });
    expect(hasMember(props, 'ShopProps', 'diagnostics')).toBe(false);
    props.set('ShopProps', { members: new Set(['name']), bases: ['DiagnosticsInput'] });
    expect(hasMember(props, 'ShopProps', 'diagnostics')).toBe(true);
  });

  test('the check fails for a props interface without tags (it can fail)', () => {
    const planted = new Map(interfaces);
    planted.set('PlantedProps', { members: new Set(['name']), bases: [] });
    expect(hasMember(planted, 'PlantedProps', 'tags')).toBe(false);
    planted.set('DerivedProps', { members: new Set(), bases: ['KeyVaultProps'] });
    expect(hasMember(planted, 'DerivedProps', 'tags')).toBe(true);
  });
});
