import { APP_IDS, GLOBAL_ADMINISTRATOR } from '../../lib/entra-ids';
import { findBreakGlass } from '../../verifier/identity/lockout-guard';
import { buildIdentityModel } from '../../verifier/identity/model';
import { defaultScenarios, personaMatrix, renderPersonaMatrix } from '../../verifier/identity/personas';
import { AADSTS, SignIn, whatIf } from '../../verifier/identity/whatif';
import { copyOf, identityJson, policy } from './fixtures';
import { at } from '../helpers';

const dev = buildIdentityModel(identityJson('staged'));
const prod = buildIdentityModel(identityJson('embedded'));
const AUTHENTICATOR = ['password', 'microsoftAuthenticatorPush'];
const UNTRUSTED = { ip: '192.0.2.10', country: 'NL', platform: 'windows', device: { compliant: true } } as const;

function signIn(overrides: Partial<SignIn>): SignIn {
  return { user: { id: 'member' }, application: APP_IDS.exchangeOnline, clientApp: 'browser', methods: AUTHENTICATOR, ...UNTRUSTED, ...overrides };
}

const applying = (result: ReturnType<typeof whatIf>) => result.evaluations.filter((e) => e.applies).map((e) => e.policy.slice(0, 5));

describe('What-If on the synthesized identity stacks', () => {
  test('break-glass accounts hit no policy in any scenario, in either environment', () => {
    for (const model of [dev, prod]) {
      const account = at(findBreakGlass(model).accounts, 0);
      for (const scenario of defaultScenarios(model)) {
        const result = whatIf(model, { ...scenario.signIn, user: { id: account }, methods: ['fido2'] });
        expect({ scenario: scenario.name, applying: applying(result) }).toEqual({ scenario: scenario.name, applying: [] });
        expect(result.allEnabled.result).toBe('allowed');
      }
      // Excluded through the group (the first failing condition is `users`), not by accident of other conditions.
      const ca003 = whatIf(model, signIn({ user: { id: account } })).evaluations.find((e) => e.policy.startsWith('CA003'));
      expect(ca003).toMatchObject({ applies: false, reason: 'users', detail: 'excluded through group CA-BreakGlass-Exclusion' });
    }
  });

  test('IMAP (legacy authentication) from a member is blocked by CA001 with AADSTS53003', () => {
    const result = whatIf(dev, signIn({ clientApp: 'other' }));
    expect(result.enforced).toMatchObject({ result: 'blocked', aadsts: AADSTS.blocked, decidedBy: [expect.stringMatching(/^CA001-/)] });
    // A modern client is not matched by CA001: the first failing condition is the client app.
    expect(whatIf(dev, signIn({})).evaluations.find((e) => e.policy.startsWith('CA001'))).toMatchObject({ applies: false, reason: 'clientApps' });
  });

  test('an admin without a phishing-resistant method must step up (CA200), one with a FIDO2 key passes', () => {
    const admin = { id: 'admin', roles: [GLOBAL_ADMINISTRATOR] };
    const without = whatIf(prod, signIn({ user: admin }));
    const ca200 = without.evaluations.find((e) => e.policy.startsWith('CA200'));
    expect(ca200).toMatchObject({ applies: true, state: 'enabledForReportingButNotEnforced', requirement: { description: 'authentication strength Phishing-resistant MFA', satisfied: false } });
    expect(without.reportOnly).toMatchObject({ result: 'controlsRequired', satisfiable: false, aadsts: AADSTS.mfaEnrollmentRequired });
    const withKey = whatIf(prod, signIn({ user: admin, methods: [...AUTHENTICATOR, 'fido2'] }));
    expect(withKey.allEnabled).toMatchObject({ result: 'controlsRequired', satisfiable: true, aadsts: AADSTS.mfaRequired });
  });

  test('an eligible admin who has not activated a role is covered through the admin persona group', () => {
    const result = whatIf(prod, signIn({ user: { id: '00000000-0000-0000-0000-00000000a001' } }));
    expect(result.evaluations.find((e) => e.policy.startsWith('CA200'))).toMatchObject({ applies: true, detail: expect.stringContaining('member of CA-Persona-Admins') });
    // A plain member is not.
    expect(whatIf(prod, signIn({})).evaluations.find((e) => e.policy.startsWith('CA200'))).toMatchObject({ applies: false, reason: 'users' });
  });

  test('a guest must do MFA (CA400) and can with Authenticator; a guest without MFA cannot', () => {
    const guest = { id: 'guest', guestType: 'b2bCollaborationGuest' } as const;
    const result = whatIf(prod, signIn({ user: guest }));
    expect(applying(result)).toContain('CA400');
    expect(result.enforced).toMatchObject({ result: 'controlsRequired', satisfiable: true, aadsts: AADSTS.mfaRequired });
    // Guests are out of the managed-device policy (no device of theirs is managed here).
    expect(result.evaluations.find((e) => e.policy.startsWith('CA009'))).toMatchObject({ applies: false, reason: 'users' });
    expect(whatIf(prod, signIn({ user: guest, methods: ['password'] })).enforced).toMatchObject({ satisfiable: false, aadsts: AADSTS.mfaEnrollmentRequired });
  });

  test('a sign-in from a blocked country is blocked (CA010 enforced in prod); an ordinary country is not', () => {
    const blocked = whatIf(prod, signIn({ ip: '198.18.0.10', country: 'KP' }));
    expect(blocked.enforced).toMatchObject({ result: 'blocked', decidedBy: [expect.stringMatching(/^CA010-/)], aadsts: { code: 53003 } });
    expect(whatIf(prod, signIn({})).evaluations.find((e) => e.policy.startsWith('CA010'))).toMatchObject({ applies: false, reason: 'location' });
  });

  test('a report-only policy is reported but not enforced (CA010 in dev)', () => {
    const result = whatIf(dev, signIn({ ip: '198.18.0.10', country: 'KP' }));
    expect(result.evaluations.find((e) => e.policy.startsWith('CA010'))).toMatchObject({ applies: true, block: true, state: 'enabledForReportingButNotEnforced' });
    expect(result.enforced.result).toBe('allowed');
    expect(result.reportOnly).toMatchObject({ result: 'blocked', decidedBy: [expect.stringMatching(/^CA010-/)] });
  });

  test('disabled policies are never evaluated', () => {
    const json = copyOf(identityJson('staged'));
    policy(json, 'CA001').state = 'disabled';
    const result = whatIf(buildIdentityModel(json), signIn({ clientApp: 'other' }));
    expect(result.evaluations.find((e) => e.policy.startsWith('CA001'))).toMatchObject({ applies: false, reason: 'policyNotEnabled' });
    expect(result.enforced.result).toBe('allowed');
  });

  test('device code flow, unknown platforms, risk and registration from outside trusted ranges (prod)', () => {
    expect(whatIf(prod, signIn({ authenticationFlow: 'deviceCodeFlow', clientApp: 'mobileAppsAndDesktopClients' })).enforced.decidedBy).toEqual([expect.stringMatching(/^CA002-/)]);
    expect(whatIf(prod, signIn({ platform: 'unknown' })).enforced.decidedBy).toEqual([expect.stringMatching(/^CA008-/)]);
    expect(whatIf(prod, signIn({ platform: 'linux' })).evaluations.find((e) => e.policy.startsWith('CA008'))).toMatchObject({ applies: false, reason: 'devicePlatform' });
    expect(whatIf(prod, signIn({ signInRisk: 'high' })).enforced.decidedBy).toEqual([expect.stringMatching(/^CA005-/)]);
    expect(whatIf(prod, signIn({ userRisk: 'high' })).enforced.decidedBy).toEqual([expect.stringMatching(/^CA004-/)]);
    const medium = whatIf(prod, signIn({ signInRisk: 'medium' })).evaluations.find((e) => e.policy.startsWith('CA006'));
    expect(medium).toMatchObject({ applies: true, session: 'sign-in every time' });
    expect(whatIf(prod, signIn({})).evaluations.find((e) => e.policy.startsWith('CA006'))).toMatchObject({ applies: false, reason: 'signInRisk' });

    const register = { application: undefined, userAction: 'urn:user:registersecurityinfo' } as const;
    expect(applying(whatIf(prod, signIn(register)))).toEqual(['CA007']);
    const fromOffice = whatIf(prod, signIn({ ...register, ip: '203.0.113.7' })).evaluations.find((e) => e.policy.startsWith('CA007'));
    expect(fromOffice).toMatchObject({ applies: false, reason: 'location', detail: 'location excluded (AllTrusted)' });
  });

  test('a compliant device meets CA009 silently; an unmanaged one fails with AADSTS53000', () => {
    const json = copyOf(identityJson('embedded'));
    policy(json, 'CA009').state = 'enabled';
    const model = buildIdentityModel(json);
    const managed = whatIf(model, signIn({ application: APP_IDS.sharePointOnline }));
    expect(managed.evaluations.find((e) => e.policy.startsWith('CA009'))?.requirement).toEqual({ description: 'compliantDevice OR domainJoinedDevice', satisfied: true, interruptCode: undefined });
    const unmanaged = whatIf(model, signIn({ device: { compliant: false } }));
    expect(unmanaged.enforced).toMatchObject({ satisfiable: false, aadsts: AADSTS.deviceNotCompliant });
  });

  test('prod uses the custom MFA strength (no SMS or voice), so a member with only SMS cannot meet CA003', () => {
    const result = whatIf(prod, signIn({ methods: ['password', 'sms'] }));
    expect(result.evaluations.find((e) => e.policy.startsWith('CA003'))?.requirement).toMatchObject({ description: 'authentication strength Landing zone MFA', satisfied: false });
    expect(whatIf(dev, signIn({ methods: ['password', 'sms'] })).evaluations.find((e) => e.policy.startsWith('CA003'))?.requirement?.satisfied).toBe(true);
  });

  test('a sign-in targets an application or a user action, not both', () => {
    expect(() => whatIf(dev, signIn({ userAction: 'urn:user:registersecurityinfo' }))).toThrow('either an application or a user action');
  });

  test('the persona matrix has a row per scenario and a column per persona, break-glass allowed everywhere', () => {
    const cells = personaMatrix(prod);
    const markdown = renderPersonaMatrix('prod', cells);
    expect(markdown).toContain('| Scenario | Member | Admin (active GA, Authenticator) | Admin (active GA, FIDO2) | Admin (eligible only) | Guest (B2B) | Break-glass |');
    expect(markdown).toMatch(/\| IMAP \(legacy auth\) \| block 53003/);
    expect(cells.filter((c) => c.persona === 'Break-glass').every((c) => c.result.allEnabled.result === 'allowed')).toBe(true);
    expect(markdown.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Scenario'))).toHaveLength(defaultScenarios(prod).length);
  });
});
