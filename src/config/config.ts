/**
 * The environment → one typed, validated, frozen Config (README.md, Configuration). Only this module reads
 * `process.env`; everything else is handed a Config.
 *
 * @example
 *   const config = loadConfig(process.env); // throws ConfigError naming the variable on a bad value
 */
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';

const Integer = (description: string, minimum: number, maximum: number) =>
  Type.Integer({ description, minimum, maximum });

/** One trusted proxy for TRUST_PROXY: an IPv4/IPv6 address or CIDR, or one of proxy-addr's named ranges. */
const PROXY_ADDRESS = '(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(/\\d{1,3})?)';

/** TRUST_PROXY as Fastify's `trustProxy` takes it: a boolean, or the comma-separated trusted proxies. */
function trustProxyOf(text: string): boolean | string {
  if (text === 'true' || text === 'false') return text === 'true';
  return text.replace(/\s+/g, '');
}

/** The environment variables Matchcast reads, with their forms. One source for validation, types and docs. */
/**
 * A key's text: Node reads header bytes one character each (latin1), so a key with other characters (é, ключ)
 * could never match what a client sends.
 */
const VISIBLE_ASCII = '^[!-~]+$';

export const EnvSchema = Type.Object({
  PORT: Integer('HTTP port of the API (default 8000)', 1, 65535),
  HOST: Type.String({
    description:
      'interface the API binds (default 127.0.0.1; 0.0.0.0 to serve other hosts, as the image does)',
    minLength: 1,
  }),
  API_KEY: Type.Optional(
    Type.String({
      description:
        'key required in X-API-Key on /predict/* (8 to 254 visible ASCII characters: a header carries no other text as sent)',
      minLength: 8,
      maxLength: 254,
      pattern: VISIBLE_ASCII,
    }),
  ),
  MONITORING_API_KEY: Type.Optional(
    Type.String({
      description:
        'when set, key required in X-API-Key on /monitoring/* (8 to 254 visible ASCII characters: a header carries no other text as sent)',
      minLength: 8,
      maxLength: 254,
      pattern: VISIBLE_ASCII,
    }),
  ),
  DATABASE_URL: Type.Optional(
    Type.String({
      description: 'postgres://user:pass@host:port/db; unset = embedded PGlite',
      pattern: '^postgres(ql)?://',
    }),
  ),
  REDIS_URL: Type.Optional(
    Type.String({
      description: 'redis://host:port[/db] (db a number); unset = in-process queue',
      pattern: '^rediss?://[^/?#]*(/\\d*)?([?#].*)?$',
    }),
  ),
  ARTIFACT_STORE: Type.Optional(
    Type.String({
      description: 's3://bucket/prefix or a folder path; unset = DATA_DIR/artifacts',
      // Any other scheme (S3://, ftp://) is a mistake, not a folder named after it.
      pattern: '^(s3://.+|(?![A-Za-z][A-Za-z0-9+.-]*://).+)$',
    }),
  ),
  S3_ENDPOINT: Type.Optional(
    Type.String({ description: 'S3-compatible endpoint, e.g. http://minio:9000', pattern: '^https?://' }),
  ),
  AWS_REGION: Type.String({ description: 'S3 region (default us-east-1)', minLength: 1 }),
  AWS_ACCESS_KEY_ID: Type.Optional(Type.String({ description: 'S3 access key', minLength: 1 })),
  AWS_SECRET_ACCESS_KEY: Type.Optional(Type.String({ description: 'S3 secret key', minLength: 1 })),
  MODEL_NAME: Type.String({
    description: 'registered model name (default soccer-match-outcome)',
    minLength: 1,
  }),
  PREDICT_TIMEOUT_MS: Integer('how long GET /predict/{id} waits for a worker (default 30000)', 1, 600_000),
  CACHE_RECHECK_SECONDS: Integer(
    'how often artifact caches re-check the store, and the API whether its warm track records are current (default 60)',
    1,
    86_400,
  ),
  INFERENCE_MODE: Type.Union([Type.Literal('queue'), Type.Literal('inline')], {
    description:
      'queue (default): GET /predict/{id} goes through the ml queue; inline: the API runs the model',
  }),
  DATA_DIR: Type.String({
    description: 'folder for the embedded database and artifacts (default ./var)',
    minLength: 1,
  }),
  FOOTBALL_DATA_URL: Type.String({
    description:
      'base URL of the football-data.co.uk layout matchcast sync pulls (default https://www.football-data.co.uk/; a mirror or test server can stand in)',
    pattern: '^https?://',
  }),
  LOG_LEVEL: Type.Union(
    [
      Type.Literal('fatal'),
      Type.Literal('error'),
      Type.Literal('warn'),
      Type.Literal('info'),
      Type.Literal('debug'),
      Type.Literal('trace'),
      Type.Literal('silent'),
    ],
    { description: 'pino log level (default info); debug also prints stack traces of CLI errors' },
  ),
  METRICS_PORT: Integer(
    'port of /metrics, /livez and /readyz in worker and scheduler processes (default 9464; 0 = off)',
    0,
    65535,
  ),
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(
    Type.String({
      description: 'OTLP/HTTP endpoint for traces, e.g. http://otel-collector:4318; unset = tracing off',
      pattern: '^https?://',
    }),
  ),
  OTEL_TRACES_SAMPLER: Type.Union(
    [
      'always_on',
      'always_off',
      'traceidratio',
      'parentbased_always_on',
      'parentbased_always_off',
      'parentbased_traceidratio',
    ].map((sampler) => Type.Literal(sampler)),
    { description: 'which traces are kept (OpenTelemetry names; default parentbased_traceidratio)' },
  ),
  OTEL_TRACES_SAMPLER_ARG: Type.String({
    description: 'share of traces kept by the *traceidratio samplers, 0 to 1 (default 0.1)',
    pattern: '^(0(\\.\\d+)?|1(\\.0+)?|\\.\\d+)$',
  }),
  LOG_FORMAT: Type.Union([Type.Literal('auto'), Type.Literal('json'), Type.Literal('pretty')], {
    description: 'auto (default): readable lines on a terminal, JSON lines otherwise; json; pretty',
  }),
  RATE_LIMIT_PER_MINUTE: Type.Optional(
    Integer('requests per minute one API key may make to /predict/*; unset = no limit', 1, 10_000_000),
  ),
  RATE_LIMIT_PER_IP_PER_MINUTE: Type.Optional(
    Integer('requests per minute one client address may make to /predict/*; unset = no limit', 1, 10_000_000),
  ),
  AUTH_FAILURES_PER_IP_PER_MINUTE: Integer(
    'wrong or missing keys one client address may send per minute before 429 (default 100)',
    1,
    10_000_000,
  ),
  TRUST_PROXY: Type.String({
    description:
      'whose X-Forwarded-For the API believes, so per-address limits see the client behind an ingress: false ' +
      '(default: the socket address counts), true (any proxy), or comma-separated proxy addresses/CIDRs ' +
      '(also loopback, linklocal, uniquelocal)',
    pattern: `^(true|false|${PROXY_ADDRESS}(\\s*,\\s*${PROXY_ADDRESS})*)$`,
  }),
  CORS_ORIGINS: Type.Optional(
    Type.String({
      description: 'comma-separated origins allowed to call the API from a browser; unset = CORS off',
      pattern: '^https?://[^,\\s]+(\\s*,\\s*https?://[^,\\s]+)*$',
    }),
  ),
});
export type Env = Static<typeof EnvSchema>;

