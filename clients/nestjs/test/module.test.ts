import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Controller, Get, Injectable, Logger, Module, NotFoundException, Param } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Timed, TracksEvent } from '../dist/decorators.js';
import { vigilFetch } from '../dist/http.js';
import { Publisher } from '../dist/publisher.js';
import { TraceParent } from '../dist/trace-parent.js';
import { VigilLogger } from '../dist/vigil.logger.js';
import { VigilModule } from '../dist/vigil.module.js';
import { VIGIL_OPTIONS, VigilService } from '../dist/vigil.service.js';
import type { ResolvedOptions, VigilOptions } from '../dist/options.js';
import { RecordingPublisher } from './support.js';

/** A downstream service that records the headers each call brought. */
let downstream: Server;
const received: IncomingHttpHeaders[] = [];
let downstreamUrl = '';

@Injectable()
class OrderService {
  @Timed('orders.lookup')
  async lookup(id: string): Promise<{ id: string; total: number }> {
    await new Promise((r) => setTimeout(r, 5));
    return { id, total: 42.5 };
  }

  @TracksEvent<{ id: string; total: number }>('order_viewed', (order) => ({
    value: order.total,
    currency: 'EUR',
    properties: { order: order.id },
  }))
  async view(id: string) {
    return this.lookup(id);
  }
}

@Controller('orders')
class OrderController {
  private readonly log = new Logger('OrderController');

  constructor(private readonly orders: OrderService) {}

  @Get('fail')
  fail(): never {
    this.log.warn('about to fail');
    throw new TypeError('cannot read total of undefined');
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('no such order');
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    this.log.log(`viewing order ${id}`);
    const order = await this.orders.view(id);
    await new Promise((r) => setTimeout(r, Math.random() * 10)); // interleave concurrent requests
    const res = await vigilFetch(`${downstreamUrl}/stock/${id}`);
    this.log.log({ stock: res.status, id });
    return order;
  }
}

@Module({ controllers: [OrderController], providers: [OrderService] })
class OrdersModule {}

type Adapter = 'express' | 'fastify';

/**
 * The orders application with VigilModule (these options over the service's) publishing into memory, on Nest's
 * default HTTP platform (Express) or on Fastify.
 */
async function ordersApp(
  options: Partial<VigilOptions>,
  adapter: Adapter = 'express',
): Promise<{ app: INestApplication; recorded: RecordingPublisher }> {
  const ref = await Test.createTestingModule({
    imports: [VigilModule.forRoot({ service: 'orders', kafka: { brokers: ['127.0.0.1:1'] }, ...options }), OrdersModule],
  })
    .overrideProvider(Publisher)
    .useFactory({ factory: (o: ResolvedOptions) => new RecordingPublisher(o), inject: [VIGIL_OPTIONS] })
    .compile();
  const app =
    adapter === 'fastify'
      ? ref.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { bufferLogs: true })
      : ref.createNestApplication({ bufferLogs: true });
  app.useLogger(app.get(VigilLogger));
  await app.init();
  if (adapter === 'fastify') await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
  return { app, recorded: app.get(Publisher) as RecordingPublisher };
}

