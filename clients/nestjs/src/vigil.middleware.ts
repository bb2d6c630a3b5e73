import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CORRELATION_HEADER, contextFromHeaders, runInContext } from './context.js';

/**
 * Reads `traceparent` and `x-correlation-id` from each request (or starts a new correlation and trace), echoes
 * the correlation ID in the response, and runs the rest of the request inside that context, so every log call,
 * event and outgoing call it makes carries the IDs. Applied to every route by `VigilModule` unless
 * `middleware: false`.
 */
@Injectable()
export class VigilContextMiddleware implements NestMiddleware<IncomingMessage, ServerResponse> {
  use(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
    const context = contextFromHeaders(req.headers);
    if (!res.headersSent) res.setHeader(CORRELATION_HEADER, context.correlationId);
    runInContext(context, next);
  }
}