const defaults = {
  PORT: '8000',
  // Loopback unless asked: the demo's printed link carries its API key.
  HOST: '127.0.0.1',
  AWS_REGION: 'us-east-1',
  MODEL_NAME: 'soccer-match-outcome',
  PREDICT_TIMEOUT_MS: '30000',
  CACHE_RECHECK_SECONDS: '60',
  INFERENCE_MODE: 'queue',
  DATA_DIR: './var',
  FOOTBALL_DATA_URL: 'https://www.football-data.co.uk/',
  LOG_LEVEL: 'info',
  LOG_FORMAT: 'auto',
  AUTH_FAILURES_PER_IP_PER_MINUTE: '100',
  TRUST_PROXY: 'false',
  METRICS_PORT: '9464',
  // One trace in ten, not OpenTelemetry's every trace: recording every trace costs 20-25 % of a queued
  // prediction's CPU, one in ten under 10 % (ADR 0015, docs/performance.md). A caller's sampled trace is kept.
  OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
  OTEL_TRACES_SAMPLER_ARG: '0.1',
} as const;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly apiKey: string | undefined;
  readonly monitoringApiKey: string | undefined;
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
  /** Resolved artifact location: `s3://bucket/prefix` or an absolute folder. */
  readonly artifactStore: string;
  readonly s3: {
    readonly endpoint: string | undefined;
    readonly region: string;
    readonly accessKeyId: string | undefined;
    readonly secretAccessKey: string | undefined;
  };
  readonly modelName: string;
  readonly predictTimeoutMs: number;
  readonly cacheRecheckSeconds: number;
  readonly inferenceMode: Env['INFERENCE_MODE'];
  /** Absolute path of DATA_DIR. */
  readonly dataDir: string;
  /** Base URL of the provider, always ending in `/`. */
  readonly footballDataUrl: string;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly logFormat: Env['LOG_FORMAT'];
  /** Where traces go (OTLP/HTTP); undefined = tracing off. */
  readonly otlpEndpoint: string | undefined;
  /** Head sampling of traces: which sampler, and the share of traces the ratio samplers keep. */
  readonly traceSampler: { readonly name: string; readonly ratio: number };
  /** Port of the probe server of workers and schedulers; 0 = none. */
  readonly metricsPort: number;
  /** Production mode: a database or queue server is configured, so an API key is mandatory. */
  readonly production: boolean;
  /** Rate limits and CORS (src/api/plugins/security.ts). */
  readonly security: {
    readonly rateLimitPerMinute: number | undefined;
    readonly rateLimitPerIpPerMinute: number | undefined;
    readonly authFailuresPerIpPerMinute: number;
    readonly corsOrigins: readonly string[];
    /** Fastify's `trustProxy`: which X-Forwarded-For hops decide a request's address. */
    readonly trustProxy: boolean | string;
  };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The integer variables, read from the schema so that a new one cannot be left out. */
