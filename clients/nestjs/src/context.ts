import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { token } from './text.js';
import { TraceParent } from './trace-parent.js';

/** The header that carries the correlation ID between services, as the pipeline names it. */
export const CORRELATION_HEADER = 'x-correlation-id';
/**
 * The request ID edge proxies and meshes give a request and pass along (Envoy and Istio, nginx's `$request_id`,
 * Heroku's router): the correlation ID of a request that arrives without `x-correlation-id`.
 */
export const REQUEST_ID_HEADER = 'x-request-id';
/** The headers an incoming request's correlation ID is read from, by default: the first valid one wins. */
export const CORRELATION_HEADERS: readonly string[] = [CORRELATION_HEADER, REQUEST_ID_HEADER];

/**
 * What joins one request's events: the correlation ID (kept across every service the request reaches, traced
 * or not) and the W3C trace context of this service's part of it. The two stay distinct, as the pipeline's OTLP
 * mapping keeps them.
 */
export interface RequestContext {
  readonly correlationId: string;
  readonly trace: TraceParent;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of the request being served, if any. */
export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Runs `fn` (and everything it starts asynchronously) inside `context`. */
export function runInContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

type HeaderValue = string | string[] | undefined;

function first(v: HeaderValue): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The context of an incoming request: its correlation ID (the first of `correlationHeaders`, lower case, that
 * holds one the contract accepts; else a new one) and a child span of its traceparent (or a new trace).
 */
export function contextFromHeaders(
  headers: Record<string, HeaderValue>,
  correlationHeaders: readonly string[] = CORRELATION_HEADERS,
): RequestContext {
  let correlation: string | undefined;
  for (const h of correlationHeaders) {
    correlation = token(first(headers[h]), 128);
    if (correlation !== undefined) break;
  }
  const incoming = TraceParent.parse(first(headers[TraceParent.HEADER]));
  return {
    correlationId: correlation ?? randomUUID(),
    trace: incoming ? incoming.child() : TraceParent.newRoot(),
  };
}

/**
 * The headers for a call made downstream from the current request: its correlation ID and a new child span.
 * Empty outside a request.
 */
export function outgoingHeaders(): Record<string, string> {
  const c = storage.getStore();
  if (!c) return {};
  return { [CORRELATION_HEADER]: c.correlationId, [TraceParent.HEADER]: c.trace.child().header() };
}
