/**
 * The layers of docs/architecture.md (The map) as rules: a layer may import only the layers listed for it
 * (plus itself), and no import cycle is allowed anywhere.
 */
const allowed = {
  domain: [],
  config: ['domain'],
  db: ['domain', 'config'],
  storage: ['domain', 'config'],
  observability: ['domain', 'config'],
  features: ['domain'],
  models: ['domain'],
  ingest: ['domain', 'config', 'db'],
  registry: ['domain', 'config', 'db', 'storage', 'models'],
  inference: ['domain', 'storage', 'registry', 'models'],
  queue: ['domain', 'config', 'registry', 'inference', 'storage', 'observability'],
  pipelines: [
    'domain',
    'config',
    'db',
    'storage',
    'features',
    'models',
    'ingest',
    'registry',
    'inference',
    'queue',
    'observability',
  ],
  api: [
    'domain',
    'config',
    'db',
    'storage',
    'registry',
    'inference',
    'queue',
    'features',
    'models',
    'pipelines',
    'observability',
  ],
  cli: [
    'domain',
    'config',
    'db',
    'storage',
    'features',
    'models',
    'ingest',
    'registry',
    'inference',
    'queue',
    'pipelines',
    'api',
    'observability',
  ],
  ui: ['domain'],
};

const layerRules = Object.entries(allowed).map(([layer, deps]) => ({
  name: `layer-${layer}`,
  comment: `${layer} may import only: ${deps.join(', ') || 'nothing of ours'}`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(?!(${[layer, ...deps].join('|')})/)` },
}));

module.exports = {
  forbidden: [{ name: 'no-circular', severity: 'error', from: {}, to: { circular: true } }, ...layerRules],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
