import { describe, expect, test } from '@jest/globals';
import { contextFromHeaders, CORRELATION_HEADER, outgoingHeaders, runInContext } from '../dist/context.js';
import { ContractWriter, parseFrames } from '../dist/contract.js';
import { resolveOptions } from '../dist/options.js';
import { label, MAX_TEXT, text, token } from '../dist/text.js';
import { TraceParent } from '../dist/trace-parent.js';
import { anyText, contractCheck, random, schemaClasspath } from './support.js';

const options = resolveOptions({
  service: 'checkout',
  environment: 'prod',
  host: 'web-7',
  instance: 'checkout-5d9f',
  kafka: { brokers: ['unused:9092'] },
});

/** What the parser stores of a message the library was given: cut, surrogates repaired, NUL replaced. */
const stored = (s: string) => text(s).replace(/\u0000/g, '\uFFFD');

describe('text repair', () => {
  test('free text keeps what UTF-8 can carry, repairs unpaired surrogates, cuts with an ellipsis', () => {
    expect(text('plain')).toBe('plain');
    expect(text('a\ud800b\udc00c')).toBe('a\ufffdb\ufffdc');
    expect(text('\ud83d\ude00')).toBe('\ud83d\ude00');
    const long = text('x'.repeat(MAX_TEXT + 10));
    expect(long.length).toBe(MAX_TEXT);
    expect(long.endsWith('\u2026')).toBe(true);
  });

  test('labels lose control characters but tab and newline, never come out empty', () => {
    expect(label('http\u0000.server\u001f.duration')).toBe('http .server .duration');
    expect(label('a\tb\nc')).toBe('a\tb\nc');
    expect(label('')).toBeUndefined();
    expect(label('y'.repeat(300))!.length).toBe(256);
  });

  test('tokens are printable ASCII without spaces, else left out', () => {
    expect(token('req-1', 128)).toBe('req-1');
    expect(token('has space', 128)).toBeUndefined();
    expect(token('é', 128)).toBeUndefined();
    expect(token('x'.repeat(129), 128)).toBeUndefined();
  });
});

