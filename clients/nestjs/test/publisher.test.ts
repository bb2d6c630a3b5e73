import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { resolveOptions } from '../dist/options.js';
import { Publisher, type BatchSender } from '../dist/publisher.js';

/** A Kafka client whose sends complete when the test says so. */
class ControlledSender implements BatchSender {
  readonly batches: { at: number; values: string[] }[] = [];
  private readonly acks: (() => void)[] = [];

  send(messages: { value: string }[]): Promise<unknown> {
    this.batches.push({ at: Date.now(), values: messages.map((m) => m.value) });
    return new Promise<void>((resolve) => this.acks.push(resolve));
  }

  async close(): Promise<void> {}

  /** Completes the oldest send still open. */
  async ack(): Promise<void> {
    this.acks.shift()!();
    await jest.advanceTimersByTimeAsync(0); // the publisher's continuation runs
  }
}

describe('Publisher batching', () => {
  let sender: ControlledSender;
  let publisher: Publisher;
  const offer = (...values: string[]) => values.forEach((v) => expect(publisher.offer('t', undefined, v)).toBe(true));

  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
    sender = new ControlledSender();
    publisher = new Publisher(
      resolveOptions({ service: 's', kafka: { brokers: ['127.0.0.1:1'] }, lingerMs: 20, batchSize: 4 }),
      sender,
    );
  });

  afterEach(() => jest.useRealTimers());

  test('events that arrive during a send wait for a full batch or their own linger, not for the send to end', async () => {
    offer('a');
    await jest.advanceTimersByTimeAsync(19);
    expect(sender.batches).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(sender.batches).toEqual([{ at: 20, values: ['a'] }]);

    await jest.advanceTimersByTimeAsync(5);
    offer('b', 'c'); // at 25, while 'a' is being sent
    await jest.advanceTimersByTimeAsync(5);
    await sender.ack(); // at 30: 'b' has waited 5 ms
    expect(sender.batches).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(14);
    expect(sender.batches).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1); // 45: 'b' has waited its 20 ms
    expect(sender.batches[1]).toEqual({ at: 45, values: ['b', 'c'] });

    offer('d', 'e', 'f', 'g', 'h'); // a full batch and one more arrive during the send
    await sender.ack();
    expect(sender.batches[2]).toEqual({ at: 45, values: ['d', 'e', 'f', 'g'] });
    await sender.ack();
    await jest.advanceTimersByTimeAsync(19);
    expect(sender.batches).toHaveLength(3); // 'h', alone, waits for its linger too
    await jest.advanceTimersByTimeAsync(1);
    expect(sender.batches[3]).toEqual({ at: 65, values: ['h'] });
    await sender.ack();
    expect(publisher.stats()).toEqual({ accepted: 8, dropped: 0, sent: 8, failed: 0, queued: 0 });
  });

  test('close sends what is buffered at once, in batches, without waiting for the linger', async () => {
    offer('a', 'b', 'c', 'd', 'e', 'f');
    expect(sender.batches.map((b) => b.values)).toEqual([['a', 'b', 'c', 'd']]);
    const closing = publisher.close();
    await sender.ack();
    expect(sender.batches[1]).toEqual({ at: 0, values: ['e', 'f'] });
    await sender.ack();
    await closing;
    expect(publisher.stats()).toEqual({ accepted: 6, dropped: 0, sent: 6, failed: 0, queued: 0 });
  });
});
