/**
 * Helpers that keep index access checked (`noUncheckedIndexedAccess`): pairs, sorted entries, the text of JSON leaves,
 * the region lookup and the policy context's stack lookup, each with the case where the lookup misses.
 */
import { pairs, sortedEntries } from '../../lib/collections';
import { jsonText } from '../../lib/json-text';
import { AZURE_REGION_NAMES, AZURE_REGIONS, azureRegion } from '../../config/regions';
import { EvaluationContext } from '../../policy/engine';

test('pairs: every unordered pair once, earlier item first; none for fewer than two items', () => {
  expect([...pairs(['a', 'b', 'c'])]).toEqual([['a', 'b'], ['a', 'c'], ['b', 'c']]);
  expect([...pairs(['a'])]).toEqual([]);
  expect([...pairs([])]).toEqual([]);
});

test('sortedEntries: the order of Object.keys(...).sort(), whatever the insertion order', () => {
  const record = { b: 2, B: 3, a: 1, 'a-1': 4 };
  expect(sortedEntries(record).map(([key]) => key)).toEqual(Object.keys(record).sort());
  expect(sortedEntries(record)).toEqual(Object.keys(record).sort().map((key) => [key, record[key as keyof typeof record]]));
});

test('jsonText: strings as they are, scalars as String writes them, lists and mappings as JSON', () => {
  expect(jsonText('x/y')).toBe('x/y');
  expect([1, true, null, undefined, 10n].map(jsonText)).toEqual(['1', 'true', 'null', 'undefined', '10']);
  expect(jsonText({ a: [1] })).toBe('{"a":[1]}');
  expect(jsonText(['a'])).toBe('["a"]');
  expect(jsonText(Symbol('s'))).toBe('s');
  expect(jsonText(() => 1)).toBe('a function');
});

test('azureRegion: every listed region; an unlisted one fails naming the valid ones', () => {
  for (const name of AZURE_REGION_NAMES) expect(azureRegion(name)).toBe(AZURE_REGIONS[name]);
  expect(() => azureRegion('atlantis')).toThrow(/Unknown Azure region 'atlantis': use one of .*westeurope/);
  expect(() => azureRegion('constructor')).toThrow(/Unknown Azure region 'constructor'/);
});

test('EvaluationContext.stack: the JSON of a stack of the environment; any other name fails', () => {
  const json = { resource: { azurerm_resource_group: { rg: { name: 'rg-x' } } } };
  const ctx = new EvaluationContext('dev', { 'dev-hub': json });
  expect(ctx.stack('dev-hub')).toBe(json);
  expect(ctx.firstStack).toBe('dev-hub');
  expect(() => ctx.stack('dev-other')).toThrow("no stack 'dev-other' in environment dev");
  expect(() => ctx.stack('toString')).toThrow("no stack 'toString'");
  expect(new EvaluationContext('dev', {}).firstStack).toBe('');
});
