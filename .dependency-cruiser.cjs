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

/**
 * Every command line loads every command's module (src/cli/program.ts), so a command imports what does its work
 * — the server, the runtime wiring, the pipeline, the queue client — only inside its action (`await import`):
 * `--help` and a usage error then start in half a second instead of one and a half.
 */
const lazyCommands = {
  name: 'cli-commands-load-their-work-lazily',
  comment:
    'src/cli/commands/* import the runtime, processes, API, pipeline and queue client only dynamically',
  severity: 'error',
  from: { path: '^src/cli/commands/' },
  to: {
    path: [
      '^src/cli/(runtime|processes/)',
      '^src/api/',
      '^src/pipelines/(run/(pipeline|pipeline-services|runner|lock-file)[.]|evaluation/|replay/)',
      '^src/queue/(queue-admin|redis-connection|create-task-queue|start-worker)[.]',
      '^src/ingest/(demo/advance-world|provider/sync|football-data/import)[.]',
    ],
    dependencyTypesNot: ['dynamic-import', 'type-only'],
  },
};

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    ...layerRules,
    lazyCommands,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
