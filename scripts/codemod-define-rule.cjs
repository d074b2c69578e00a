#!/usr/bin/env node
/**
 * One-off codemod (issue 12, slice D): moves each rule's wording from the positional WORDING table of policy/pack.ts
 * into its rule file as named fields (defineCheck -> defineRule), and writes policy/rules/<area>/index.ts.
 * Idempotent on rule files already converted. Kept in history so a merge can re-run it on rule files changed
 * elsewhere: `git show <commit>:scripts/codemod-define-rule.cjs > /tmp/c.cjs && git show <commit>:policy/pack.ts > /tmp/pack.ts
 * && node /tmp/c.cjs /tmp/pack.ts`.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const packFile = process.argv[2] ?? path.join(ROOT, 'policy', 'pack.ts');
const RULES = path.join(ROOT, 'policy', 'rules');

const source = ts.createSourceFile(packFile, fs.readFileSync(packFile, 'utf8'), ts.ScriptTarget.ES2022, true);
const wording = new Map();
source.forEachChild(function visit(node) {
  if (ts.isVariableDeclaration(node) && node.name.getText() === 'WORDING' && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
    for (const property of node.initializer.properties) {
      const id = property.name.text;
      const elements = property.initializer.elements.map((e) => e.getText(source));
      if (elements.length !== 5) throw new Error(`${id}: expected 5 wording elements`);
      wording.set(id, elements);
    }
  }
  node.forEachChild(visit);
});
if (wording.size === 0) throw new Error(`no WORDING table in ${packFile}`);

const FIELDS = ['severity', 'pillar', 'title', 'rationale', 'fix'];
const used = new Set();
for (const area of fs.readdirSync(RULES).sort()) {
  const dir = path.join(RULES, area);
  if (!fs.statSync(dir).isDirectory()) continue;
  const files = fs.readdirSync(dir).filter((f) => /^ZT-[A-Z]+-\d{3}\.ts$/.test(f)).sort();
  for (const file of files) {
    const id = file.replace(/\.ts$/, '');
    const full = path.join(dir, file);
    let text = fs.readFileSync(full, 'utf8');
    used.add(id);
    if (text.includes('defineRule(')) continue;
    const words = wording.get(id);
    if (!words) throw new Error(`${id}: no wording in ${packFile}`);
    text = text.replace(/(import \{[^}]*)\bdefineCheck\b([^}]*\} from '\.\.\/\.\.\/engine';)/, '$1defineRule$2');
    text = text.replace('export default defineCheck({', 'export default defineRule({');
    const idLine = `  id: '${id}',\n`;
    if (!text.includes(idLine)) throw new Error(`${id}: no "${idLine.trim()}" line`);
    text = text.replace(idLine, idLine + FIELDS.map((field, i) => `  ${field}: ${words[i]},\n`).join(''));
    if (text.includes('defineCheck')) throw new Error(`${id}: defineCheck left over`);
    fs.writeFileSync(full, text);
  }
  const names = files.map((f) => f.replace(/\.ts$/, ''));
  const index = [
    `/** The ${area} rules of the Zero Trust pack (policy/pack.ts concatenates the areas): one import and one entry per rule file. */`,
    "import type { Rule } from '../../engine';",
    ...names.map((id) => `import ${id.replace(/-/g, '_')} from './${id}';`),
    '',
    'const RULES: readonly Rule[] = [',
    ...names.map((id) => `  ${id.replace(/-/g, '_')},`),
    '];',
    'export default RULES;',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'index.ts'), index);
}
const unused = [...wording.keys()].filter((id) => !used.has(id));
if (unused.length > 0) throw new Error(`wording for rules without a file: ${unused.join(', ')}`);
process.stdout.write(`converted ${used.size} rule files\n`);