const numeric: ReadonlySet<string> = new Set(
  Object.entries(EnvSchema.properties)
    .filter(([, schema]) => (schema as { type?: unknown }).type === 'integer')
    .map(([name]) => name),
);

/** Variables whose value an error never repeats: error messages end up in logs. */
const SECRETS: ReadonlySet<string> = new Set(['API_KEY', 'MONITORING_API_KEY', 'AWS_SECRET_ACCESS_KEY']);

/** `NAME=value` as an error may show it: secrets hidden, a URL's password masked. */
function shown(name: string, value: unknown): string {
  if (SECRETS.has(name)) return `${name} (value hidden)`;
  return `${name}=${String(value).replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@')}`;
}

function describeExpected(name: keyof Env): string {
  const schema = EnvSchema.properties[name] as { description?: string; minimum?: number; maximum?: number };
  const what = schema.description ?? 'a valid value';
  // Name the bounds, so `PORT=70000` says what would do.
  return schema.minimum !== undefined && schema.maximum !== undefined
    ? `${what}, from ${schema.minimum} to ${schema.maximum}`
    : what;
}

/** Turns an environment (usually `process.env`) into a Config, or throws a ConfigError naming the variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): Config {
  const raw: Record<string, unknown> = {};
  for (const name of Object.keys(EnvSchema.properties) as (keyof Env)[]) {
    const text = env[name]?.trim() || (defaults as Record<string, string>)[name];
    if (text === undefined || text === '') continue;
    if (numeric.has(name)) {
      if (!/^-?\d+$/.test(text))
        throw new ConfigError(
          name,
          `${shown(name, text)} is not an integer: expected ${describeExpected(name)}`,
        );
      raw[name] = Number(text);
    } else {
      raw[name] = text;
    }
  }
  const error = Value.Errors(EnvSchema, raw)[0];
  if (error) {
    const name = error.instancePath.replace(/^\//, '') as keyof Env;
    throw new ConfigError(name, `${shown(name, raw[name])} is invalid: expected ${describeExpected(name)}`);
  }
  const e = raw as Env;
  const resolve = (path: string) =>
    path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path.replace(/^\.\//, '')}`;
  const dataDir = resolve(e.DATA_DIR);
  const production = e.DATABASE_URL !== undefined || e.REDIS_URL !== undefined;
  const artifactStore = e.ARTIFACT_STORE
    ? e.ARTIFACT_STORE.startsWith('s3://')
      ? e.ARTIFACT_STORE
      : resolve(e.ARTIFACT_STORE)
    : `${dataDir}/artifacts`;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    apiKey: e.API_KEY,
    monitoringApiKey: e.MONITORING_API_KEY,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    artifactStore,
    s3: Object.freeze({
      endpoint: e.S3_ENDPOINT,
      region: e.AWS_REGION,
      accessKeyId: e.AWS_ACCESS_KEY_ID,
      secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
    }),
    modelName: e.MODEL_NAME,
    predictTimeoutMs: e.PREDICT_TIMEOUT_MS,
    cacheRecheckSeconds: e.CACHE_RECHECK_SECONDS,
    inferenceMode: e.INFERENCE_MODE,
    dataDir,
    footballDataUrl: e.FOOTBALL_DATA_URL.endsWith('/') ? e.FOOTBALL_DATA_URL : `${e.FOOTBALL_DATA_URL}/`,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    metricsPort: e.METRICS_PORT,
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
    traceSampler: Object.freeze({ name: e.OTEL_TRACES_SAMPLER, ratio: Number(e.OTEL_TRACES_SAMPLER_ARG) }),
    production,
    security: Object.freeze({
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      rateLimitPerIpPerMinute: e.RATE_LIMIT_PER_IP_PER_MINUTE,
      authFailuresPerIpPerMinute: e.AUTH_FAILURES_PER_IP_PER_MINUTE,
      corsOrigins: Object.freeze(e.CORS_ORIGINS?.split(',').map((origin) => origin.trim()) ?? []),
      trustProxy: trustProxyOf(e.TRUST_PROXY),
    }),
  });
}

/** Whether LOG_LEVEL asks for debug detail, read even when the rest of the environment is invalid. */
export function debugRequested(env: Readonly<Record<string, string | undefined>>): boolean {
  const level = env.LOG_LEVEL?.trim();
  return level === 'debug' || level === 'trace';
}
