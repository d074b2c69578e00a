/**
 * The text of a value read from synthesized or parsed JSON (an attribute, a YAML leaf) for messages and keys: strings
 * as they are, other scalars as `String` writes them, lists and mappings as JSON rather than `[object Object]`.
 */
export function jsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'symbol') return value.description ?? 'symbol';
  if (typeof value === 'function') return 'a function';
  return JSON.stringify(value);
}