// With the middleware (the default) and without it, when the interceptor opens each request's context; on Express
// and on Fastify.
describe.each<[Adapter, boolean]>([
  ['express', true],
  ['express', false],
  ['fastify', true],
  ['fastify', false],
])('VigilModule in a Nest application on %s, middleware %s', (adapter, middleware) => {
  let app: INestApplication;
  let recorded: RecordingPublisher;

  beforeAll(async () => {
    downstream = createServer((req, res) => {
      received.push(req.headers);
      res.end('{}');
    });
    await new Promise<void>((r) => downstream.listen(0, '127.0.0.1', r));
    downstreamUrl = `http://127.0.0.1:${(downstream.address() as AddressInfo).port}`;
    ({ app, recorded } = await ordersApp({ environment: 'test', middleware }, adapter));
  });

  afterAll(async () => {
    await app?.close();
    downstream?.close();
  });

  test('a request continues the caller trace and correlation ID in every event and in the call it makes', async () => {
    recorded.records.length = 0;
    received.length = 0;
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const res = await request(app.getHttpServer())
      .get('/orders/o-1')
      .set('x-correlation-id', 'journey-1')
      .set('traceparent', incoming);
    expect(res.status).toBe(200);
    expect(res.headers['x-correlation-id']).toBe('journey-1');

    const events = recorded.records.map((r) => r.event);
    expect(events.map((e) => `${e.type}:${e.name ?? e.message}`).sort()).toEqual([
      'agent_log:viewing order o-1',
      'agent_log:{"stock":200,"id":"o-1"}',
      'business_event:order_viewed',
      'performance_metric:http.server.duration',
      'performance_metric:orders.lookup',
    ]);
    for (const e of events) {
      expect(e).toMatchObject({ service: 'orders', environment: 'test', correlation_id: 'journey-1' });
      expect(e.trace_id).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
      expect(e.span_id).not.toBe('00f067aa0ba902b7'); // this service's own span
    }
    expect(new Set(events.map((e) => e.span_id)).size).toBe(1);
    expect(recorded.records.every((r) => r.key === 'journey-1')).toBe(true);
    const log = events.find((e) => e.message === 'viewing order o-1')!;
    expect(log).toMatchObject({ level: 'INFO', logger: 'OrderController' });
    expect(events.find((e) => e.name === 'order_viewed')).toMatchObject({
      value: 42.5,
      currency: 'EUR',
      properties: { order: 'o-1' },
    });
    expect(events.find((e) => e.name === 'orders.lookup')).toMatchObject({
      kind: 'timer',
      unit: 'ms',
      operation: 'OrderService.lookup',
    });
    expect(events.find((e) => e.name === 'http.server.duration')).toMatchObject({
      operation: 'GET /orders/:id',
      tags: { status: 200 },
    });

    expect(received).toHaveLength(1);
    expect(received[0]['x-correlation-id']).toBe('journey-1');
    const sent = TraceParent.parse(received[0].traceparent as string)!;
    expect(sent.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(sent.spanId).not.toBe(events[0].span_id);
  });

  test("a mesh's x-request-id is the correlation ID of a request without its own, answered and sent on", async () => {
    recorded.records.length = 0;
    received.length = 0;
    const res = await request(app.getHttpServer()).get('/orders/m-1').set('x-request-id', '7f3c2a1b-envoy');
    expect(res.status).toBe(200);
    expect(res.headers['x-correlation-id']).toBe('7f3c2a1b-envoy');
    const events = recorded.records.map((r) => r.event);
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.correlation_id))).toEqual(new Set(['7f3c2a1b-envoy']));
    expect(received[0]['x-correlation-id']).toBe('7f3c2a1b-envoy');
    const both = await request(app.getHttpServer())
      .get('/orders/m-2')
      .set('x-correlation-id', 'journey-2')
      .set('x-request-id', 'edge-2');
    expect(both.headers['x-correlation-id']).toBe('journey-2');
    const invalid = await request(app.getHttpServer())
      .get('/orders/m-3')
      .set('x-correlation-id', 'has spaces in it')
      .set('x-request-id', 'edge-3');
    expect(invalid.headers['x-correlation-id']).toBe('edge-3');
  });

  test('concurrent requests without headers each get their own correlation ID and trace, never mixed', async () => {
    recorded.records.length = 0;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => request(app.getHttpServer()).get(`/orders/c-${i}`)),
    );
    const ids = responses.map((r) => r.headers['x-correlation-id'] as string);
    expect(new Set(ids).size).toBe(20);
    for (let i = 0; i < 20; i++) {
      const mine = recorded.records.filter((r) => r.event.message === `viewing order c-${i}`);
      expect(mine).toHaveLength(1);
      expect(mine[0].event.correlation_id).toBe(ids[i]);
      const all = recorded.records.filter((r) => r.event.correlation_id === ids[i]);
      expect(all).toHaveLength(5);
      expect(new Set(all.map((r) => r.event.trace_id)).size).toBe(1);
    }
    expect(new Set(recorded.records.map((r) => r.event.trace_id)).size).toBe(20);
  });

  test('an exception that ends in a 5xx is one error event with frames; a 4xx is not an error', async () => {
    recorded.records.length = 0;
    const failed = await request(app.getHttpServer()).get('/orders/fail').set('x-correlation-id', 'f-1');
    expect(failed.status).toBe(500);
    const missing = await request(app.getHttpServer()).get('/orders/missing').set('x-correlation-id', 'm-1');
    expect(missing.status).toBe(404);

    const errors = recorded.ofType('error');
    // the interceptor's report; Nest's ExceptionsHandler then logs the same Error through VigilLogger: not again
    expect(errors.map((e) => [e.correlation_id, e.error_type, e.http_status, e.handled])).toEqual([
      ['f-1', 'TypeError', 500, false],
    ]);
    const reported = errors[0];
    expect(reported).toMatchObject({ message: 'cannot read total of undefined', operation: 'GET /orders/fail', severity: 'error' });
    expect(reported.frames[0]).toMatchObject({ function: 'OrderController.fail', in_app: true });
    expect(reported.frames[0].file).toContain('module.test.ts');
    expect(reported.frames.some((f: { in_app: boolean }) => !f.in_app)).toBe(true);
    const timers = recorded.ofType('performance_metric').filter((m) => m.name === 'http.server.duration');
    expect(timers.map((t) => [t.correlation_id, t.tags.status])).toEqual([
      ['f-1', 500],
      ['m-1', 404],
    ]);
    expect(recorded.ofType('agent_log').map((l) => [l.level, l.message, l.correlation_id])).toEqual([
      ['WARN', 'about to fail', 'f-1'],
    ]);
  });

  test('log levels the options leave out are not published', () => {
    recorded.records.length = 0;
    const logger = app.get(VigilLogger);
    logger.debug('noise', 'Ctx');
    logger.verbose('more noise', 'Ctx');
    logger.log('kept', 'Ctx');
    logger.error(new RangeError('bad range'), 'Ctx');
    expect(recorded.records.map((r) => [r.event.type, r.event.message, r.event.logger ?? r.event.attributes?.['log.logger']])).toEqual([
      ['agent_log', 'kept', 'Ctx'],
      ['error', 'bad range', 'Ctx'],
    ]);
    // outside a request: no correlation or trace ID, the pipeline assigns one
    expect(recorded.records[0].event.correlation_id).toBeUndefined();
    expect(recorded.records[0].event.trace_id).toBeUndefined();
  });

  test('counters are reported as their totals on shutdown', async () => {
    recorded.records.length = 0;
    const vigil = app.get(VigilService);
    vigil.increment('orders.viewed');
    vigil.increment('orders.viewed', 4);
    expect(() => vigil.increment('orders.viewed', -1)).toThrow(TypeError);
    await vigil.onApplicationShutdown();
    expect(recorded.ofType('performance_metric').map((m) => [m.name, m.kind, m.value])).toEqual([
      ['orders.viewed', 'counter', 5],
    ]);
  });
});

