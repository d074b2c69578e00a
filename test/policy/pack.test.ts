/**
 * How the pack is put together: each rule file declares its whole rule with named fields (`defineRule`) and is named
 * by its ID, each area's index lists its files, the pack concatenates the areas and refuses an ID declared twice.
 * Checked on the compiled rules (what every CLI loads), with a planted failing case for each promise.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Rule, defineRule } from '../../policy/engine';
import { RULE_AREAS, ZERO_TRUST_PACK, assemblePack } from '../../policy/pack';
import { PROJECT_ROOT } from '../../lib/project-root';

const RULE_FILE = /^ZT-[A-Z]+-\d{3}\.js$/;

/** The default export of a compiled module (a rule file exports its rule, an area index its rules). */
function defaultExport<T>(file: string): T | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(file) as { default?: T }).default;
}

/**
 * What the rule files promise, on a compiled rules folder: every `<area>/<ID>.js` exports the rule with that ID,
 * the area's `index.js` lists each of its rule files once and nothing else, and `areas` (the pack's input) holds
 * exactly the folders' indexes.
 */
function ruleFileProblems(rulesDir: string, areas: Readonly<Record<string, readonly Rule[]>>): string[] {
  const problems: string[] = [];
  const folders = fs.readdirSync(rulesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  for (const area of folders) {
    const dir = path.join(rulesDir, area);
    const files = fs.readdirSync(dir).filter((file) => file.endsWith('.js') && file !== 'index.js').sort();
    const indexFile = path.join(dir, 'index.js');
    const listed = (fs.existsSync(indexFile) ? defaultExport<readonly Rule[]>(indexFile) : undefined) ?? [];
    if (!fs.existsSync(indexFile)) problems.push(`${area}: no index listing its rules`);
    for (const file of files) {
      if (!RULE_FILE.test(file)) {
        problems.push(`${area}/${file}: not named by a rule ID (ZT-<AREA>-NNN)`);
        continue;
      }
      const rule = defaultExport<Rule>(path.join(dir, file));
      const id = file.replace(/\.js$/, '');
      if (rule?.id !== id) problems.push(`${area}/${file}: declares ${rule?.id ?? 'no rule'}, not ${id}`);
      const times = listed.filter((entry) => entry === rule).length;
      if (times !== 1) problems.push(`${area}/${file}: listed ${times} times in ${area}/index`);
    }
    const fromFiles = new Set(files.filter((file) => RULE_FILE.test(file)).map((file) => defaultExport<Rule>(path.join(dir, file))));
    for (const entry of listed) if (!fromFiles.has(entry)) problems.push(`${area}/index lists ${entry.id}, which is not a rule file of ${area}`);
    if (areas[area] !== listed) problems.push(`${area}: its index is not the pack's entry for ${area}`);
  }
  for (const area of Object.keys(areas)) if (!folders.includes(area)) problems.push(`${area}: in the pack, but no folder policy/rules/${area}`);
  return problems;
}

/** A complete, valid declaration to vary. */
const PLANTED = {
  id: 'ZT-NET-999',
  severity: 'high',
  pillar: 'networks',
  title: 'A planted rule for the tests',
  rationale: 'Planted for the tests.',
  fix: 'Nothing to fix.',
  appliesTo: [],
  references: { custom: 'planted' },
  evaluate: () => [],
} satisfies Rule;

describe('rule files', () => {
  test('each compiled rule file declares the rule named by its file, listed once by its area, every area in the pack', () => {
    const problems = ruleFileProblems(path.join(PROJECT_ROOT, 'dist', 'policy', 'rules'), RULE_AREAS);
    expect(problems).toEqual([]);
    expect(ZERO_TRUST_PACK.length).toBe(Object.values(RULE_AREAS).flat().length);
  });

  describe('planted', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rule-files-'));
      fs.mkdirSync(path.join(dir, 'planted'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, 'planted', file), text);
    const areas = () => ({ planted: defaultExport<readonly Rule[]>(path.join(dir, 'planted', 'index.js')) ?? [] });

    test('fails: a rule file whose ID does not match its file name', () => {
      write('ZT-NET-998.js', "exports.default = { id: 'ZT-NET-997' };\n");
      write('index.js', "exports.default = [require('./ZT-NET-998').default];\n");
      expect(ruleFileProblems(dir, areas())).toEqual(['planted/ZT-NET-998.js: declares ZT-NET-997, not ZT-NET-998']);
    });

    test('fails: a rule file its area index does not list, a file not named by an ID, an area the pack misses', () => {
      write('ZT-NET-998.js', "exports.default = { id: 'ZT-NET-998' };\n");
      write('helper.js', 'exports.x = 1;\n');
      write('index.js', 'exports.default = [];\n');
      expect(ruleFileProblems(dir, areas())).toEqual([
        'planted/ZT-NET-998.js: listed 0 times in planted/index',
        'planted/helper.js: not named by a rule ID (ZT-<AREA>-NNN)',
      ]);
      expect(ruleFileProblems(dir, {})).toContain('planted: its index is not the pack\'s entry for planted');
    });
  });
});

