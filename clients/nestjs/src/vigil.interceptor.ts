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
import { REQUEST_DURATION, operationOf, type RoutedRequest } from './vigil.middleware.js';
import type { ResolvedOptions } from './options.js';
import { VIGIL_OPTIONS, VigilService } from './vigil.service.js';

/** Express' response (Node's own) or Fastify's reply: both tell the status being answered. */
type Answer = { statusCode: number; raw?: ServerResponse };

/**
 * Per HTTP handler: an `error` for each exception that ends in a 5xx (4xx are the client's), with the handler's
 * operation and status. When the middleware did not run (`middleware: false`, or a route it does not cover)
 * the interceptor opens the request's context itself and times the handler (`http.server.duration`, operation
 * `GET /orders/:id`, tag `status`), which the middleware does otherwise.
 */
@Injectable()
export class VigilInterceptor implements NestInterceptor {
  constructor(
    @Inject(VigilService) private readonly vigil: VigilService,
    @Inject(VIGIL_OPTIONS) private readonly options: ResolvedOptions,
  ) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const http = execution.switchToHttp();
    // Express' request and response are Node's own; Fastify's wrap them (`raw`)
    const req = http.getRequest<RoutedRequest & Pick<IncomingMessage, 'headers'>>();
    const res = http.getResponse<Answer>();
    const operation = operationOf(req, execution.getHandler().name);
    if (currentContext()) return this.observed(next, operation);
    // Nest binds the handler to the async context current when handle() is called: open ours first
    const context = contextFromHeaders(req.headers, this.options.correlationHeaders);
    const raw = res.raw ?? (res as ServerResponse);
    if (!raw.headersSent) raw.setHeader(CORRELATION_HEADER, context.correlationId);
    return runInContext(context, () => this.observed(next, operation, { context, res, start: performance.now() }));
  }

  /** `timed`: the context this interceptor opened, to time the handler in; its completion is signalled outside it. */
  private observed(
    next: CallHandler,
    operation: string,
    timed?: { context: RequestContext; res: Answer; start: number },
  ): Observable<unknown> {
    const within = (fn: () => void) => (timed ? runInContext(timed.context, fn) : fn());
    const time = (status: number) =>
      timed && this.vigil.timing(REQUEST_DURATION, performance.now() - timed.start, { operation, tags: { status } });
    return next.handle().pipe(
      tap({
        complete: timed && (() => within(() => time(timed.res.statusCode))),
        error: (e: unknown) =>
          within(() => {
            const status = e instanceof HttpException ? e.getStatus() : 500;
            time(status);
            if (status >= 500) this.vigil.error(e, { operation, httpStatus: status, handled: false });
          }),
      }),
    );
  }
}
