/**
 * The persona x scenario matrix `npm run whatif` prints: who (member, admins, guest, break-glass) signs in to what,
 * from where and how, and what Conditional Access does today (enforced) and once the report-only policies are on.
 * Personas and scenarios are derived from the stack's JSON (its break-glass accounts, admin groups, trusted ranges
 * and blocked countries), so the matrix follows the config.
 */
import { APP_IDS, GLOBAL_ADMINISTRATOR } from '../../lib/entra-ids';
import { findBreakGlass } from './lockout-guard';
import { firstAddressOf, IdentityModel } from './model';
import { Outcome, SignIn, whatIf, WhatIfResult } from './whatif';

export interface Persona {
  readonly name: string;
  readonly user: SignIn['user'];
  readonly methods: readonly string[];
}

export interface Scenario {
  readonly name: string;
  readonly signIn: Omit<SignIn, 'user' | 'methods'>;
}

const EVERYDAY_METHODS = ['password', 'microsoftAuthenticatorPush'];

/** Member, admin (active), admin with FIDO2, eligible-only admin, guest, break-glass. */
export function defaultPersonas(model: IdentityModel): Persona[] {
  const adminGroup = [...model.groups.values()].find((g) => model.policies.some((p) => p.users.includeGroups.includes(g.key)));
  const adminGroups = adminGroup ? [adminGroup.key] : [];
  const breakGlass = findBreakGlass(model).accounts[0];
  const personas: Persona[] = [
    { name: 'Member', user: { id: 'member' }, methods: EVERYDAY_METHODS },
    { name: 'Admin (active GA, Authenticator)', user: { id: 'admin', roles: [GLOBAL_ADMINISTRATOR], groups: adminGroups }, methods: EVERYDAY_METHODS },
    { name: 'Admin (active GA, FIDO2)', user: { id: 'admin-fido2', roles: [GLOBAL_ADMINISTRATOR], groups: adminGroups }, methods: [...EVERYDAY_METHODS, 'fido2'] },
    { name: 'Admin (eligible only)', user: { id: 'admin-eligible', groups: adminGroups }, methods: EVERYDAY_METHODS },
    { name: 'Guest (B2B)', user: { id: 'guest', guestType: 'b2bCollaborationGuest' }, methods: EVERYDAY_METHODS },
  ];
  if (breakGlass) personas.push({ name: 'Break-glass', user: { id: breakGlass }, methods: ['fido2'] });
  return personas;
}

/** Everyday work, legacy protocols, risky and unusual sign-ins, admin tooling and registration. */
export function defaultScenarios(model: IdentityModel): Scenario[] {
  const trustedRange = [...model.namedLocations.values()].find((l) => l.trusted && l.ipRanges?.length)?.ipRanges?.[0];
  const trustedIp = trustedRange ? firstAddressOf(trustedRange) : undefined;
  const blockedCountry = [...model.namedLocations.values()].find((l) => l.countries?.length)?.countries?.[0];
  const office = { ip: trustedIp, country: undefined, device: { compliant: true }, platform: 'windows' as const };
  // An untrusted address (TEST-NET-1) in an ordinary country.
  const away = { ip: '192.0.2.10', country: 'NL', device: { compliant: false }, platform: 'macOS' as const };
  const scenarios: Scenario[] = [
    { name: 'Outlook web, office, compliant Windows', signIn: { ...office, application: APP_IDS.exchangeOnline, clientApp: 'browser' } },
    { name: 'Outlook web, home, unmanaged Mac', signIn: { ...away, application: APP_IDS.exchangeOnline, clientApp: 'browser' } },
    { name: 'IMAP (legacy auth)', signIn: { ...away, application: APP_IDS.exchangeOnline, clientApp: 'other' } },
    { name: 'Exchange ActiveSync', signIn: { ...away, platform: 'iOS', application: APP_IDS.exchangeOnline, clientApp: 'exchangeActiveSync' } },
    { name: 'Device code flow', signIn: { ...away, platform: 'linux', application: APP_IDS.microsoftGraph, clientApp: 'mobileAppsAndDesktopClients', authenticationFlow: 'deviceCodeFlow' } },
    { name: 'Azure portal, office, compliant Windows', signIn: { ...office, application: APP_IDS.azurePortal, clientApp: 'browser' } },
    { name: 'Azure CLI to ARM, unmanaged Linux', signIn: { ...away, platform: 'linux', application: APP_IDS.azureServiceManagement, clientApp: 'mobileAppsAndDesktopClients' } },
    { name: 'Unknown platform', signIn: { ...away, platform: 'unknown', application: APP_IDS.sharePointOnline, clientApp: 'browser' } },
    { name: `Blocked country (${blockedCountry ?? 'none configured'})`, signIn: { ...away, ip: '198.18.0.10', country: blockedCountry ?? 'ZZ', application: APP_IDS.exchangeOnline, clientApp: 'browser' } },
    { name: 'Medium sign-in risk', signIn: { ...office, signInRisk: 'medium', application: APP_IDS.exchangeOnline, clientApp: 'browser' } },
    { name: 'High sign-in risk', signIn: { ...office, signInRisk: 'high', application: APP_IDS.exchangeOnline, clientApp: 'browser' } },
    { name: 'High user risk', signIn: { ...office, userRisk: 'high', application: APP_IDS.exchangeOnline, clientApp: 'browser' } },
    { name: 'Register security info, away', signIn: { ...away, userAction: 'urn:user:registersecurityinfo', clientApp: 'browser' } },
  ];
  return scenarios;
}

