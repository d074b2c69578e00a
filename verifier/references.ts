/**
 * Resolving Terraform expressions in synthesized JSON to literals or to known resources, across stacks.
 *
 * cdktf 0.21 writes a reference as a whole-string interpolation, `${azurerm_subnet.Spoke_Web_1A2B.id}`, and a
 * cross-stack reference as `${data.terraform_remote_state.cross-stack-reference-input-<producer>.outputs.<output>}`
 * in the consumer, with `output.<output>.value` in the producer holding the real expression.
 */
import { TerraformAttributes, TerraformJson } from './load';
import { sortedEntries } from '../lib/collections';

/** Where a resource is: stack plus Terraform address (`azurerm_subnet.X`). */
export interface ResourceAddress {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
}

/** An expression the verifier could not reduce to a literal or a known resource. */
export interface UnresolvedReference {
  /** The resource holding it, e.g. `azurerm_route.X` in stack `dev-lz-app1`. */
  readonly resource: string;
  readonly stack: string;
  readonly attribute: string;
  readonly expression: string;
  readonly reason: string;
}

/** Result of resolving one attribute value. */
export type Resolved =
  /**
   * A literal; `stack` is where references nested in it must be resolved, `from` is the resource whose attribute
   * it was read from when it came through a reference.
   */
  | { readonly kind: 'literal'; readonly value: unknown; readonly stack: string; readonly from?: ResourceAddress }
  /** A computed attribute (known only after apply) of a resource in the synthesized output, e.g. its `id`. */
  | { readonly kind: 'attribute'; readonly resource: ResourceAddress; readonly path: readonly string[] }
  | { readonly kind: 'unresolved'; readonly expression: string; readonly reason: string };

/**
 * Where a value points, as every reader of the synthesized JSON (the flow model, the policy pack) sees it: a resource
 * of this environment (through a reference, a cross-stack remote state, or a literal read from one of its
 * attributes; `${ref}/suffix` sub-resource IDs keep the suffix), a literal, or unresolved.
 */
export type Target =
  | {
      readonly kind: 'resource';
      readonly address: ResourceAddress;
      /** The attribute path after the resource (`['id']`); empty when a literal was read from it. */
      readonly path: readonly string[];
      /** Text after the reference in a `${ref}/suffix` ID. */
      readonly suffix: string;
      /** The literal, when the value is a literal attribute of the resource (a VNet's `name`). */
      readonly value?: unknown;
    }
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'unresolved'; readonly expression: string; readonly reason: string };

const CROSS_STACK_PREFIX = 'cross-stack-reference-input-';
const MAX_DEPTH = 16;

/** `type.name` of a resource address. */
export function addressText(address: ResourceAddress): string {
  return `${address.type}.${address.name}`;
}

/** A key unique across the stacks of an environment. */
export function addressKey(address: ResourceAddress): string {
  return `${address.stack}/${address.type}.${address.name}`;
}

/** Resolves references over the stacks of one environment. */
export class References {
  constructor(private readonly stacks: Record<string, TerraformJson>) {}

  /** Every resource of a type, sorted by stack then logical ID, without cdktf's `//` metadata. */
  public resourcesOfType(type: string): { address: ResourceAddress; attributes: TerraformAttributes }[] {
    const found: { address: ResourceAddress; attributes: TerraformAttributes }[] = [];
    for (const [stack, json] of sortedEntries(this.stacks)) {
      for (const [name, { '//': _metadata, ...attributes }] of sortedEntries(json.resource?.[type] ?? {})) {
        found.push({ address: { stack, type, name }, attributes });
      }
    }
    return found;
  }

  /** Where a value found in `stack` points (see `Target`). */
  public target(stack: string, value: unknown): Target {
    let suffix = '';
    let expression = value;
    if (typeof value === 'string') {
      const [, reference, rest] = /^(\$\{[^${}]+\})(\/[^${}]*)$/.exec(value) ?? [];
      if (reference !== undefined && rest !== undefined) [expression, suffix] = [reference, rest];
    }
    const resolved = this.resolve(stack, expression);
    if (resolved.kind === 'unresolved') return { kind: 'unresolved', expression: resolved.expression, reason: resolved.reason };
    const address = resolved.kind === 'attribute' ? resolved.resource : resolved.from;
    if (address && this.stacks[address.stack]?.resource?.[address.type]?.[address.name]) {
      return resolved.kind === 'attribute'
        ? { kind: 'resource', address, path: resolved.path, suffix }
        : { kind: 'resource', address, path: [], suffix, value: resolved.value };
    }
    if (resolved.kind === 'literal') return { kind: 'literal', value: suffix ? `${String(resolved.value)}${suffix}` : resolved.value };
    return { kind: 'unresolved', expression: String(value), reason: 'not a resource of this environment' };
  }

