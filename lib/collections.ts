/** Small helpers over arrays and records that keep index access checked (`noUncheckedIndexedAccess`). */

/** Every unordered pair `[a, b]` of `items` with `a` before `b`, in order: for checks that compare each item with every later one. */
export function* pairs<T>(items: readonly T[]): Generator<readonly [T, T]> {
  for (const [i, a] of items.entries()) {
    for (const b of items.slice(i + 1)) yield [a, b];
  }
}

/** `Object.entries` in the order of `Object.keys(record).sort()` (UTF-16 code units), for deterministic output. */
export function sortedEntries<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
