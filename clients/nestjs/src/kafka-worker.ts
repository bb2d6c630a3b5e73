import { ProduceAcks, Producer, stringSerializers, type MessageToProduce } from '@platformatic/kafka';
import { parentPort, workerData } from 'node:worker_threads';
import type { KafkaOptions } from './options.js';

/**
 * The Kafka client's thread (see kafkaSender in publisher.ts): sends each batch the application's thread posts
 * and answers with its outcome.
 */
type Message = MessageToProduce<string, string, string, string>;
export interface WorkerInit {
  kafka: KafkaOptions;
  clientId: string;
}
/**
 * A batch as three newline-joined strings (topic, key or empty, value per message): a few large strings cost
 * the structured clone one copy each, where an object per message cost it several times the log call's CPU.
 * None contains a newline: topics and keys are names and tokens, values JSON.
 */
export type WorkerRequest = { id: number; topics: string; keys: string; values: string } | { id: number; close: true };
export interface WorkerReply {
  id: number;
  error?: string;
}

const { kafka, clientId } = workerData as WorkerInit;
const producer = new Producer<string, string, string, string>({
  clientId,
  bootstrapBrokers: kafka.brokers,
  tls: kafka.tls === true ? {} : kafka.tls,
  sasl: kafka.sasl,
  connectTimeout: kafka.connectTimeout ?? 5000,
  retries: kafka.retries ?? 3,
  serializers: stringSerializers,
  idempotent: true,
  acks: ProduceAcks.ALL,
  autocreateTopics: false,
  partitioner: byKey(),
});

parentPort!.on('message', (request: WorkerRequest) => {
  const done = 'close' in request ? producer.close() : producer.send({ messages: unpack(request) }).then(() => undefined);
  done.then(
    () => parentPort!.postMessage({ id: request.id } satisfies WorkerReply),
    (e: Error) => parentPort!.postMessage({ id: request.id, error: e.message } satisfies WorkerReply),
  );
});

function unpack(r: { topics: string; keys: string; values: string }): Message[] {
  const topics = r.topics.split('\n');
  const keys = r.keys.split('\n');
  const values = r.values.split('\n');
  const messages: Message[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    messages[i] = { topic: topics[i], key: keys[i] === '' ? undefined : keys[i], value: values[i] };
  }
  return messages;
}

/**
 * A request's events (one key, its correlation ID) to one partition, others round robin. FNV-1a over the key's
 * characters: the client's default, murmur2 over the key's bytes in JavaScript, was 6% of a log call's CPU.
 * The producer takes the result modulo the topic's partitions.
 */
function byKey(): (message: Message) => number {
  let next = 0;
  return (message) => {
    const key = message.key;
    if (key === undefined) return (next = (next + 1) & 0x7fffffff);
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return h >>> 1;
  };
}
