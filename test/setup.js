// cdktf's jest matchers (toHaveResourceWithProperties, ...), with cdktf loaded by the first test that uses one: many
// test files never touch cdktf (config, verifier, policy logic), and loading it in each costs about 0.2 s of a worker.
/* global expect */
const CDKTF_MATCHERS = [
  'toHaveResource',
  'toHaveResourceWithProperties',
  'toHaveDataSource',
  'toHaveDataSourceWithProperties',
  'toHaveProvider',
  'toHaveProviderWithProperties',
  'toBeValidTerraform',
  'toPlanSuccessfully',
];
let cdktfMatchers;
function loadCdktfMatchers() {
  // cdktf registers its matchers with `global.expect.extend`; they read `global.expect` again only when they run.
  const realExpect = global.expect;
  let registered;
  global.expect = { extend: (matchers) => (registered = matchers) };
  try {
    require('cdktf/lib/testing/adapters/jest').setupJest();
  } finally {
    global.expect = realExpect;
  }
  return registered;
}
expect.extend(
  Object.fromEntries(
    CDKTF_MATCHERS.map((name) => [
      name,
      function cdktfMatcher(...args) {
        cdktfMatchers ??= loadCdktfMatchers();
        return cdktfMatchers[name].apply(this, args);
      },
    ]),
  ),
);

// cdktf captures a full-depth stack trace for every token it creates (`creationStack`, read only to explain a token
// that fails to resolve) and jest's source-map support maps every frame of each: measured as ~30% of a stack test's
// CPU. Those captures are plain objects, not errors; real errors keep their source-mapped traces.
const mapStackTrace = Error.prepareStackTrace;
if (mapStackTrace) Error.prepareStackTrace = (error, frames) => (error instanceof Error ? mapStackTrace(error, frames) : '');

// A test that asserts nothing cannot fail: every test must reach at least one expect (a test that only checks that
// nothing throws says so with `expect(() => ...).not.toThrow()`).
/* global beforeEach */
beforeEach(() => expect.hasAssertions());

// A coverage run (jest.config.js) seeds fast-check: generated inputs reach different branches on each run, and the
// coverage threshold must not depend on luck. Plain runs keep random seeds (a failure prints its seed).
if (process.env.LZ_COVERAGE_RUN === '1') require('fast-check').configureGlobal({ seed: 20261203 });