describe('assemblePack', () => {
  const rule = (id: string): Rule => ({ ...PLANTED, id });

  test('concatenates the areas sorted by ID', () => {
    expect(assemblePack({ b: [rule('ZT-NET-002')], a: [rule('ZT-NET-003'), rule('ZT-DATA-001')] }).map((r) => r.id)).toEqual([
      'ZT-DATA-001',
      'ZT-NET-002',
      'ZT-NET-003',
    ]);
  });

  test('fails: an ID declared in two areas, or twice in one', () => {
    expect(() => assemblePack({ firewall: [rule('ZT-NET-020')], segmentation: [rule('ZT-NET-020')] })).toThrow(
      'policy pack: rule IDs declared twice: ZT-NET-020 (in firewall and segmentation)',
    );
    expect(() => assemblePack({ firewall: [rule('ZT-NET-020'), rule('ZT-NET-020')] })).toThrow('ZT-NET-020 (in firewall and firewall)');
  });

  test('the pack is sorted by ID, as the docs, reports and SARIF list it', () => {
    const ids = ZERO_TRUST_PACK.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
  });
});

describe('defineRule', () => {
  test('returns the declaration, with its guardrails cited among the references', () => {
    const rule = defineRule({ ...PLANTED, azurePolicy: [{ definitionId: '83a86a26-fd1f-447c-b59d-e51f44264114', effect: 'Deny' }] });
    expect(rule).toMatchObject({ id: 'ZT-NET-999', title: PLANTED.title, rationale: PLANTED.rationale, fix: PLANTED.fix });
    expect(rule.references).toEqual({ custom: 'planted', azurePolicy: ['83a86a26-fd1f-447c-b59d-e51f44264114'] });
  });

  test('fails to compile without its wording, and fails at load when the types are bypassed', () => {
    const { rationale: _rationale, ...withoutRationale } = PLANTED;
    const { fix: _fix, severity: _severity, ...withoutFixAndSeverity } = PLANTED;
    // @ts-expect-error rationale is required: a rule file without its wording does not compile
    expect(() => defineRule(withoutRationale)).toThrow('rule ZT-NET-999: rationale must be a non-empty sentence');
    // @ts-expect-error fix and severity are required
    expect(() => defineRule(withoutFixAndSeverity)).toThrow('rule ZT-NET-999: severity must be one of critical, high, medium, low; fix must be a non-empty sentence');
  });

  test('fails to compile with a misspelled field or an unknown severity or pillar', () => {
    // @ts-expect-error a misspelled wording field is an excess property
    expect(() => defineRule({ ...PLANTED, rationnale: 'typo' })).not.toThrow();
    // @ts-expect-error severity is one of critical, high, medium, low
    expect(() => defineRule({ ...PLANTED, severity: 'severe' })).toThrow('severity must be one of critical, high, medium, low');
    // @ts-expect-error pillar is a Zero Trust pillar
    expect(() => defineRule({ ...PLANTED, pillar: 'network' })).toThrow('pillar must be one of identity, devices, networks');
  });

  test('fails at load, listing every problem at once: a malformed ID, empty wording, no reference', () => {
    expect(() => defineRule({ ...PLANTED, id: 'NET-1', title: ' ', references: {} })).toThrow(
      'rule NET-1: its ID must look like ZT-NET-001; title must be a non-empty sentence; it needs a public check reference or references.custom with the reason there is none',
    );
  });
});
