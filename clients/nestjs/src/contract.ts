import { randomBytes } from 'node:crypto';
import type { RequestContext } from './context.js';
import type { ResolvedOptions } from './options.js';
import { label, text, token } from './text.js';

/** A value of an attribute, property or tag: the contract keeps flat scalars only. */
export type Scalar = string | number | boolean;
export type Scalars = Record<string, Scalar | null | undefined>;

export type Level = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
export type MetricKind = 'counter' | 'gauge' | 'timer';
export type Severity = 'warning' | 'error' | 'fatal';

export interface BusinessEventFields {
  userId?: string;
  accountId?: string;
  value?: number;
  /** ISO 4217, with `value`. */
  currency?: string;
  feature?: string;
  /** Flat dimensions for funnels and KPIs (country, plan, app_version). */
  properties?: Scalars;
  attributes?: Scalars;
}

export interface ErrorFields {
  handled?: boolean;
  severity?: Severity;
  httpStatus?: number;
  operation?: string;
  userId?: string;
  /** The log line's own message when it differs from the error's. */
  logMessage?: string;
  logger?: string;
  attributes?: Scalars;
}

export interface MetricFields {
  unit?: string;
  operation?: string;
  tags?: Scalars;
}

/** Stack frames sent at most; the parser keeps the first and last 128 of what arrives. */
const MAX_FRAMES = 1024;
const CURRENCY = /^[A-Z]{3}$/;

/**
 * Writes the contract's JSON (docs/events.md): one envelope (service identity, correlation and trace IDs of the
 * request the call was made in), then the type's fields. Every event gets an `event_id` unique to this process
 * run, so two identical log lines stay two events while a producer retry of the same record keeps its ID.
 */
export class ContractWriter {
  private readonly idPrefix = `n-${randomBytes(8).toString('hex')}-`;
  private sequence = 0;
  /** The service's identity fields, the same in every event: written once. */
  private readonly identity: string;
  /** The last logger name and its quoted label: a service's lines come from a few loggers. */
  private lastLogger?: string;
  private lastLoggerJson = '';

  constructor(private readonly o: ResolvedOptions) {
    let identity = `,"service":${JSON.stringify(o.service)}`;
    if (o.environment !== undefined) identity += `,"environment":${JSON.stringify(o.environment)}`;
    const host = token(o.host, 255);
    if (host !== undefined) identity += `,"host":${JSON.stringify(host)}`;
    const instance = token(o.instance, 255);
    if (instance !== undefined) identity += `,"instance":${JSON.stringify(instance)}`;
    this.identity = identity;
  }

  /**
   * The hot path (every log call): written as a string, not built as an object for JSON.stringify, which cost
   * twice as much (bench: logger-bench).
   */
  log(level: Level, message: string, logger?: string, attributes?: Scalars, context?: RequestContext): string {
    let json = this.envelope('agent_log', context) + ',"level":"' + level + '"';
    if (logger !== this.lastLogger) {
      const name = label(logger);
      this.lastLogger = logger;
      this.lastLoggerJson = name === undefined ? '' : ',"logger":' + quote(name);
    }
    json += this.lastLoggerJson + ',"message":' + JSON.stringify(this.freeText(message));
    if (attributes) {
      const out: Record<string, Scalar> = {};
      if (copyScalars(out, attributes, text) > 0) json += ',"attributes":' + JSON.stringify(out);
    }
    return json + '}';
  }

  businessEvent(name: string, f: BusinessEventFields = {}, context?: RequestContext): string {
    const e: Record<string, unknown> = {};
    e.name = requireLabel('business event name', name);
    putToken(e, 'user_id', f.userId, 256);
    putToken(e, 'account_id', f.accountId, 256);
    if (f.value !== undefined) e.value = finite('value', f.value);
    if (f.currency !== undefined) {
      if (!CURRENCY.test(f.currency)) {
        throw new TypeError(`currency must be an ISO 4217 code such as EUR (got ${JSON.stringify(f.currency)})`);
      }
      e.currency = f.currency;
    }
    const feature = label(f.feature);
    if (feature !== undefined) e.feature = feature;
    putScalars(e, 'properties', f.properties, label);
    putScalars(e, 'attributes', f.attributes, text);
    return this.withPayload('business_event', context, e);
  }

