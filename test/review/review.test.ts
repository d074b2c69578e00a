/**
 * The reviewer's security diff on real changes made here (publish a spoke, widen an ingress source, open a port,
 * change a Conditional Access policy state, add an expiring suppression), synthesized in-process from variants of
 * the embedded prod config; and the CLI once end to end against HEAD.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';
import { LandingZoneConfig, SpokeConfig } from '../../config/schema';
import { main } from '../../review/cli';
import { renderReview, securityReview } from '../../review/report';
import type { TerraformJson } from '../../verifier/load';
import { embeddedConfig, embeddedConfigs, synthEnvironments } from '../helpers';

type Stacks = Record<string, TerraformJson>;
const ROOT = PROJECT_ROOT;
const NOW = new Date('2099-01-01T00:00:00Z');

const prod = embeddedConfig('prod');
const synth = (config: LandingZoneConfig): Stacks => synthEnvironments([config]) as unknown as Stacks;
const withSpoke = (config: LandingZoneConfig, name: string, change: (spoke: SpokeConfig) => SpokeConfig): LandingZoneConfig => {
  expect(config.spokes.map((s) => s.name)).toContain(name);
  return { ...config, spokes: config.spokes.map((s) => (s.name === name ? change(s) : s)) };
};
// The spoke a test publishes: one not behind an Application Gateway, in a base config where it is not published.
const toPublish = prod.spokes.find((s) => s.workload?.ingress !== 'appGateway') as SpokeConfig;
const unpublishedBase: LandingZoneConfig = { ...prod, spokes: prod.spokes.map((s) => (s === toPublish ? { ...s, ingress: { ...s.ingress, publish: undefined } } : s)) };
const unpublished = unpublishedBase.spokes.find((s) => s.name === toPublish.name) as SpokeConfig;
const published = prod.spokes.find((s) => s.ingress.publish) as SpokeConfig;
const webAddressOf = (spoke: SpokeConfig): string => spoke.subnets.web.replace(/\.\d+\/\d+$/, (m) => `.${Number(m.slice(1).split('/')[0]) + 10}`);

describe('security review', () => {
  test('an unchanged synth reports no changes, with every section and the head topology', () => {
    const review = securityReview(synth(prod), synth(prod), { now: NOW });
    expect([review.exposure, review.reachability, review.policy, review.whatIf, review.resources].map((list) => list.length)).toEqual([0, 0, 0, 0, 0]);
    expect(review.exposureGrows).toBe(false);
    const text = renderReview(review);
    expect(text).toContain('**No security-relevant changes.**');
    for (const heading of ['## 1. Internet exposure', '## 2. Reachability changes', '## 3. Policy findings and suppressions', '## 4. Conditional Access What-If', '## 5. Resources', '## 6. Topology']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('```mermaid\nflowchart LR');
  });

  test('publishing a spoke: exposure added (public port, target), the Internet cell changes, the diagram shows it', () => {
    const webAddress = webAddressOf(unpublished);
    const head = withSpoke(unpublishedBase, unpublished.name, (s) => ({ ...s, ingress: { ...s.ingress, ports: [8443], publish: { webAddress } } }));
    const review = securityReview(synth(unpublishedBase), synth(head), { now: NOW });
    expect(review.exposureGrows).toBe(true);
    expect(review.exposure).toEqual([
      expect.objectContaining({
        environment: 'prod',
        change: 'added',
        after: expect.objectContaining({ kind: 'firewall-dnat', entry: 'pip-afw-hub-prod-weu:8443', target: `${webAddress}:8443 in snet-web-${unpublished.name}-prod-weu`, sources: ['*'], reachable: 'allowed' }),
      }),
    ]);
    const internet = review.reachability.find((c) => c.from === 'Internet' && c.to === `snet-web-${unpublished.name}-prod-weu` && c.probe.port === 8443);
    expect(internet?.before?.outcome).toBe('denied');
    expect(internet?.after).toMatchObject({ outcome: 'allowed', dnat: { rule: `${unpublished.name}-web-8443` } });
    const text = renderReview(review);
    const exposureSection = text.slice(text.indexOf('## 1.'), text.indexOf('## 2.'));
    expect(exposureSection).toContain(`🔴 **added** | prod | DNAT pip-afw-hub-prod-weu:8443 | ${webAddress}:8443 in snet-web-${unpublished.name}-prod-weu`);
    expect(text).toContain(`==>|"${webAddress}:8443"|`);
  });

  test('widening a published spoke\'s sources is exposure growth; narrowing them is not', () => {
    const restricted = withSpoke(prod, published.name, (s) => ({ ...s, ingress: { ...s.ingress, publish: { webAddress: s.ingress.publish?.webAddress as string, allowFrom: ['198.51.100.0/24'] } } }));
    const widened = securityReview(synth(restricted), synth(prod), { now: NOW });
    expect(widened.exposure).toEqual([expect.objectContaining({ change: 'widened', before: expect.objectContaining({ sources: ['198.51.100.0/24'] }), after: expect.objectContaining({ sources: ['*'] }) })]);
    expect(widened.exposureGrows).toBe(true);
    expect(renderReview(widened)).toContain('| 🔴 **widened** | prod |');
    const narrowed = securityReview(synth(prod), synth(restricted), { now: NOW });
    expect(narrowed.exposure.map((c) => c.change)).toEqual(['changed']);
    expect(narrowed.exposureGrows).toBe(false);
  });

  test('opening a port, enforcing a CA policy and an expiring suppression show in exposure, What-If, resources and policy', () => {
    // Conditional Access is tenant-wide: the change is in prod's tenant file.
    const identity = prod.tenantConfig.identity;
    const policies = identity?.conditionalAccess.policies ?? {};
    expect(policies.CA009).toBeUndefined(); // report-only in the tenant today: enforcing it is the change
    const head: LandingZoneConfig = {
      ...withSpoke(prod, published.name, (s) => ({ ...s, ingress: { ...s.ingress, ports: [...s.ingress.ports, 8444] } })),
      tenantConfig: { ...prod.tenantConfig, identity: identity && { ...identity, conditionalAccess: { ...identity.conditionalAccess, policies: { ...policies, CA009: 'enabled' } } } },
      policySuppressions: [...prod.policySuppressions, { ruleId: 'ZT-NET-040', reason: 'DDoS plan shared with another tenant, reviewed', expires: '2099-01-20' }],
    };
    const review = securityReview(synth(prod), synth(head), { now: NOW });
    expect(review.exposure.map((c) => [c.change, c.after?.entry])).toEqual([['added', 'pip-afw-hub-prod-weu:8444']]);
    expect(review.whatIf.length).toBeGreaterThan(0);
    for (const cell of review.whatIf) expect(cell.before).not.toBe(cell.after);
    expect(review.whatIf.some((c) => c.before.includes('RO: managed device') && !c.after.includes('RO: managed device'))).toBe(true);
    const ca009 = review.resources.find((r) => r.stack === `${prod.tenantConfig.tenant}-identity` && r.change === 'changed' && r.security.some((a) => a.path === 'state'));
    expect(ca009?.security.find((a) => a.path === 'state')).toEqual({ path: 'state', before: 'enabledForReportingButNotEnforced', after: 'enabled' });
    expect(review.policy).toContainEqual(expect.objectContaining({ kind: 'suppression', change: 'expiring', rule: 'ZT-NET-040' }));
    expect(renderReview(review)).toContain('⏳ expiring | suppression | ZT-NET-040');
  });
});

describe('npm run review (CLI)', () => {
  const review = (args: string[], config?: string) => {
    const { LZ_CONFIG: _c, CDKTF_CONTEXT_JSON: _x, ...env } = process.env;
    return spawnSync(process.execPath, ['dist/review/cli.js', ...args], { cwd: ROOT, encoding: 'utf8', env: config ? { ...env, LZ_CONFIG: config } : env });
  };

  const runInProcess = async (...args: string[]) => {
    const text = { out: '', err: '' };
    const status = await main(args, { out: (t) => (text.out += t), err: (t) => (text.err += t) });
    return { status, ...text };
  };

  test('bad usage is one line and exit 2', async () => {
    expect(await runInProcess()).toEqual({ status: 2, out: '', err: 'review: say what to compare: --base <git ref> (e.g. --base origin/main), or --base-out <dir> --head-out <dir>; see --help\n' });
    expect(await runInProcess('--base-out', 'a')).toEqual({ status: 2, out: '', err: 'review: --base-out and --head-out go together\n' });
    expect(await runInProcess('--base', 'no-such-ref-xyz')).toMatchObject({ status: 2, err: expect.stringContaining("review: 'no-such-ref-xyz' is not a commit of this repository") });
  });

  test('a working tree that does not synthesize stops the base synth running beside it and leaves no worktree', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-bad-head-'));
    const previous = process.env.LZ_CONFIG;
    try {
      fs.writeFileSync(path.join(dir, 'dev.yaml'), 'environment: dev\nlocation: nowhere\n');
      process.env.LZ_CONFIG = path.join(dir, 'dev.yaml');
      const result = await runInProcess('--base', 'HEAD');
      expect(result.status).toBe(2);
      expect(result.err).toContain("review: the working tree's config has errors:");
      const worktrees = spawnSync('git', ['worktree', 'list', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).stdout;
      expect(worktrees).not.toMatch(new RegExp(`lz-review-base-[^\\n]*\\nHEAD ${spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim()}`));
    } finally {
      if (previous === undefined) delete process.env.LZ_CONFIG;
      else process.env.LZ_CONFIG = previous;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('--base HEAD synthesizes both sides elsewhere, writes the report with a confirmation and leaves cdktf.out alone', () => {
    const before = fs.existsSync(path.join(ROOT, 'cdktf.out')) ? fs.statSync(path.join(ROOT, 'cdktf.out')).mtimeMs : undefined;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cli-'));
    const output = path.join(dir, 'review.md');
    // One environment (LZ_CONFIG inside the checkout means the base's own copy of the file): the CLI's mechanics at
    // half the cost; the report's content is tested in process above.
    const [first, ...others] = embeddedConfigs().map((c) => c.environment);
    const result = review(['--base', 'HEAD', '--output', output, '--fail-on', 'exposure'], path.join('config', 'environments', `${first}.yaml`));
    const clean = spawnSync('git', ['status', '--porcelain', '--', '.', ':!test'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() === '';
    expect(result.stderr).toContain(`review: wrote ${output} (`);
    const report = fs.readFileSync(output, 'utf8');
    expect(report).toMatch(/^# Security review: HEAD \([0-9a-f]+\) → working tree$/m);
    expect(report).toContain('```mermaid');
    expect(report).toContain(`✔ ${first}: policy pack`);
    expect(report).toContain(`### ${first}\n`);
    for (const other of others) expect(report).not.toContain(`### ${other}\n`);
    if (clean) {
      // The committed tree against itself: nothing changed, exposure did not grow.
      expect(report).toContain('**No security-relevant changes.**');
      expect(result.status).toBe(0);
    } else {
      expect([0, 1]).toContain(result.status);
    }
    expect(fs.existsSync(path.join(ROOT, 'cdktf.out')) ? fs.statSync(path.join(ROOT, 'cdktf.out')).mtimeMs : undefined).toBe(before);
    // No worktree of this run is left (other checkouts of the repository may be running their own review).
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
    const worktrees = spawnSync('git', ['worktree', 'list', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\n\n');
    expect(worktrees.filter((entry) => entry.includes('lz-review-base-') && entry.includes(`HEAD ${head}`))).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});