  /** Resolves a value found in `stack`; non-string values are literals (list elements are resolved by callers). */
  public resolve(stack: string, value: unknown, depth = 0): Resolved {
    if (typeof value !== 'string' || !value.includes('${')) return { kind: 'literal', value, stack };
    const reference = /^\$\{([^${}]+)\}$/.exec(value)?.[1];
    if (reference === undefined) return unresolved(value, 'an interpolated or computed expression, not a plain reference');
    if (depth > MAX_DEPTH) return unresolved(value, 'reference chain too deep (cycle?)');
    const segments = reference.replace(/\[(\d+)\]/g, '.$1').split('.');
    if (segments[0] === 'data') return this.resolveData(stack, value, segments, depth);
    const [type, name, ...path] = segments;
    if (type === undefined || name === undefined) return unresolved(value, 'not a <type>.<name> reference');
    const attributes = this.stacks[stack]?.resource?.[type]?.[name];
    if (!attributes) return unresolved(value, `no resource ${type}.${name} in stack ${stack}`);
    return this.navigate({ stack, type, name }, attributes, path, value, depth);
  }

  /** Follows `data.terraform_remote_state.<id>.outputs.<output>` to the producer stack's output expression. */
  private resolveData(stack: string, expression: string, segments: string[], depth: number): Resolved {
    const [, source, id, outputs, outputName, ...rest] = segments;
    if (source !== 'terraform_remote_state' || id === undefined || outputs !== 'outputs' || outputName === undefined) {
      return unresolved(expression, 'data sources other than cross-stack remote state are not read');
    }
    if (!this.stacks[stack]?.data?.terraform_remote_state?.[id]) {
      return unresolved(expression, `no data.terraform_remote_state.${id} in stack ${stack}`);
    }
    const producer = id.startsWith(CROSS_STACK_PREFIX) ? id.slice(CROSS_STACK_PREFIX.length) : undefined;
    const output = producer === undefined ? undefined : this.stacks[producer]?.output?.[outputName];
    if (producer === undefined || !this.stacks[producer]) {
      return unresolved(expression, `remote state ${id} is not a stack of this environment`);
    }
    if (!output) return unresolved(expression, `stack ${producer} has no output ${outputName}`);
    const resolved = this.resolve(producer, output.value, depth + 1);
    if (rest.length === 0 || resolved.kind === 'unresolved') return resolved;
    if (resolved.kind === 'attribute') return { ...resolved, path: [...resolved.path, ...rest] };
    return this.navigateLiteral(resolved, rest, expression, depth);
  }

  /** Walks `path` inside a resource's attributes; a missing attribute is a computed one (`id`, `private_ip_address`). */
  private navigate(resource: ResourceAddress, attributes: unknown, path: string[], expression: string, depth: number): Resolved {
    let current: unknown = attributes;
    for (const [i, segment] of path.entries()) {
      if (typeof current === 'string' && current.includes('${')) {
        const inner = this.resolve(resource.stack, current, depth + 1);
        if (inner.kind !== 'literal') return inner.kind === 'attribute' ? { ...inner, path: [...inner.path, ...path.slice(i)] } : inner;
        return this.navigateLiteral(inner, path.slice(i), expression, depth);
      }
      const next = step(current, segment);
      if (next === undefined) return { kind: 'attribute', resource, path };
      current = next;
    }
    const final = this.resolve(resource.stack, current, depth + 1);
    return final.kind === 'literal' && final.from === undefined ? { ...final, from: resource } : final;
  }

  private navigateLiteral(resolved: Resolved & { kind: 'literal' }, path: string[], expression: string, depth: number): Resolved {
    let current = resolved.value;
    for (const segment of path) {
      current = step(current, segment);
      if (current === undefined) return unresolved(expression, `no ${path.join('.')} in the referenced value`);
    }
    const final = this.resolve(resolved.stack, current, depth + 1);
    return final.kind === 'literal' ? { ...final, from: resolved.from } : final;
  }
}

/** One step into an object or list; index 0 of a single block written as an object is the object itself. */
function step(current: unknown, segment: string): unknown {
  if (Array.isArray(current)) return /^\d+$/.test(segment) ? current[Number(segment)] : undefined;
  if (current !== null && typeof current === 'object') {
    const record = current as Record<string, unknown>;
    if (segment in record) return record[segment];
    return segment === '0' ? current : undefined;
  }
  return undefined;
}

function unresolved(expression: string, reason: string): Resolved {
  return { kind: 'unresolved', expression, reason };
}
