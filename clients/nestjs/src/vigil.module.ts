import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type ModuleMetadata,
  type NestModule,
  type Provider,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { resolveOptions, type ResolvedOptions, type VigilOptions } from './options.js';
import { Publisher } from './publisher.js';
import { VigilInterceptor } from './vigil.interceptor.js';
import { VigilLogger } from './vigil.logger.js';
import { VigilContextMiddleware } from './vigil.middleware.js';
import { VIGIL_OPTIONS, VigilService } from './vigil.service.js';

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
  constructor(@Inject(VIGIL_OPTIONS) private readonly options: ResolvedOptions) {}

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
    if (this.options.middleware) consumer.apply(VigilContextMiddleware).forRoutes('*');
  }
}
