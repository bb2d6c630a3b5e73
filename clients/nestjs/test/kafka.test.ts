import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Controller, Get, Logger, Module, Param } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { resolveOptions } from '../dist/options.js';
import { Publisher } from '../dist/publisher.js';
import { text } from '../dist/text.js';
import { VigilLogger } from '../dist/vigil.logger.js';
import { VigilModule } from '../dist/vigil.module.js';
import { VigilService } from '../dist/vigil.service.js';
import { anyText, contractCheck, random } from './support.js';

// Against the local stack's Kafka (./vigil stack up); the Maven build runs it with the stack's environment.
const bootstrap = process.env.VIGIL_KAFKA_BOOTSTRAP;

@Controller('pay')
class PaymentController {
  private readonly log = new Logger('PaymentController');

  constructor(private readonly vigil: VigilService) {}

  @Get(':n')
  pay(@Param('n') n: string) {
    this.log.log(`charging card for payment ${n}`);
    this.vigil.event('payment_captured', { value: Number(n), currency: 'USD', properties: { method: 'card' } });
    if (Number(n) % 10 === 0) this.vigil.error(new Error(`gateway timeout on payment ${n}`), { httpStatus: 504, handled: true });
    return { ok: true };
  }
}

@Module({ controllers: [PaymentController] })
class PaymentModule {}

(bootstrap ? describe : describe.skip)('publishing to the local Kafka', () => {
  const run = randomUUID().slice(0, 8);
  const topics = {
    agentLogs: `test.nestjs.${run}.agent-logs`,
    businessEvents: `test.nestjs.${run}.business-events`,
    performanceMetrics: `test.nestjs.${run}.performance-metrics`,
    errors: `test.nestjs.${run}.errors`,
  };
  const kafka = new Kafka({ clientId: 'vigil-nestjs-test', brokers: [bootstrap!], logLevel: logLevel.NOTHING });

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: Object.values(topics).map((topic) => ({ topic, numPartitions: 2 })), waitForLeaders: true });
    await admin.disconnect();
  });

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: Object.values(topics) });
    await admin.disconnect();
  });

  type Record = { key: string | null; value: string };

  /** Every record of the four topics, read from the start until `expected` have arrived (or 30 s passed). */
  async function readAll(expected: number): Promise<Map<string, Record[]>> {
    const consumer = kafka.consumer({ groupId: `test-${run}` });
    const out = new Map<string, Record[]>(Object.values(topics).map((t) => [t, []]));
    let n = 0;
    await consumer.connect();
    await consumer.subscribe({ topics: Object.values(topics), fromBeginning: true });
    await new Promise<void>((resolve) => {
      const deadline = setTimeout(resolve, 30_000);
      void consumer.run({
        eachMessage: async ({ topic, message }) => {
          out.get(topic)!.push({ key: message.key?.toString('utf8') ?? null, value: message.value!.toString('utf8') });
          if (++n >= expected) {
            clearTimeout(deadline);
            resolve();
          }
        },
      });
    });
    // anything beyond what was expected would show up within a moment
    await new Promise((r) => setTimeout(r, 500));
    await consumer.disconnect();
    return out;
  }

  test('requests, log lines of any text and API events all reach Kafka, and the pipeline parser accepts every one', async () => {
    const ref = await Test.createTestingModule({
      imports: [
        VigilModule.forRoot({ service: 'payments', environment: 'ci', kafka: { brokers: [bootstrap!] }, topics }),
        PaymentModule,
      ],
    }).compile();
    const app = ref.createNestApplication({ bufferLogs: true });
    const logger = app.get(VigilLogger);
    app.useLogger(logger);
    await app.init();

    const requests = 200;
    for (let i = 1; i <= requests; i++) {
      const res = await request(app.getHttpServer()).get(`/pay/${i}`).set('x-correlation-id', `pay-${run}-${i}`);
      expect(res.status).toBe(200);
    }
    const r = random(7);
    const messages: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const m = anyText(r, i % 100 === 0 ? 40_000 : 300);
      messages.push(m);
      logger.warn(m, 'Fuzz');
    }
    const vigil = app.get(VigilService);
    const stats = () => vigil.stats();
    await app.close();

    // Nest's own start-up lines went through the logger too: count what the publisher took
    const s = stats();
    expect(s.dropped).toBe(0);
    expect(s.failed).toBe(0);
    expect(s.queued).toBe(0);
    expect(s.sent).toBe(s.accepted);

    const read = await readAll(s.sent);
    const [logs, events, metrics, errors] = [topics.agentLogs, topics.businessEvents, topics.performanceMetrics, topics.errors].map(
      (t) => read.get(t)!,
    );
    expect(events).toHaveLength(requests);
    expect(metrics).toHaveLength(requests); // one http.server.duration per request
    expect(errors).toHaveLength(requests / 10);
    expect(logs.length + events.length + metrics.length + errors.length).toBe(s.sent);

    const all = [...logs, ...events, ...metrics, ...errors];
    const checked = await contractCheck(all.map((m) => m.value));
    expect(checked.filter((c) => !c.valid)).toEqual([]);
    expect(checked).toHaveLength(s.sent);

    // each request's events carry its correlation ID (and are keyed by it) and one trace
    for (let i = 1; i <= requests; i++) {
      const id = `pay-${run}-${i}`;
      const mine = checked.filter((c) => c.correlation_id === id);
      expect(mine.map((c) => c.type).sort()).toEqual(
        i % 10 === 0
          ? ['agent_log', 'business_event', 'error', 'performance_metric']
          : ['agent_log', 'business_event', 'performance_metric'],
      );
      expect(new Set(mine.map((c) => c.trace_id)).size).toBe(1);
    }
    expect(all.filter((m) => m.key !== null).every((m) => JSON.parse(m.value).correlation_id === m.key)).toBe(true);
    // the fuzzed lines arrive as the parser stores them (unkeyed, spread over both partitions: compared sorted)
    const fuzz = checked.filter((c) => c.logger === 'Fuzz').map((c) => c.message as string);
    expect(fuzz.sort()).toEqual(messages.map((m) => text(m).replace(/\u0000/g, '\ufffd')).sort());
  }, 120_000);

  test('with Kafka unreachable the buffer fills, further events are dropped and counted, one warning; close fails the rest', async () => {
    const warnings: string[] = [];
    const options = resolveOptions({
      service: 'payments',
      kafka: { brokers: ['127.0.0.1:1'], retries: 0, connectTimeout: 200 },
      bufferSize: 64,
      batchSize: 16,
      closeTimeoutMs: 3000,
      warn: (m) => warnings.push(m),
    });
    const publisher = new Publisher(options);
    let accepted = 0;
    for (let i = 0; i < 1000; i++) if (publisher.offer('vigil.agent-logs', undefined, `{"n":${i}}`)) accepted++;
    const s = publisher.stats();
    expect(accepted).toBe(64); // nothing left the buffer while the first send was still connecting
    expect(s).toEqual({ accepted: 64, dropped: 936, sent: 0, failed: 0, queued: 64 });
    expect(warnings.filter((w) => w.includes('dropped'))).toHaveLength(1);
    await publisher.close();
    const end = publisher.stats();
    expect(end.accepted).toBe(end.sent + end.failed + end.queued);
    expect(end).toEqual({ accepted: 64, dropped: 936, sent: 0, failed: 64, queued: 0 });
    expect(publisher.offer('vigil.agent-logs', undefined, '{}')).toBe(false);
  }, 30_000);
});
