import {
  HttpException,
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Observable, tap } from 'rxjs';
import { CORRELATION_HEADER, contextFromHeaders, currentContext, runInContext, type RequestContext } from './context.js';
import { VigilService } from './vigil.service.js';

/**
 * Per HTTP handler: one `http.server.duration` timer (operation `GET /orders/:id`, tag `status`), and an `error`
 * for each exception that ends in a 5xx (4xx are the client's). When the middleware did not run (a route it
 * does not cover) the interceptor opens the request's context itself.
 */
@Injectable()
export class VigilInterceptor implements NestInterceptor {
  constructor(@Inject(VigilService) private readonly vigil: VigilService) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const http = execution.switchToHttp();
    const req = http.getRequest<IncomingMessage & { route?: { path?: string }; method?: string }>();
    const res = http.getResponse<ServerResponse>();
    const operation = `${req.method ?? 'GET'} ${req.route?.path ?? execution.getHandler().name}`;
    if (currentContext()) return this.timed(next, operation, res);
    // Nest binds the handler to the async context current when handle() is called: open ours first
    const context = contextFromHeaders(req.headers);
    if (!res.headersSent) res.setHeader(CORRELATION_HEADER, context.correlationId);
    return runInContext(context, () => this.timed(next, operation, res, context));
  }

  /** `context`: the one this interceptor opened; the handler's completion is signalled outside it. */
  private timed(next: CallHandler, operation: string, res: ServerResponse, context?: RequestContext): Observable<unknown> {
    const start = performance.now();
    const within = (fn: () => void) => (context ? runInContext(context, fn) : fn());
    return next.handle().pipe(
      tap({
        complete: () => within(() => this.record(operation, start, res.statusCode)),
        error: (e: unknown) =>
          within(() => {
            const status = e instanceof HttpException ? e.getStatus() : 500;
            this.record(operation, start, status);
            if (status >= 500) this.vigil.error(e, { operation, httpStatus: status, handled: false });
          }),
      }),
    );
  }

  private record(operation: string, start: number, status: number): void {
    this.vigil.timing('http.server.duration', performance.now() - start, { operation, tags: { status } });
  }
}
