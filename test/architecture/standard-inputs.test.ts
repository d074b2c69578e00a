/**
 * AVM standard inputs over the public API (constructs/index.ts): every exported construct that defines Azure
 * resources takes `tags`, and `lock` when its primary resource is an ARM resource a lock means something on. Read
 * from the sources with TypeScript's parser (no type-check, so it stays fast); exemptions say why.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
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

interface ClassInfo {
  readonly name: string;
  readonly file: string;
  readonly propsType?: string;
  readonly resources: readonly string[];
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
      const docs = ts.getJSDocTags(statement).filter((tag) => tag.tagName.text === 'resource').map((tag) => String(tag.comment ?? ''));
      classes.push({
        name: statement.name.text,
        file,
        propsType: propsType && ts.isTypeReferenceNode(propsType) ? propsType.typeName.getText(source) : undefined,
        resources: docs.join(',').split(/[,\s]+/).filter((r) => /^azurerm_|^azuread_/.test(r)),
      });
    }
  }
  return { classes, interfaces };
}

function hasMember(interfaces: ReadonlyMap<string, { members: Set<string>; bases: string[] }>, type: string | undefined, member: string): boolean {
  const found = type ? interfaces.get(type) : undefined;
  return found !== undefined && (found.members.has(member) || found.bases.some((base) => hasMember(interfaces, base, member)));
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

  test('exemptions name real constructs that really lack the input, so none goes stale', () => {
    const byName = new Map(classes.map((c) => [c.name, c]));
    const stale = [
      ...Object.keys(NO_TAGS).filter((name) => !byName.has(name) || hasMember(interfaces, byName.get(name)!.propsType, 'tags')).map((n) => `NO_TAGS.${n}`),
      ...Object.keys(NO_LOCK).filter((name) => !byName.has(name) || hasMember(interfaces, byName.get(name)!.propsType, 'lock')).map((n) => `NO_LOCK.${n}`),
    ];
    expect(stale).toEqual([]);
  });

  test('the check fails for a props interface without tags (it can fail)', () => {
    const planted = new Map(interfaces);
    planted.set('PlantedProps', { members: new Set(['name']), bases: [] });
    expect(hasMember(planted, 'PlantedProps', 'tags')).toBe(false);
    planted.set('DerivedProps', { members: new Set(), bases: ['KeyVaultProps'] });
    expect(hasMember(planted, 'DerivedProps', 'tags')).toBe(true);
  });
});
