// Architecture rules (issue #16), checked by `npm run lint` and by test/lint/boundaries.test.ts.
// Layers import only downward: core ← platform ← networks ← staffchat ← flows ← bots | worker | cli.
// Paths are relative to the cruise's base directory, so the test's fixture tree obeys the same rules.
// Type-only imports count (tsPreCompilationDeps): a type is a dependency too.
// Cycles between folders are checked by scripts/lint/boundaries.ts, on product code only.

/** A test file or test-only tree: exempt from layering and product rules, never product code. */
const TEST = '(^test/|\\.test\\.ts$)';
/** Code that never ships: tests, the sandbox (fake networks, demo), dev scripts, root config files. */
const NOT_PRODUCT = `(${TEST}|^shared/sandbox/|^scripts/|^[^/]+$)`;

/** A file under shared/ that lies in none of its known folders. */
const OUTSIDE_LAYERS = '^shared/(?!(core|platform|networks|staffchat|flows|cli|sandbox)/)';

/** Each layer and the folders that lie above it (which it must not import). */
const layers = [
  { name: 'core', path: '^shared/core/', above: ['shared/platform', 'shared/networks', 'shared/staffchat', 'shared/flows', 'shared/cli', 'bots', 'worker'] },
  { name: 'platform', path: '^shared/platform/', above: ['shared/networks', 'shared/staffchat', 'shared/flows', 'shared/cli', 'bots', 'worker'] },
  { name: 'networks', path: '^shared/networks/', above: ['shared/staffchat', 'shared/flows', 'shared/cli', 'bots', 'worker'] },
  { name: 'staffchat', path: '^shared/staffchat/', above: ['shared/flows', 'shared/cli', 'bots', 'worker'] },
  { name: 'flows', path: '^shared/flows/', above: ['shared/cli', 'bots', 'worker'] },
  // The top: bots, worker and the CLI are separate entry points; the CLI starts the other two (system.ts).
  { name: 'bots', path: '^bots/', above: ['shared/cli', 'worker'] },
  { name: 'worker', path: '^worker/', above: ['shared/cli', 'bots'] },
];

/** A package from node_modules (wherever it lies: the test's fixture tree resolves packages from the repo's). */
const npm = (...names) => `(^|/)node_modules/(${names.join('|')})/`;

const layerRules = layers.map(({ name, path, above }) => ({
  name: `layer-${name}`,
  severity: 'error',
  comment: `${name} imports only the layers below it (core ← platform ← networks ← staffchat ← flows ← bots | worker | cli)`,
  from: { path, pathNot: TEST },
  to: { path: `^(${above.join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'shared/core has no I/O and no clock: it imports only zod, luxon and itself',
      from: { path: '^shared/core/', pathNot: TEST },
      to: { pathNot: `^shared/core/|${npm('zod', 'luxon', '@types/luxon')}` },
    },
    {
      name: 'core-tests',
      severity: 'error',
      // node's util and assert only compare values (isDeepStrictEqual): no I/O, no clock.
      comment: "core's tests add only vitest, fast-check, the test kit and node's value comparisons",
      from: { path: '^shared/core/.+\\.test\\.ts$' },
      to: { pathNot: `^shared/core/|^test/kit/|${npm('zod', 'luxon', '@types/luxon', 'vitest', 'fast-check')}|^(node:)?(util|assert(/strict)?)$` },
    },
    {
      name: 'product-not-test',
      severity: 'error',
      // The sandbox counts here: the CLI's demo command runs it, so it must not need the test tree either.
      comment: 'product code and the sandbox never import the test tree (nor the dev scripts: benchmarks, load generators)',
      from: { pathNot: `(${TEST}|^scripts/|^[^/]+$)` },
      to: { path: '^(test|scripts)/' },
    },
    {
      name: 'product-not-sandbox',
      severity: 'error',
      comment: 'product code never imports the sandbox (fake networks, demo) — only the CLI demo command does',
      from: { pathNot: `(${NOT_PRODUCT}|^shared/cli/commands/demo\\.ts$)` },
      to: { path: '^shared/sandbox/' },
    },
    {
      name: 'shared-in-layers',
      severity: 'error',
      comment: 'every folder of shared/ is a layer (or the sandbox): a file outside them would escape the layer rules',
      from: { path: OUTSIDE_LAYERS },
      to: {},
    },
    {
      name: 'shared-in-layers',
      severity: 'error',
      comment: 'every folder of shared/ is a layer (or the sandbox): a file outside them would escape the layer rules',
      from: {},
      to: { path: OUTSIDE_LAYERS },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'modules do not depend on each other in a circle',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'an import that does not resolve would hide a dependency from these rules',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|migrations|\\.otklik|test/lint/fixtures)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
