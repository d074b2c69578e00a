/**
 * Secrets never appear in the synthesized output: no credential-looking value anywhere, and every attribute that
 * can hold a secret is either absent or a reference to a sensitive variable supplied at deploy time.
 */
import { embeddedConfigs, synthEnvironments } from '../helpers';

const SECRET_KEYS = /^(password|secret|client_secret|access_key|sas_token|connection_string|primary_access_key|secondary_access_key|value)$/;
const SECRET_VALUES = [/AccountKey=/i, /SharedAccessSignature=/i, /[?&]sig=[A-Za-z0-9%]{20,}/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/, /\b[A-Za-z0-9+/]{86}==/];

/** Every (path, key, value) in a JSON document. */
function* entries(node: unknown, path = ''): Generator<{ path: string; key: string; value: unknown }> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* entries(item, `${path}[${i}]`);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      yield { path: `${path}.${key}`, key, value };
      yield* entries(value, `${path}.${key}`);
    }
  }
}

/** Paths of values that look like credentials. */
function credentialLikeValues(resources: unknown): string[] {
  return [...entries(resources)].filter(({ value }) => typeof value === 'string' && SECRET_VALUES.some((pattern) => pattern.test(value))).map((e) => e.path);
}

const stacks = synthEnvironments(embeddedConfigs());

test.each(Object.keys(stacks))('%s holds no secret', (name) => {
  const json = stacks[name] as Record<string, unknown>;
  const variables = (json.variable ?? {}) as Record<string, { sensitive?: boolean }>;
  expect(credentialLikeValues(json.resource)).toEqual([]);
  for (const { path, key, value } of entries(json.resource)) {
    if (SECRET_KEYS.test(key) && typeof value === 'string') {
      // The only secret input is a sensitive variable, set with TF_VAR_... at deploy time.
      const variable = /^\$\{var\.([A-Za-z0-9_]+)\}$/.exec(value)?.[1];
      expect({ path, variable: variable !== undefined && variables[variable]?.sensitive === true }).toEqual({ path, variable: true });
    }
  }
  for (const [variable, definition] of Object.entries(variables)) expect({ variable, default: (definition as { default?: unknown }).default ?? null }).toEqual({ variable, default: null });
});

test('the check finds a planted secret', () => {
  const planted = { resource: { azurerm_storage_account: { x: { connection_string: 'DefaultEndpointsProtocol=https;AccountKey=abc' } } } };
  expect(credentialLikeValues(planted.resource)).toEqual(['.azurerm_storage_account.x.connection_string']);
});