// The cheaper configuration (docs/performance.md): the middleware alone still times every request; a crash is
// then the error Nest's exception handler logs through VigilLogger, without the interceptor's status and operation.
describe.each<Adapter>(['express', 'fastify'])('VigilModule on %s without the interceptor', (adapter) => {
  let app: INestApplication;
  let recorded: RecordingPublisher;

  beforeAll(async () => {
    ({ app, recorded } = await ordersApp({ interceptor: false }, adapter));
  });

  afterAll(async () => app?.close());

  test('every request is timed with its route and the status it was answered with; a crash is one error', async () => {
    recorded.records.length = 0;
    expect((await request(app.getHttpServer()).get('/orders/fail').set('x-correlation-id', 'n-1')).status).toBe(500);
    expect((await request(app.getHttpServer()).get('/orders/missing').set('x-correlation-id', 'n-2')).status).toBe(404);
    expect((await request(app.getHttpServer()).get('/nowhere').set('x-correlation-id', 'n-3')).status).toBe(404);

    const timers = recorded.ofType('performance_metric').filter((m) => m.name === 'http.server.duration');
    expect(timers.map((t) => [t.correlation_id, t.operation, t.tags.status, t.unit])).toEqual([
      ['n-1', 'GET /orders/fail', 500, 'ms'],
      ['n-2', 'GET /orders/missing', 404, 'ms'],
      ['n-3', 'GET', 404, 'ms'], // no route matched: the method alone, never the URL
    ]);
    expect(recorded.ofType('error').map((e) => [e.correlation_id, e.error_type, e.message, e.http_status])).toEqual([
      ['n-1', 'TypeError', 'cannot read total of undefined', undefined],
    ]);
  });
});

