import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { token } from './text.js';
import { TraceParent } from './trace-parent.js';

/** The header that carries the correlation ID between services, as the pipeline names it. */
export const CORRELATION_HEADER = 'x-correlation-id';

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
 * The context of an incoming request: its correlation ID (or a new one when it has none or one the contract
 * would refuse) and a child span of its traceparent (or a new trace).
 */
export function contextFromHeaders(headers: Record<string, HeaderValue>): RequestContext {
  const correlation = token(first(headers[CORRELATION_HEADER]), 128);
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