  metric(name: string, kind: MetricKind, value: number, f: MetricFields = {}, context?: RequestContext): string {
    const e: Record<string, unknown> = {};
    e.name = requireLabel('metric name', name);
    e.kind = kind;
    e.value = finite(name, value);
    const unit = label(f.unit);
    if (unit !== undefined) e.unit = unit;
    const operation = label(f.operation);
    if (operation !== undefined) e.operation = operation;
    putScalars(e, 'tags', f.tags, label);
    return this.withPayload('performance_metric', context, e);
  }

  /** An `error` from a thrown value (an Error or anything else). */
  error(thrown: unknown, f: ErrorFields = {}, context?: RequestContext): string {
    if (thrown instanceof Error) {
      const cause = thrown.cause instanceof Error ? errorType(thrown.cause) : undefined;
      return this.errorOf(errorType(thrown), thrown.message, thrown.stack, f, cause, context);
    }
    return this.errorOf(typeof thrown, String(thrown), undefined, f, undefined, context);
  }

  /** An `error` from what Nest's logger is given: a message and a printed stack (`Type: message\n    at ...`). */
  errorFromStack(message: string, stack: string, f: ErrorFields = {}, context?: RequestContext): string {
    const head = stack.slice(0, stack.indexOf('\n') >>> 0);
    const colon = head.indexOf(':');
    const type = colon > 0 && !head.slice(0, colon).includes(' ') ? head.slice(0, colon) : 'Error';
    return this.errorOf(type, message, stack, f, undefined, context);
  }

  private errorOf(
    type: string,
    message: string,
    stack: string | undefined,
    f: ErrorFields,
    cause: string | undefined,
    context: RequestContext | undefined,
  ): string {
    const e: Record<string, unknown> = {};
    e.error_type = label(type) ?? 'Error';
    e.message = this.freeText(message || type);
    e.severity = f.severity ?? 'error';
    if (f.handled !== undefined) e.handled = f.handled;
    if (f.httpStatus !== undefined) {
      if (!Number.isInteger(f.httpStatus) || f.httpStatus < 100 || f.httpStatus > 599) {
        throw new TypeError(`httpStatus must be 100-599 (got ${f.httpStatus})`);
      }
      e.http_status = f.httpStatus;
    }
    const operation = label(f.operation);
    if (operation !== undefined) e.operation = operation;
    putToken(e, 'user_id', f.userId, 256);
    if (stack) {
      const frames = parseFrames(stack, this.o.appPaths);
      if (frames.length > 0) e.frames = frames;
    }
    const attributes: Record<string, Scalar> = {};
    if (f.logMessage !== undefined && f.logMessage !== message) attributes['log.message'] = this.freeText(f.logMessage);
    if (f.logger !== undefined) attributes['log.logger'] = text(f.logger);
    if (cause !== undefined) attributes['exception.cause'] = text(cause);
    copyScalars(attributes, f.attributes, text);
    if (Object.keys(attributes).length > 0) e.attributes = attributes;
    return this.withPayload('error', context, e);
  }

  /** The envelope, without its closing brace: ID, type, time, identity, and the request's IDs. */
  private envelope(type: string, c: RequestContext | undefined): string {
    let json =
      '{"event_id":"' + this.idPrefix + (this.sequence++).toString(16) + '","type":"' + type + '","timestamp":' +
      Date.now() + this.identity;
    if (c) {
      const id = token(c.correlationId, 128);
      if (id !== undefined) json += ',"correlation_id":' + quote(id);
      // hex, from TraceParent
      json += ',"trace_id":"' + c.trace.traceId + '","span_id":"' + c.trace.spanId + '"';
    }
    return json;
  }

  /** The envelope and a type's fields (never empty: each type has a required one). */
  private withPayload(type: string, c: RequestContext | undefined, payload: Record<string, unknown>): string {
    return this.envelope(type, c) + ',' + JSON.stringify(payload).slice(1);
  }

  private freeText(s: string): string {
    const masked = this.o.mask ? this.o.mask(s) : s;
    return text(masked);
  }
}

