import type { MessageToProduce } from '@platformatic/kafka';
import { Worker } from 'node:worker_threads';
import type { WorkerInit, WorkerReply, WorkerRequest } from './kafka-worker.js';
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

type Message = MessageToProduce<string, string, string, string>;

/** The Kafka client's side of publishing: sends a batch, closes. */
export interface BatchSender {
  send(messages: Message[]): Promise<unknown>;
  close(): Promise<void>;
}

const WARN_INTERVAL_MS = 60_000;

/**
 * Batches events to Kafka without ever holding up the caller: `offer` only appends to a bounded buffer; one
 * send at a time (so one service's events keep their order) takes up to `batchSize` of them, when a batch is
 * full or its oldest event has waited `lingerMs`. When the buffer is full, because Kafka is slow or down, new
 * events are dropped and counted, with one warning a minute. Every accepted event ends as sent or failed:
 * `accepted = sent + failed + queued`.
 */
export class Publisher {
  private pending: Message[] = [];
  private inFlight = 0;
  private linger?: NodeJS.Timeout;
  /** When the oldest pending event arrived (Date.now()). */
  private oldestAt = 0;
  private sending?: Promise<void>;
  private closed = false;
  private abandoned = false;
  private readonly periodic: NodeJS.Timeout[] = [];
  private readonly lastWarning = new Map<string, number>();
  private readonly counts = { accepted: 0, dropped: 0, sent: 0, failed: 0 };

  constructor(
    private readonly o: ResolvedOptions,
    private readonly sender: BatchSender = kafkaSender(o),
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
    if (this.pending.length === 0) this.oldestAt = Date.now();
    this.pending.push({ topic, key, value });
    if (this.pending.length >= this.o.batchSize) this.startSending();
    else if (!this.linger && !this.sending) this.lingerFor(this.o.lingerMs);
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
    await Promise.race([this.sender.close().catch(() => undefined), timeout]);
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
      if (this.pending.length === 0 || this.abandoned) return;
      // What arrived during the send waits for a full batch or its linger, counted from its first event. Sent
      // at once instead, batches followed each other as fast as Kafka acknowledged them: a few events each,
      // and the broker's CPU for 3,000 events/s was several times the Java library's for 15,000 (bench).
      if (this.closed || this.pending.length >= this.o.batchSize) this.startSending();
      else this.lingerFor(this.o.lingerMs - (Date.now() - this.oldestAt));
    });
  }

  private lingerFor(ms: number): void {
    this.linger = setTimeout(() => this.startSending(), Math.max(0, ms));
    this.linger.unref();
  }

  /** The batch that is due, then every full one (and, closing, the rest). */
  private async sendAll(): Promise<void> {
    do {
      const batch = this.pending.splice(0, this.o.batchSize);
      this.inFlight = batch.length;
      try {
        await this.sender.send(batch);
        if (!this.abandoned) this.counts.sent += batch.length;
      } catch (e) {
        if (!this.abandoned) this.counts.failed += batch.length;
        this.warnAtMostEveryMinute(
          'failed',
          `Kafka did not take ${batch.length} events (${this.counts.failed} failed so far): ${(e as Error).message}`,
        );
      } finally {
        this.inFlight = 0;
      }
    } while (
      !this.abandoned &&
      this.pending.length > 0 &&
      (this.closed || this.pending.length >= this.o.batchSize)
    );
  }

  private warnAtMostEveryMinute(kind: string, message: string): void {
    const now = Date.now();
    const last = this.lastWarning.get(kind);
    if (last !== undefined && now - last < WARN_INTERVAL_MS) return;
    this.lastWarning.set(kind, now);
    this.o.warn(`vigil: ${message}`);
  }
}

/**
 * The Kafka client (@platformatic/kafka) on its own thread. Node runs a library on the application's thread, and
 * a Kafka client's encoding costs more than the log call itself: about 15 µs of CPU per event on the event loop
 * when the client ran there (bench: logger-bench), against the JSON and a postMessage per batch now. The
 * client was chosen over kafkajs by measurement too: 7 µs per event against 23 µs for the same batches.
 */
function kafkaSender(o: ResolvedOptions): BatchSender {
  const worker = new Worker(new URL('./kafka-worker.js', import.meta.url), {
    workerData: { kafka: o.kafka, clientId: o.kafka.clientId ?? `vigil-${o.service}` } satisfies WorkerInit,
  });
  worker.unref(); // like the Java library's daemon thread: a process that ends without close() does not wait
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let next = 0;
  let broken: Error | undefined;
  worker.on('message', (reply: WorkerReply) => {
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.error === undefined) w?.resolve();
    else w?.reject(new Error(reply.error));
  });
  const fail = (e: Error) => {
    broken = e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the Kafka client's thread ended (exit ${code})`)));
  const request = (message: Omit<WorkerRequest, 'id'>) =>
    new Promise<void>((resolve, reject) => {
      if (broken) return reject(broken);
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  return {
    // join() writes one flat string: a string grown by += would be flattened again by postMessage
    send: (messages) =>
      request({
        topics: messages.map((m) => m.topic).join('\n'),
        keys: messages.map((m) => m.key ?? '').join('\n'),
        values: messages.map((m) => m.value).join('\n'),
      }),
    close: async () => {
      if (!broken) await request({ close: true }).catch(() => undefined);
      await worker.terminate();
    },
  };
}