describe('W3C trace context', () => {
  test('parses the specification examples and refuses malformed headers', () => {
    const t = TraceParent.parse('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')!;
    expect([t.traceId, t.spanId, t.sampled]).toEqual(['4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7', true]);
    expect(TraceParent.parse('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00')!.sampled).toBe(false);
    // a future version may append fields after a dash
    expect(TraceParent.parse('cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future')).toBeDefined();
    for (const bad of [
      'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', // version ff is invalid
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01', // zero trace
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01', // zero span
      '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01', // upper case
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x', // version 00 has no more fields
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7',
      '',
    ]) {
      expect(TraceParent.parse(bad)).toBeUndefined();
    }
  });

  test('a request continues the incoming trace in a new span, keeps the correlation ID distinct from it', () => {
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const c = contextFromHeaders({ [CORRELATION_HEADER]: 'order-42', traceparent: incoming });
    expect(c.correlationId).toBe('order-42');
    expect(c.trace.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(c.trace.spanId).not.toBe('00f067aa0ba902b7');
    const out = runInContext(c, () => outgoingHeaders());
    expect(out[CORRELATION_HEADER]).toBe('order-42');
    const downstream = TraceParent.parse(out.traceparent)!;
    expect(downstream.traceId).toBe(c.trace.traceId);
    expect(downstream.spanId).not.toBe(c.trace.spanId);
    expect(outgoingHeaders()).toEqual({});
  });

  test('no or unusable headers start a new correlation (UUID v4) and a new trace', () => {
    const c = contextFromHeaders({ [CORRELATION_HEADER]: 'has space', traceparent: 'garbage' });
    expect(c.correlationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(c.trace.header()).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(contextFromHeaders({}).correlationId).not.toBe(c.correlationId);
  });
});

describe('stack frames', () => {
  test('V8 frames, innermost first, with in_app false for node_modules and node: internals', () => {
    const stack = [
      'TypeError: Cannot read properties of undefined',
      '    at OrderService.total (/srv/app/dist/orders.js:41:17)',
      '    at async Promise.all (index 0)',
      '    at /srv/app/dist/main.js:7:3',
      '    at Layer.handle (/srv/app/node_modules/express/lib/router/layer.js:95:5)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    ].join('\n');
    expect(parseFrames(stack, [])).toEqual([
      { function: 'OrderService.total', file: '/srv/app/dist/orders.js', line: 41, in_app: true },
      { function: '<anonymous>', file: '/srv/app/dist/main.js', line: 7, in_app: true },
      { function: 'Layer.handle', file: '/srv/app/node_modules/express/lib/router/layer.js', line: 95, in_app: false },
      { function: 'process.processTicksAndRejections', file: 'node:internal/process/task_queues', line: 95, in_app: false },
    ]);
    expect(parseFrames(stack, ['/srv/app/dist/orders']).map((f) => f.in_app)).toEqual([true, false, false, false]);
  });

  test('a real error points at this file', () => {
    const frames = parseFrames(new Error('here').stack!, []);
    expect(frames[0].file).toContain('contract.test.ts');
    expect(frames[0].in_app).toBe(true);
  });
});

describe('values the contract cannot carry are refused at the call', () => {
  const w = new ContractWriter(options);
  test.each([
    ['a metric value that is not finite', () => w.metric('m', 'gauge', NaN)],
    ['an empty metric name', () => w.metric('', 'gauge', 1)],
    ['a currency that is not ISO 4217', () => w.businessEvent('purchase', { value: 1, currency: 'euro' })],
    ['an object property', () => w.businessEvent('purchase', { properties: { nested: {} as unknown as string } })],
    ['an HTTP status outside 100-599', () => w.error(new Error('x'), { httpStatus: 42 })],
  ])('%s', (_what, call) => {
    expect(call).toThrow(TypeError);
  });
});

// The parity test: every record the library writes, over text from every plane, is accepted by the pipeline's
// own parser with the values it was given. Needs common-schema's classpath, which the Maven build passes.
(schemaClasspath ? describe : describe.skip)('parity with the pipeline parser (common-schema)', () => {
  test('3,000 generated records of the four types parse, with their values', async () => {
    const r = random(20261201);
    const w = new ContractWriter(options);
    const levels = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
    const lines: string[] = [];
    const expected: Record<string, unknown>[] = [];
    for (let i = 0; i < 3000; i++) {
      const ctx = contextFromHeaders(i % 7 === 0 ? {} : { [CORRELATION_HEADER]: `req-${i}` });
      const message = anyText(r, i % 100 === 0 ? 40_000 : 200);
      const name = anyText(r, 40) || 'n';
      switch (i % 4) {
        case 0:
          lines.push(w.log(levels[i % 6], message, anyText(r, 60), { 'thread.name': `worker-${i}`, attempt: i }, ctx));
          expected.push({ type: 'agent_log', level: levels[i % 6], message: stored(message) });
          break;
        case 1: {
          const value = Math.round(r() * 1e6) / 100;
          lines.push(w.businessEvent(name, { userId: `u-${i}`, value, currency: 'EUR', properties: { plan: message.slice(0, 30), seats: i } }, ctx));
          expected.push({
            type: 'business_event',
            name: stored(label(name)!),
            user_id: `u-${i}`,
            value,
            currency: 'EUR',
            properties: { plan: label(message.slice(0, 30)) ?? '', seats: String(i) },
          });
          break;
        }
        case 2: {
          const value = (r() - 0.5) * 10 ** Math.floor(r() * 20);
          lines.push(w.metric(name, i % 8 === 2 ? 'timer' : 'gauge', value, { unit: 'ms', operation: `GET /a/${i}`, tags: { status: 200 } }, ctx));
          expected.push({ type: 'performance_metric', name: stored(label(name)!), value, operation: `GET /a/${i}` });
          break;
        }
        default: {
          const err = new RangeError(message);
          lines.push(w.error(err, { httpStatus: 500, operation: 'POST /orders', handled: false }, ctx));
          expected.push({ type: 'error', error_type: 'RangeError', message: stored(message || 'RangeError'), http_status: 500 });
        }
      }
    }
    const checked = await contractCheck(lines);
    expect(checked).toHaveLength(3000);
    const refused = checked.filter((c) => !c.valid);
    expect(refused).toEqual([]);
    const ids = new Set<string>();
    checked.forEach((c, i) => {
      expect(c).toMatchObject(expected[i]);
      expect(c).toMatchObject({ service: 'checkout', environment: 'prod', host: 'web-7', instance: 'checkout-5d9f' });
      expect(c.correlation_id).toEqual(i % 7 === 0 ? expect.any(String) : `req-${i}`);
      expect(c.trace_id).toMatch(/^[0-9a-f]{32}$/);
      expect(c.event_id_derived).toBe(false);
      ids.add(c.event_id);
    });
    expect(ids.size).toBe(3000);
  }, 60_000);
});
