import { Kafka, logLevel, type Message, type Producer, type TopicMessages } from 'kafkajs';
import type { ResolvedOptions } from './options.js';

export interface PublisherStats {
  /** Taken into the buffer. */
  accepted: number;
  /** Refused because the buffer was full (or the publisher closed). */
  dropped: number;
  /** Acknowledged by Kafka (acks=all). */
  sent: number;
  /** Accepted but not delivered: Kafka refused them or did not take them before shutdown. */
  failed: number;
  /** Accepted, not yet sent or failed. */
  queued: number;
}

interface Pending {
  topic: string;
  message: Message;
}

const WARN_INTERVAL_MS = 60_000;

/**
 * Batches events to Kafka without ever holding up the caller: `offer` only appends to a bounded buffer; one
 * send at a time takes up to `batchSize` of them (so one service's events keep their order). When the buffer is
 * full, because Kafka is slow or down, new events are dropped and counted, with one warning a minute. Every
 * accepted event ends as sent or failed: `accepted = sent + failed + queued`.
 */
export class Publisher {
  private pending: Pending[] = [];
  private inFlight = 0;
  private linger?: NodeJS.Timeout;
  private sending?: Promise<void>;
  private connecting?: Promise<void>;
  private closed = false;
  private abandoned = false;
  private readonly periodic: NodeJS.Timeout[] = [];
  private readonly lastWarning = new Map<string, number>();
  private readonly counts = { accepted: 0, dropped: 0, sent: 0, failed: 0 };

  constructor(
    private readonly o: ResolvedOptions,
    private readonly producer: Producer = new Kafka({
      clientId: `vigil-${o.service}`,
      // the publisher reports Kafka's failures itself, once a minute; kafkajs would log every retry
      logLevel: logLevel.NOTHING,
      ...o.kafka,
    }).producer({ allowAutoTopicCreation: false }),
  ) {}

  /** Queues one event; false when it was dropped. */
  offer(topic: string, key: string | undefined, value: string): boolean {
    if (this.closed || this.pending.length + this.inFlight >= this.o.bufferSize) {
      this.counts.dropped++;
      this.warnAtMostEveryMinute(
        'dropped',
        `the buffer of ${this.o.bufferSize} events is full, events are being dropped (${this.counts.dropped} so far). ` +
          'Kafka may be down or slow; see VigilService.stats()',
      );
      return false;
    }
    this.counts.accepted++;
    this.pending.push({ topic, message: { key: key ?? null, value } });
    if (this.pending.length >= this.o.batchSize) this.startSending();
    else if (!this.linger && !this.sending) {
      this.linger = setTimeout(() => this.startSending(), this.o.lingerMs);
      this.linger.unref();
    }
    return true;
  }

  stats(): PublisherStats {
    return { ...this.counts, queued: this.pending.length + this.inFlight };
  }

  /** Runs `task` every metric interval (counter and gauge reports) until close. */
  every(task: () => void): void {
    const t = setInterval(task, this.o.metricIntervalMs);
    t.unref();
    this.periodic.push(t);
  }

  /**
   * Sends what is buffered, waiting at most `closeTimeoutMs`; what Kafka has not taken by then is counted
   * failed, with one warning.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.periodic.forEach(clearInterval);
    this.closed = true;
    this.startSending();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.o.closeTimeoutMs);
    });
    const outcome = await Promise.race([this.drained(), timeout]);
    if (outcome === 'timeout') {
      this.abandoned = true;
      const unsent = this.pending.length + this.inFlight;
      this.counts.failed += unsent;
      this.pending = [];
      this.inFlight = 0;
      this.o.warn(
        `vigil: closed with ${unsent} events unsent (Kafka did not take them within ${this.o.closeTimeoutMs} ms)`,
      );
    }
    await Promise.race([this.producer.disconnect().catch(() => undefined), timeout]);
    clearTimeout(timer);
  }

  private async drained(): Promise<'drained'> {
    while (this.sending) await this.sending;
    return 'drained';
  }

  private startSending(): void {
    if (this.linger) {
      clearTimeout(this.linger);
      this.linger = undefined;
    }
    if (this.sending || this.pending.length === 0) return;
    this.sending = this.sendAll().finally(() => {
      this.sending = undefined;
      // what arrived during the last send waits at most one linger
      if (this.pending.length > 0 && !this.abandoned) this.startSending();
    });
  }

  private async sendAll(): Promise<void> {
    while (this.pending.length > 0 && !this.abandoned) {
      const batch = this.pending.splice(0, this.o.batchSize);
      this.inFlight = batch.length;
      try {
        await this.connect();
        await this.producer.sendBatch({ topicMessages: byTopic(batch), acks: -1 });
        if (!this.abandoned) this.counts.sent += batch.length;
      } catch (e) {
        if (!this.abandoned) this.counts.failed += batch.length;
        this.connecting = undefined;
        this.warnAtMostEveryMinute(
          'failed',
          `Kafka did not take ${batch.length} events (${this.counts.failed} failed so far): ${(e as Error).message}`,
        );
      } finally {
        this.inFlight = 0;
      }
    }
  }

  private connect(): Promise<void> {
    this.connecting ??= this.producer.connect();
    return this.connecting;
  }

  private warnAtMostEveryMinute(kind: string, message: string): void {
    const now = Date.now();
    const last = this.lastWarning.get(kind);
    if (last !== undefined && now - last < WARN_INTERVAL_MS) return;
    this.lastWarning.set(kind, now);
    this.o.warn(`vigil: ${message}`);
  }
}

function byTopic(batch: Pending[]): TopicMessages[] {
  const topics = new Map<string, Message[]>();
  for (const p of batch) {
    let messages = topics.get(p.topic);
    if (!messages) topics.set(p.topic, (messages = []));
    messages.push(p.message);
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
}
