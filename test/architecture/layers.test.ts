/**
 * Layers (ARCHITECTURE.md, "Layers"): no top-level folder imports another in a cycle, and the lint rule in
 * eslint.config.mjs rejects an import that points up.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as ts from 'typescript';
import { PROJECT_ROOT } from '../../lib/project-root';
import { type SourceFile, productionSources } from './sources';

/** The top-level folder of a project path (`main` for main.ts). */
function folderOf(projectPath: string): string {
  const [first, ...rest] = projectPath.split('/');
  return rest.length > 0 ? first! : first!.replace(/\.ts$/, '');
}

/** Folder -> folders it imports, with one importing file per edge; from TypeScript's own import scan. */
function folderGraph(files: readonly SourceFile[]): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of files) {
    const from = folderOf(file.path);
    if (!graph.has(from)) graph.set(from, new Map());
    const { importedFiles } = ts.preProcessFile(file.text, true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file.path), fileName));
      const to = folderOf(target);
      if (to !== from && !graph.get(from)!.has(to)) graph.get(from)!.set(to, file.path);
    }
  }
  return graph;
}

/** Strongly connected components of more than one folder (Tarjan), each sorted. */
function folderCycles(graph: ReadonlyMap<string, ReadonlyMap<string, string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  const nodes = new Set([...graph.keys(), ...[...graph.values()].flatMap((edges) => [...edges.keys()])]);
  for (const node of nodes) if (!index.has(node)) visit(node);
  return cycles;
}

function describeCycle(graph: ReadonlyMap<string, ReadonlyMap<string, string>>, cycle: readonly string[]): string {
  const edges = cycle.flatMap((from) => [...(graph.get(from) ?? [])].filter(([to]) => cycle.includes(to)).map(([to, file]) => `${from} -> ${to} (${file})`));
  return `${cycle.join(', ')}: ${edges.join('; ')}`;
}

describe('folder imports', () => {
  const sources = productionSources();
  const graph = folderGraph(sources);

  test('cover the layered folders', () => {
    for (const folder of ['lib', 'config', 'constructs', 'aspects', 'stacks', 'verifier', 'policy', 'providers']) {
      expect(sources.some((file) => folderOf(file.path) === folder)).toBe(true);
    }
    // Known downward edges, so an import scan that finds nothing cannot pass.
    expect(graph.get('stacks')?.has('constructs')).toBe(true);
    expect(graph.get('policy')?.has('verifier')).toBe(true);
  });

  test('form no cycle between folders', () => {
    expect(folderCycles(graph).map((cycle) => describeCycle(graph, cycle))).toEqual([]);
  });

  test('a planted upward import is found as a cycle, with the importing file', () => {
    const planted = [...sources, { path: 'lib/planted.ts', text: "import { defineEnvironment } from '../stacks/environment';\n" }];
    const plantedGraph = folderGraph(planted);
    const cycles = folderCycles(plantedGraph);
    expect(cycles).toContainEqual(expect.arrayContaining(['lib', 'stacks']));
    expect(cycles.map((cycle) => describeCycle(plantedGraph, cycle)).join('\n')).toContain('lib -> stacks (lib/planted.ts)');
  });

  test('dynamic imports and requires count too', () => {
    const planted = [
      { path: 'verifier/a.ts', text: "export const load = () => import('../stacks/b');\n" },
      { path: 'stacks/b.ts', text: "const a = require('../verifier/a');\n" },
    ];
    expect(folderCycles(folderGraph(planted))).toEqual([['stacks', 'verifier']]);
  });
});

/** Planted files: project path -> code. */
const PLANTED: ReadonlyArray<readonly [string, string]> = [
  ['lib/planted.ts', "import { defineEnvironment } from '../stacks/environment';\nexport const planted = defineEnvironment;\n"],
  ['constructs/network/planted.ts', "import { ZERO_TRUST_PACK } from '../../policy/pack';\nexport const used = ZERO_TRUST_PACK;\n"],
  ['verifier/planted.ts', "import { SpokeStack } from '../stacks/spoke-stack';\nexport const used = SpokeStack;\n"],
  ['policy/rules/planted.ts', "export { ThreeTierSpoke } from '../../constructs/landing-zone/three-tier-spoke';\n"],
  ['config/planted.ts', "import type { Rule } from '../policy/engine';\nexport type Used = Rule;\n"],
  ['stacks/planted.ts', "import { ZERO_TRUST_PACK } from '../policy/pack';\nexport const used = ZERO_TRUST_PACK;\n"],
  ['lib/planted-provider.ts', "import { App } from 'cdktf';\nexport const used = App;\n"],
  ['stacks/planted-down.ts', "import { ThreeTierSpoke } from '../constructs/landing-zone/three-tier-spoke';\nimport { spokeSubnetName } from '../config/spoke-names';\nexport const used = [ThreeTierSpoke, spokeSubnetName];\n"],
  ['policy/planted-down.ts', "import { loadSynthesizedStacks } from '../verifier/load';\nexport const used = loadSynthesizedStacks;\n"],
];

/**
 * Lints the planted files with the project's ESLint config (ESLint's Node API in a child process: the flat config is
 * an ES module, which jest's module system cannot load). Returns each file's `no-restricted-imports` messages.
 */
function lintPlanted(): Record<string, string[]> {
  const script = `
    const { ESLint } = require('eslint');
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = {};
      for (const [filePath, code] of JSON.parse(process.argv[1])) {
        const [result] = await eslint.lintText(code, { filePath });
        out[filePath] = result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((error) => { console.error(error); process.exit(1); });`;
  const run = spawnSync(process.execPath, ['-e', script, JSON.stringify(PLANTED)], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, string[]>;
}

describe('the layer lint rule', () => {
  let errors: Record<string, string[]> = {};
  beforeAll(() => {
    errors = lintPlanted();
  });

  test('fails an upward import and names the rule', () => {
    expect(errors['lib/planted.ts']).toEqual([expect.stringContaining('Layer rule: lib/ may import only providers/')]);
  });

  test.each([
    ['constructs/network/planted.ts', 'Layer rule: constructs/'],
    ['verifier/planted.ts', 'Layer rule: verifier/'],
    ['policy/rules/planted.ts', 'Layer rule: policy/'],
    ['config/planted.ts', 'Layer rule: config/'],
    ['stacks/planted.ts', 'Layer rule: stacks/'],
    ['lib/planted-provider.ts', 'Provider rule: import cdktf through providers/cdktf.ts'],
  ])('fails %s (an upward import or a provider outside providers/)', (filePath, rule) => {
    expect(errors[filePath]).toEqual([expect.stringContaining(rule)]);
  });

  test('passes imports that point down', () => {
    expect(errors['stacks/planted-down.ts']).toEqual([]);
    expect(errors['policy/planted-down.ts']).toEqual([]);
  });
});