describe('configuration', () => {
  test('forRootAsync builds options from injected providers', async () => {
    @Module({ providers: [{ provide: 'SERVICE_NAME', useValue: 'billing' }], exports: ['SERVICE_NAME'] })
    class ConfigModule {}
    const ref = await Test.createTestingModule({
      imports: [
        VigilModule.forRootAsync({
          imports: [ConfigModule],
          inject: ['SERVICE_NAME'],
          useFactory: async (service: string) => ({ service, kafka: { brokers: ['127.0.0.1:1'] } }),
        }),
      ],
    })
      .overrideProvider(Publisher)
      .useFactory({ factory: (o: ResolvedOptions) => new RecordingPublisher(o), inject: [VIGIL_OPTIONS] })
      .compile();
    const vigil = ref.get(VigilService);
    vigil.event('invoice_sent');
    expect((ref.get(Publisher) as RecordingPublisher).records[0].event).toMatchObject({
      service: 'billing',
      type: 'business_event',
      name: 'invoice_sent',
    });
    await ref.close();
  });

  test('correlationHeaders chooses the request headers the correlation ID is read from', async () => {
    const { app, recorded } = await ordersApp({ correlationHeaders: ['X-Amzn-Request-Id'] });
    try {
      recorded.records.length = 0; // Nest's start-up lines
      const res = await request(app.getHttpServer())
        .get('/orders/a-1')
        .set('x-correlation-id', 'not-read')
        .set('x-amzn-request-id', 'aws-1');
      expect(res.headers['x-correlation-id']).toBe('aws-1');
      expect(recorded.records.length).toBeGreaterThan(0);
      expect(new Set(recorded.records.map((r) => r.event.correlation_id))).toEqual(new Set(['aws-1']));
    } finally {
      await app.close();
    }
  });

  test.each([
    [{ service: 'ok', kafka: { brokers: ['k:9092'] }, correlationHeaders: [' '] }, /correlationHeaders names no header\. Fix:/],
    [{ service: 'bad name', kafka: { brokers: ['k:9092'] } }, /service must match .* Fix: set service/],
    [{ service: 'ok', kafka: { brokers: [] } }, /kafka.brokers is not set\. Fix:/],
    [{ service: 'ok', kafka: { brokers: ['k:9092'] }, bufferSize: 0 }, /bufferSize must be a whole number >= 1/],
    [{ service: 'ok', kafka: { brokers: ['k:9092'] }, bufferSize: 10, batchSize: 20 }, /batchSize \(20\) exceeds bufferSize/],
  ])('a bad option names the key and the fix (%#)', (options, message) => {
    expect(() => VigilModule.forRoot(options as never)).toThrow(message);
  });
});
