/**
 * Every stack class of the project extends BaseStack (stacks/base-stack.ts), which prepares a stack for synthesis
 * without cdktf's extra full resolve; a class that extends cdktf's TerraformStack directly would synthesize the same
 * JSON, only slower, so nothing else would notice it.
 */
import * as ts from 'typescript';
import { type SourceFile, productionSources } from './sources';

/** `<path>: <class>` for each class declared as `extends TerraformStack`. */
function directTerraformStacks(files: readonly SourceFile[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (!file.text.includes('TerraformStack')) continue;
    const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isClassLike(node)) {
        const extended = node.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
        if (extended && extended.getText(source) === 'TerraformStack') found.push(`${file.path}: ${node.name?.text ?? '(anonymous class)'}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('stack classes', () => {
  test('only BaseStack extends TerraformStack directly', () => {
    expect(directTerraformStacks(productionSources())).toEqual(['stacks/base-stack.ts: BaseStack']);
  });

  test('the check finds a stack class, named or not, that extends TerraformStack directly', () => {
    const planted: SourceFile = {
      path: 'workloads/reporting-stack.ts',
      text: [
        "import { TerraformStack } from '../providers/cdktf';",
        'export class ReportingStack extends TerraformStack {}',
        'export const make = () => class extends TerraformStack {};',
        'export class Fine extends BaseStack {}',
      ].join('\n'),
    };
    expect(directTerraformStacks([planted])).toEqual(['workloads/reporting-stack.ts: ReportingStack', 'workloads/reporting-stack.ts: (anonymous class)']);
  });
});
