import {
  Global,
  Inject,
  Module,
  Optional,
  type DynamicModule,
  type MiddlewareConsumer,
  type ModuleMetadata,
  type NestModule,
  type Provider,
} from '@nestjs/common';
import { APP_INTERCEPTOR, HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { resolveOptions, type ResolvedOptions, type VigilOptions } from './options.js';
import { Publisher } from './publisher.js';
import { VigilInterceptor } from './vigil.interceptor.js';
import { VigilLogger } from './vigil.logger.js';
import { VigilContextMiddleware, rememberRoute } from './vigil.middleware.js';
import { VIGIL_OPTIONS, VigilService } from './vigil.service.js';

/** What the module uses of a Fastify instance (not a dependency: Express applications have none). */
interface FastifyLike {
  addHook(
    name: 'onRequest',
    hook: (request: { raw: IncomingMessage; routeOptions?: { url?: string } }, reply: unknown, done: () => void) => void,
  ): unknown;
}

export interface VigilAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: (...args: any[]) => VigilOptions | Promise<VigilOptions>;
  inject?: any[];
  /** Whether to register the interceptor; with forRootAsync it is decided before the options exist. Default true. */
  interceptor?: boolean;
}

/**
 * Vigil for a Nest application, global: `VigilService` (events, metrics, errors), `VigilLogger` (Nest's
 * LoggerService), the context middleware on every route and the interceptor.
 *
 *   @Module({ imports: [VigilModule.forRoot({ service: 'checkout', kafka: { brokers: ['kafka:9092'] } })] })
 */
@Global()
@Module({})
export class VigilModule implements NestModule {
  constructor(
    @Inject(VIGIL_OPTIONS) private readonly options: ResolvedOptions,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {}

  static forRoot(options: VigilOptions): DynamicModule {
    const resolved = resolveOptions(options);
    return VigilModule.module([{ provide: VIGIL_OPTIONS, useValue: resolved }], [], resolved.interceptor);
  }

  static forRootAsync(options: VigilAsyncOptions): DynamicModule {
    const provider: Provider = {
      provide: VIGIL_OPTIONS,
      useFactory: async (...args: unknown[]) => resolveOptions(await options.useFactory(...args)),
      inject: options.inject ?? [],
    };
    return VigilModule.module([provider], options.imports ?? [], options.interceptor ?? true);
  }

  private static module(providers: Provider[], imports: ModuleMetadata['imports'], interceptor: boolean): DynamicModule {
    const publisher: Provider = {
      provide: Publisher,
      useFactory: (o: ResolvedOptions) => new Publisher(o),
      inject: [VIGIL_OPTIONS],
    };
    const all: Provider[] = [...providers, publisher, VigilService, VigilLogger, VigilContextMiddleware];
    if (interceptor) all.push({ provide: APP_INTERCEPTOR, useClass: VigilInterceptor });
    return {
      module: VigilModule,
      imports,
      providers: all,
      exports: [VIGIL_OPTIONS, VigilService, VigilLogger],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    if (!this.options.middleware) return;
    consumer.apply(VigilContextMiddleware).forRoutes('*');
    const fastify = this.adapterHost?.httpAdapter?.getInstance?.() as FastifyLike | undefined;
    if (typeof fastify?.addHook === 'function')
      fastify.addHook('onRequest', (request, _reply, done) => {
        rememberRoute(request.raw, request.routeOptions?.url);
        done();
      });
  }
}
