import { hostname } from 'node:os';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { CORRELATION_HEADERS } from './context.js';

/** What a service configures; `VigilModule.forRoot(options)`. */
export interface VigilOptions {
  /** The service's name in every event: `[A-Za-z0-9][A-Za-z0-9._-]{0,127}`. */
  service: string;
  environment?: string;
  /** Defaults to the machine's host name. */
  host?: string;
  /** This process among the service's replicas (a pod name, say). */
  instance?: string;
  /** Where and how to reach Kafka. Read secrets from files in the factory of `forRootAsync`, not from code. */
  kafka: KafkaOptions;
  /** Topics per event type; the pipeline's defaults. */
  topics?: Partial<Topics>;
  /** Events held while Kafka is slow or down; beyond it new events are dropped and counted. Default 8192. */
  bufferSize?: number;
  /** Events sent in one request to Kafka at most. Default 500. */
  batchSize?: number;
  /** How long an event may wait for others to share its request. Default 20 ms. */
  lingerMs?: number;
  /** How often counters and gauges are reported. Default 10 s. */
  metricIntervalMs?: number;
  /** How long shutdown waits for Kafka to take what is buffered. Default 10 s. */
  closeTimeoutMs?: number;
  /** Path prefixes of the application's own code, for in_app frames (default: all but node_modules and node:). */
  appPaths?: string[];
  /** Log levels the LoggerService publishes. Default log, error, warn, fatal. */
  logLevels?: LogLevel[];
  /** Also print log calls with Nest's ConsoleLogger. Default false. */
  console?: boolean;
  /**
   * Request headers the correlation ID is read from, the first valid one winning. Default `x-correlation-id`, then
   * `x-request-id` (the ID a mesh or an edge proxy gives a request). Responses and outgoing calls carry
   * `x-correlation-id`.
   */
  correlationHeaders?: string[];
  /** Apply the context middleware to every route. Default true. */
  middleware?: boolean;
  /** Register the interceptor (request timers, 5xx errors, context for non-middleware routes). Default true. */
  interceptor?: boolean;
  /**
   * Client-side masking: called with each free-text field (messages) before it is queued; return the text to
   * send. The pipeline masks again whatever arrives.
   */
  mask?: (text: string) => string;
  /** Where the library's own warnings go (at most one per minute per kind). Default: process.emitWarning. */
  warn?: (message: string) => void;
}

export interface KafkaOptions {
  /** `host:port` of one or more brokers. */
  brokers: string[];
  /** TLS (Node's `tls.connect` options: `ca`, `cert`, `key`, `servername`); `true` for the system's CAs. */
  tls?: TlsOptions | true;
  sasl?: { mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512'; username: string; password: string };
  /** Default `vigil-<service>`. */
  clientId?: string;
  /** Connection timeout, ms. Default 5000. */
  connectTimeout?: number;
  /** Retries of a failed send before its events count as failed. Default 3. */
  retries?: number;
}

export type LogLevel = 'verbose' | 'debug' | 'log' | 'warn' | 'error' | 'fatal';

export interface Topics {
  agentLogs: string;
  businessEvents: string;
  performanceMetrics: string;
  errors: string;
}

export const DEFAULT_TOPICS: Topics = {
  agentLogs: 'vigil.agent-logs',
  businessEvents: 'vigil.business-events',
  performanceMetrics: 'vigil.performance-metrics',
  errors: 'vigil.errors',
};

/** Options with every default filled in and checked. */
export interface ResolvedOptions {
  service: string;
  environment?: string;
  host: string;
  instance?: string;
  kafka: KafkaOptions;
  topics: Topics;
  bufferSize: number;
  batchSize: number;
  lingerMs: number;
  metricIntervalMs: number;
  closeTimeoutMs: number;
  appPaths: string[];
  logLevels: ReadonlySet<LogLevel>;
  console: boolean;
  correlationHeaders: readonly string[];
  middleware: boolean;
  interceptor: boolean;
  mask?: (text: string) => string;
  warn: (message: string) => void;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Checks options; an error names the option and the fix. */
export function resolveOptions(o: VigilOptions): ResolvedOptions {
  if (typeof o?.service !== 'string' || !NAME.test(o.service)) {
    throw new Error(
      `vigil: service must match [A-Za-z0-9][A-Za-z0-9._-]{0,127} (got ${JSON.stringify(o?.service)}). ` +
        'Fix: set service to the service name, e.g. "checkout"',
    );
  }
  if (o.environment !== undefined && !NAME.test(o.environment)) {
    throw new Error(
      `vigil: environment must match [A-Za-z0-9][A-Za-z0-9._-]{0,127} (got ${JSON.stringify(o.environment)}). ` +
        'Fix: set it to e.g. "prod" or leave it out',
    );
  }
  if (!o.kafka || !Array.isArray(o.kafka.brokers) || o.kafka.brokers.length === 0) {
    throw new Error('vigil: kafka.brokers is not set. Fix: set kafka: { brokers: ["host:9092"] }');
  }
  const positive = (key: keyof VigilOptions, value: number | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`vigil: ${key} must be a whole number >= 1 (got ${value}). Fix: set it or leave it out`);
    }
    return value;
  };
  const bufferSize = positive('bufferSize', o.bufferSize, 8192);
  const batchSize = positive('batchSize', o.batchSize, 500);
  if (batchSize > bufferSize) {
    throw new Error(`vigil: batchSize (${batchSize}) exceeds bufferSize (${bufferSize}). Fix: lower batchSize`);
  }
  const correlationHeaders = (o.correlationHeaders ?? [...CORRELATION_HEADERS])
    .map((h) => String(h).trim().toLowerCase())
    .filter((h) => h.length > 0);
  if (correlationHeaders.length === 0) {
    throw new Error(
      'vigil: correlationHeaders names no header. Fix: give at least one, such as "x-correlation-id", or leave it out',
    );
  }
  return {
    service: o.service,
    environment: o.environment,
    host: o.host ?? hostname(),
    instance: o.instance,
    kafka: o.kafka,
    topics: { ...DEFAULT_TOPICS, ...o.topics },
    bufferSize,
    batchSize,
    lingerMs: positive('lingerMs', o.lingerMs, 20),
    metricIntervalMs: positive('metricIntervalMs', o.metricIntervalMs, 10_000),
    closeTimeoutMs: positive('closeTimeoutMs', o.closeTimeoutMs, 10_000),
    appPaths: o.appPaths ?? [],
    logLevels: new Set(o.logLevels ?? ['log', 'warn', 'error', 'fatal']),
    console: o.console ?? false,
    correlationHeaders,
    middleware: o.middleware ?? true,
    interceptor: o.interceptor ?? true,
    mask: o.mask,
    warn: o.warn ?? ((m) => process.emitWarning(m, 'VigilWarning')),
  };
}
