/**
 * A cheaper equivalent of cdktf's `TerraformStack.prepareStack`.
 *
 * cdktf prepares a stack by resolving every element's whole `toTerraform()` output once, throws the result away, and
 * keeps only the side effects: tokens that point into another stack create that stack's output and this stack's
 * remote state (cross-stack references). Plain strings, numbers and booleans have no side effects, and they are
 * nearly all of a landing zone's configuration, so this walk resolves only the values that hold a token, in the same
 * order cdktf would (depth first, keys before their values), so cross-stack outputs are created in the same order and
 * the synthesized JSON is byte-identical. The final resolve in `synth` still checks every value.
 */
import { Construct, type IConstruct } from 'constructs';
import { DefaultTokenResolver, StringConcat, TerraformElement, TerraformStack, Token, Tokenization } from '../providers/cdktf';

const RESOLVER = new DefaultTokenResolver(new StringConcat());
/** cdktf's token markers (`${TfToken[`, `#{TfToken[`, `&{TfToken[`) share this text. */
const TOKEN_MARKER = 'TfToken[';
/** cdktf's pattern for a number token written into a string; a match that is no token costs one extra resolve. */
const NUMBER_TOKEN_IN_STRING = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;

/** Does what `prepareStack` does: ensures the backend, then resolves, in preparing mode, every token of every element. */
export function prepareStackReferences(stack: TerraformStack): void {
  stack.ensureBackendExists();
  for (const element of terraformElements(stack)) prepareValue(stack, element.toTerraform());
}

function prepareValue(stack: TerraformStack, value: unknown): void {
  if (value === null || value === undefined || typeof value === 'boolean' || value instanceof Date) return;
  if (typeof value !== 'object' || Construct.isConstruct(value)) {
    // Strings and numbers only when they may hold a token; a function or a construct is resolved so cdktf rejects it
    // here, as its own preparing resolve would.
    if ((typeof value !== 'string' && typeof value !== 'number') || mayBeToken(value)) resolvePreparing(stack, value);
    return;
  }
  if (Array.isArray(value)) {
    // A list token is one element of an array, and cdktf resolves such an array as a whole.
    if (value.some((item) => (typeof item === 'string' || typeof item === 'number') && mayBeToken(item))) resolvePreparing(stack, value);
    else for (const item of value) prepareValue(stack, item);
    return;
  }
  const keys = Object.keys(value);
  // A token object (IResolvable) or a map token (a token as a key) is resolved as a whole, as cdktf does.
  if (Tokenization.isResolvable(value) || keys.some(mayBeToken)) {
    resolvePreparing(stack, value);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of keys) prepareValue(stack, record[key]);
}

/** True for every string or number that holds a token (a string or number token, either form of a list element). */
function mayBeToken(value: string | number): boolean {
  if (typeof value === 'number') return Token.isUnresolved(value) || Token.isUnresolved([value]);
  return value.includes(TOKEN_MARKER) || NUMBER_TOKEN_IN_STRING.test(value);
}

function resolvePreparing(stack: TerraformStack, value: unknown): void {
  Tokenization.resolve(value, { scope: stack, preparing: true, resolver: RESOLVER });
}

/** The stack's elements in construct-tree order, not descending into nested stacks (as cdktf collects them). */
function terraformElements(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) {
    if (!TerraformStack.isStack(child)) terraformElements(child, into);
  }
  return into;
}