export interface MatrixCell {
  readonly persona: string;
  readonly scenario: string;
  readonly result: WhatIfResult;
}

/** Every persona in every scenario. */
export function personaMatrix(model: IdentityModel, personas = defaultPersonas(model), scenarios = defaultScenarios(model)): MatrixCell[] {
  return scenarios.flatMap((scenario) =>
    personas.map((persona) => ({ persona: persona.name, scenario: scenario.name, result: whatIf(model, { ...scenario.signIn, user: persona.user, methods: persona.methods }) })),
  );
}

/** `block 53003`, `MFA ✔ 50076`, `phishing-resistant MFA ✖ 50079`, `allow`. */
export function describeOutcome(outcome: Outcome): string {
  if (outcome.result === 'allowed') return 'allow';
  const code = outcome.aadsts ? ` ${outcome.aadsts.code}` : '';
  if (outcome.result === 'blocked') return `block${code}`;
  const requirements = [...new Set(outcome.requirements.filter((r) => (outcome.satisfiable ? true : !r.satisfied)).map((r) => shortRequirement(r.description)))];
  return `${requirements.join(' + ')} ${outcome.satisfiable ? '✔' : '✖'}${code}`;
}

function shortRequirement(description: string): string {
  return description
    .replace('authentication strength Phishing-resistant MFA', 'phishing-resistant MFA')
    .replace('authentication strength Multifactor authentication', 'MFA')
    .replace(/^authentication strength /, '')
    .replace('compliantDevice OR domainJoinedDevice', 'managed device');
}

/** The matrix as Markdown: a row per scenario, a column per persona; `enforced / RO: report-only` where they differ. */
export function renderPersonaMatrix(environment: string, cells: readonly MatrixCell[]): string {
  const personas = [...new Set(cells.map((c) => c.persona))];
  const scenarios = [...new Set(cells.map((c) => c.scenario))];
  const cell = (scenario: string, persona: string) => {
    const { result } = cells.find((c) => c.scenario === scenario && c.persona === persona) as MatrixCell;
    const enforced = describeOutcome(result.enforced);
    const reportOnly = result.reportOnly.result === 'allowed' ? undefined : describeOutcome(result.reportOnly);
    return reportOnly ? `${enforced} / RO: ${reportOnly}` : enforced;
  };
  return [
    `### ${environment}: Conditional Access What-If`,
    '',
    'Enforced result (today) / `RO:` what the report-only policies would add. ✔ the persona can meet it, ✖ cannot; numbers are the most likely AADSTS code.',
    '',
    `| Scenario | ${personas.join(' | ')} |`,
    `|---|${personas.map(() => '---').join('|')}|`,
    ...scenarios.map((scenario) => `| ${scenario} | ${personas.map((persona) => cell(scenario, persona)).join(' | ')} |`),
    '',
  ].join('\n');
}
