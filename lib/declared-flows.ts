/**
 * Recording a flow a construct opened on purpose in its stack's `"//"` block (see `DECLARED_FLOWS_KEY`), so the
 * readers of `cdktf.out` know it is intended: the intent check then proves it allowed instead of ignoring it.
 */
import { IConstruct } from 'constructs';
import { TerraformStack } from '../providers/cdktf';
import { DECLARED_FLOWS_KEY, DeclaredFlowRecord } from './stack-metadata';

const recordsByStack = new WeakMap<TerraformStack, DeclaredFlowRecord[]>();

/** Appends `flow` to the declared flows of the stack holding `scope` (the whole list is rewritten, in call order). */
export function recordDeclaredFlow(scope: IConstruct, flow: DeclaredFlowRecord): void {
  const stack = TerraformStack.of(scope);
  const list = recordsByStack.get(stack) ?? [];
  list.push(flow);
  recordsByStack.set(stack, list);
  stack.addOverride(`//.${DECLARED_FLOWS_KEY}`, list.map((f) => ({ ...f, ports: [...f.ports] })));
}