export interface Frame {
  function: string;
  file: string;
  line: number;
  in_app: boolean;
}

/**
 * V8's stack lines (`at fn (file.js:10:5)`, `at file.js:10:5`, `at async fn (...)`), innermost first, as the
 * pipeline's own OTLP mapping reads them. Scanned with indexOf, not a regular expression, since a stack can be
 * long and is written by anyone.
 */
export function parseFrames(stack: string, appPaths: readonly string[]): Frame[] {
  const frames: Frame[] = [];
  let start = stack.indexOf('\n') + 1;
  while (start > 0 && start < stack.length && frames.length < MAX_FRAMES) {
    const end = stack.indexOf('\n', start);
    const line = stack.slice(start, end < 0 ? stack.length : end).trim();
    start = end < 0 ? stack.length : end + 1;
    if (!line.startsWith('at ')) continue;
    const rest = line.slice(3);
    const open = rest.indexOf('(');
    const close = rest.lastIndexOf(')');
    const wrapped = open >= 0 && close > open;
    const where = wrapped ? rest.slice(0, open).trim() : '';
    const location = wrapped ? rest.slice(open + 1, close) : rest;
    const colon = location.lastIndexOf(':');
    const colon2 = colon > 0 ? location.lastIndexOf(':', colon - 1) : -1;
    if (colon2 <= 0) continue;
    const lineNo = digits(location.slice(colon2 + 1, colon));
    if (lineNo < 0 || digits(location.slice(colon + 1)) < 0) continue;
    const file = location.slice(0, colon2);
    frames.push({
      function: label(where) ?? '<anonymous>',
      file: label(file) ?? '<unknown>',
      line: lineNo,
      in_app: inApp(file, appPaths),
    });
  }
  return frames;
}

function inApp(file: string, appPaths: readonly string[]): boolean {
  if (appPaths.length > 0) return appPaths.some((p) => file.startsWith(p) || file.startsWith(`file://${p}`));
  return !(file.includes('node_modules') || file.startsWith('node:'));
}

function digits(s: string): number {
  if (s.length === 0 || s.length > 9) return -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
  }
  return Number(s);
}

function errorType(e: Error): string {
  const ctor = (e.constructor as { name?: string } | undefined)?.name;
  return e.name && e.name !== 'Error' ? e.name : ctor || 'Error';
}

function requireLabel(what: string, s: string): string {
  const l = typeof s === 'string' ? label(s) : undefined;
  if (l === undefined) throw new TypeError(`a ${what} must be a non-empty string (got ${JSON.stringify(s)})`);
  return l;
}

function finite(what: string, v: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new TypeError(`${what}: the value must be a finite number (got ${String(v)})`);
  }
  return v;
}

/** A JSON string of `s`; the usual label or ID needs no escaping and is only quoted. */
function quote(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return '"' + s + '"';
}

function putToken(e: Record<string, unknown>, field: string, value: string | undefined, max: number): void {
  const t = token(value, max);
  if (t !== undefined) e[field] = t;
}

/** How a string value is made acceptable: `label` for dimensions (properties, tags), `text` for attributes. */
type Repair = (s: string) => string | undefined;

function putScalars(e: Record<string, unknown>, field: string, values: Scalars | undefined, repair: Repair): void {
  if (!values) return;
  const out: Record<string, Scalar> = {};
  if (copyScalars(out, values, repair) > 0) e[field] = out;
}

/** Copies String, Number and Boolean members (keys as labels); a non-finite number goes as its text. */
function copyScalars(out: Record<string, Scalar>, values: Scalars | undefined, repair: Repair): number {
  if (!values) return 0;
  let n = 0;
  for (const k of Object.keys(values)) {
    const v = values[k];
    const key = label(k);
    if (key === undefined || v === null || v === undefined) continue;
    if (typeof v === 'number') out[key] = Number.isFinite(v) ? v : String(v);
    else if (typeof v === 'boolean') out[key] = v;
    else if (typeof v === 'string') out[key] = repair(v) ?? '';
    else throw new TypeError(`${k} must be a string, number or boolean (got ${typeof v})`);
    n++;
  }
  return n;
}
