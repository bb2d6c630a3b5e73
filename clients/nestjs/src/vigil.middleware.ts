import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CORRELATION_HEADER, contextFromHeaders, runInContext } from './context.js';
import type { ResolvedOptions } from './options.js';
import { VIGIL_OPTIONS, VigilService } from './vigil.service.js';

/** The request timer's name: what the pipeline's request detection reads (`detection.request-metric`). */
export const REQUEST_DURATION = 'http.server.duration';

const ROUTE = Symbol('vigil.route');

/**
 * Express' request once routed (`route.path`), Fastify's (`routeOptions.url`), or Node's bare request under Fastify
 * once {@link rememberRoute} has been given its route.
 */
export type RoutedRequest = Pick<IncomingMessage, 'method'> & {
  route?: { path?: string };
  routeOptions?: { url?: string };
  [ROUTE]?: string;
};

/**
 * On Fastify, Nest hands middleware Node's bare request, which never learns the route Fastify matched: `VigilModule`
 * adds a hook that gives it (`routeOptions.url`) to the bare request, where {@link operationOf} reads it.
 */
export function rememberRoute(raw: IncomingMessage, url: string | undefined): void {
  if (url !== undefined) (raw as RoutedRequest)[ROUTE] = url;
}

/** `GET /orders/:id`: the method and the route the framework matched (never the URL: its IDs are unbounded). */
export function operationOf(req: RoutedRequest, fallback?: string): string {
  const route = req.route?.path ?? req.routeOptions?.url ?? req[ROUTE] ?? fallback;
  return route === undefined ? (req.method ?? 'GET') : `${req.method ?? 'GET'} ${route}`;
}

/**
 * Reads `traceparent` and the correlation ID (`x-correlation-id`, then `x-request-id`: option `correlationHeaders`)
 * from each request (or starts a new correlation and trace), echoes
 * the correlation ID in the response, and runs the rest of the request inside that context, so every log call,
 * event and outgoing call it makes carries the IDs. Times the request to its last byte handed to the socket
 * (`http.server.duration`, tag `status` as answered): a listener, where an interceptor would put every route
 * through Nest's rxjs pipeline (docs/performance.md). Applied to every route by `VigilModule` unless
 * `middleware: false`. On Express and on Fastify (where it gets Node's bare request and response).
 */
@Injectable()
export class VigilContextMiddleware implements NestMiddleware<IncomingMessage, ServerResponse> {
  constructor(
    @Inject(VigilService) private readonly vigil: VigilService,
    @Inject(VIGIL_OPTIONS) private readonly options: ResolvedOptions,
  ) {}

  use(req: IncomingMessage & RoutedRequest, res: ServerResponse, next: (error?: unknown) => void): void {
    const context = contextFromHeaders(req.headers, this.options.correlationHeaders);
    if (!res.headersSent) res.setHeader(CORRELATION_HEADER, context.correlationId);
    const start = performance.now();
    // 'finish' runs in the socket's async context, not the request's: the timer is given the request's
    res.once('finish', () =>
      runInContext(context, () =>
        this.vigil.timing(REQUEST_DURATION, performance.now() - start, {
          operation: operationOf(req),
          tags: { status: res.statusCode },
        }),
      ),
    );
    runInContext(context, next);
  }
}
