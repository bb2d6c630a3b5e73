import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { currentContext } from './context.js';
import {
  ContractWriter,
  type BusinessEventFields,
  type ErrorFields,
  type Level,
  type MetricFields,
  type Scalars,
} from './contract.js';
import type { ResolvedOptions } from './options.js';
import { Publisher, type PublisherStats } from './publisher.js';

export const VIGIL_OPTIONS = Symbol('VIGIL_OPTIONS');

/**
 * What logging does not cover: business events, metrics and errors, each stamped with the service's identity
 * and, inside a request, its correlation and trace IDs. Every method returns at once (false when the event was
 * dropped because the buffer was full); nothing here waits for Kafka.
 */
@Injectable()
export class VigilService implements OnApplicationShutdown {
  private static active?: VigilService;
  private readonly writer: ContractWriter;
  private readonly counters = new Map<string, number>();
  /** Errors already reported: the interceptor reports a 5xx, then Nest's exception filter logs the same object. */
  private readonly reported = new WeakSet<object>();

  constructor(
    @Inject(VIGIL_OPTIONS) private readonly options: ResolvedOptions,
    @Inject(Publisher) private readonly publisher: Publisher,
  ) {
    this.writer = new ContractWriter(options);
    this.publisher.every(() => this.reportCounters());
    VigilService.active = this;
  }

  /** The service of the running module, for decorators (which Nest does not inject). */
  static current(): VigilService | undefined {
    return VigilService.active;
  }

  /** A business event (signup, checkout_started, purchase...). */
  event(name: string, fields?: BusinessEventFields): boolean {
    const c = currentContext();
    return this.publisher.offer(this.options.topics.businessEvents, c?.correlationId, this.writer.businessEvent(name, fields, c));
  }

  /** An error with its stack frames: an Error, or anything that was thrown. Each Error object is reported once. */
  error(thrown: unknown, fields?: ErrorFields): boolean {
    if (typeof thrown === 'object' && thrown !== null) {
      if (this.reported.has(thrown)) return true;
      this.reported.add(thrown);
    }
    const c = currentContext();
    return this.publisher.offer(this.options.topics.errors, c?.correlationId, this.writer.error(thrown, fields, c));
  }

  /** One duration in milliseconds (a `timer` metric). */
  timing(name: string, millis: number, fields?: Omit<MetricFields, 'unit'>): boolean {
    return this.metric(name, 'timer', millis, { ...fields, unit: 'ms' });
  }

  /** Runs `fn`, then records how long it took (its promise, if it returns one), failed or not. */
  time<T>(name: string, fn: () => T, fields?: Omit<MetricFields, 'unit'>): T {
    const start = performance.now();
    const done = () => this.timing(name, performance.now() - start, fields);
    let result: T;
    try {
      result = fn();
    } catch (e) {
      done();
      throw e;
    }
    if (result instanceof Promise) return result.finally(done) as T;
    done();
    return result;
  }

  /** A gauge reading now. */
  gauge(name: string, value: number, fields?: MetricFields): boolean {
    return this.metric(name, 'gauge', value, fields);
  }

  /** A gauge read every metric interval; a reading that is not a finite number is skipped. */
  gaugeEvery(name: string, read: () => number, fields?: MetricFields): void {
    this.publisher.every(() => {
      const v = read();
      if (Number.isFinite(v)) this.publisher.offer(this.options.topics.performanceMetrics, undefined, this.writer.metric(name, 'gauge', v, fields));
    });
  }

  /** Adds to a monotonic counter, reported as its total every metric interval (the jobs compute increases). */
  increment(name: string, by = 1): void {
    if (!Number.isFinite(by) || by < 0) throw new TypeError(`${name}: a counter only increases (got ${by})`);
    this.counters.set(name, (this.counters.get(name) ?? 0) + by);
  }

  /** An `agent_log` line; the LoggerService writes through this. */
  log(level: Level, message: string, logger?: string, attributes?: Scalars): boolean {
    const c = currentContext();
    return this.publisher.offer(this.options.topics.agentLogs, c?.correlationId, this.writer.log(level, message, logger, attributes, c));
  }

  /** An `error` from a message and a printed stack (what Nest's logger hands over). */
  errorFromStack(message: string, stack: string, fields?: ErrorFields): boolean {
    const c = currentContext();
    return this.publisher.offer(this.options.topics.errors, c?.correlationId, this.writer.errorFromStack(message, stack, fields, c));
  }

  stats(): PublisherStats {
    return this.publisher.stats();
  }

  /** Reports the counters and sends what is buffered (Nest calls it on app.close() and shutdown signals). */
  async onApplicationShutdown(): Promise<void> {
    this.reportCounters();
    await this.publisher.close();
    if (VigilService.active === this) VigilService.active = undefined;
  }

  private metric(name: string, kind: 'gauge' | 'timer', value: number, fields?: MetricFields): boolean {
    const c = currentContext();
    return this.publisher.offer(this.options.topics.performanceMetrics, c?.correlationId, this.writer.metric(name, kind, value, fields, c));
  }

  private reportCounters(): void {
    for (const [name, total] of this.counters) {
      this.publisher.offer(this.options.topics.performanceMetrics, undefined, this.writer.metric(name, 'counter', total));
    }
  }
}
