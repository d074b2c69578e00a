/**
 * How config values appear in problem messages: quoted, cut to a short excerpt (a 5 MB value is not echoed back), and
 * with invisible or look-alike characters spelled out as U+XXXX so `shоp` (Cyrillic о) does not read as `shop`.
 */
import { jsonText } from './json-text';

/** Longest excerpt of a value a message shows. */
export const EXCERPT_LENGTH = 60;

/** `'value'` for messages: cut after EXCERPT_LENGTH characters, suspicious characters shown as U+XXXX. */
export function quote(value: unknown, mark = "'"): string {
  const text = typeof value === 'string' ? value : describeNonString(value);
  const characters = [...text.slice(0, EXCERPT_LENGTH * 2)];
  const visible = characters.slice(0, EXCERPT_LENGTH).map((ch) => (isSuspicious(ch) ? `<U+${codePoint(ch)}>` : ch)).join('');
  const shown = characters.length > EXCERPT_LENGTH ? `${visible}… (${text.length} characters)` : visible;
  return typeof value === 'string' ? `${mark}${shown}${mark}` : shown;
}

/**
 * The characters of `text` that are invisible, control or non-ASCII letters that look like ASCII ones, as
 * `U+0430 at position 3` items; empty when the text is plain.
 */
export function suspiciousCharacters(text: string): string[] {
  // Names and IDs are short; past the first thousand characters the value is wrong for other reasons anyway.
  return [...text.slice(0, 1000)].flatMap((ch, i) => (isSuspicious(ch) ? [`U+${codePoint(ch)} at position ${i + 1}`] : []));
}

/** A sentence naming suspicious characters, or '' when there are none. */
export function suspiciousNote(value: unknown): string {
  if (typeof value !== 'string') return '';
  const found = suspiciousCharacters(value).slice(0, 5);
  return found.length === 0 ? '' : ` (it contains ${found.join(', ')}: an invisible or look-alike character; retype it in plain ASCII)`;
}

function describeNonString(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  return jsonText(value);
}

function codePoint(ch: string): string {
  return (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Anything outside printable ASCII in a config value is suspicious: config values are names, addresses, IDs and
 * domains, all ASCII by Azure's rules; tag values and descriptions may hold other letters but no invisible ones.
 */
function isSuspicious(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0xa0) || code > 0x7e;
}
