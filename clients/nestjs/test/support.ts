import { spawn } from 'node:child_process';
import type { ResolvedOptions } from '../dist/options.js';
import { Publisher } from '../dist/publisher.js';

/** A publisher that keeps what it is offered in memory: the in-memory sink of the module tests. */
export class RecordingPublisher extends Publisher {
  readonly records: { topic: string; key: string | undefined; event: Record<string, any> }[] = [];

  constructor(options: ResolvedOptions) {
    super(options, { send: () => Promise.reject(new Error('records stay in memory')), close: async () => undefined });
  }

  override offer(topic: string, key: string | undefined, value: string): boolean {
    this.records.push({ topic, key, event: JSON.parse(value) });
    return true;
  }

  override async close(): Promise<void> {}

  ofType(type: string): Record<string, any>[] {
    return this.records.filter((r) => r.event.type === type).map((r) => r.event);
  }
}

/** What the pipeline's parser made of one line (dev.vigil.schema.parse.ContractCheck). */
export interface Checked {
  line: number;
  valid: boolean;
  reason?: string;
  detail?: string;
  [field: string]: any;
}

/** The classpath of common-schema, set by the Maven build (clients/nestjs/pom.xml) that runs these tests. */
export const schemaClasspath = process.env.VIGIL_SCHEMA_CLASSPATH;

/** Runs the pipeline's own parser over newline-delimited events. */
export function contractCheck(lines: string[]): Promise<Checked[]> {
  if (!schemaClasspath) throw new Error('VIGIL_SCHEMA_CLASSPATH is not set (run the tests through Maven)');
  return new Promise((resolve, reject) => {
    const java = spawn('java', ['-cp', schemaClasspath, 'dev.vigil.schema.parse.ContractCheck'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    java.stdout.on('data', (b: Buffer) => out.push(b));
    java.stderr.on('data', (b: Buffer) => err.push(b));
    java.on('error', reject);
    java.on('close', (code) => {
      const text = Buffer.concat(out).toString('utf8');
      if (code !== 0 && code !== 1) {
        reject(new Error(`ContractCheck exited ${code}: ${Buffer.concat(err).toString('utf8')}`));
        return;
      }
      resolve(text.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Checked));
    });
    java.stdin.end(lines.join('\n') + '\n', 'utf8');
  });
}

/** Seeded generator (mulberry32), so a failing case can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Text of up to `max` UTF-16 units from every plane: ASCII, control characters and NUL, BMP scripts, emoji
 * (surrogate pairs) and unpaired surrogates, which no UTF-8 can hold.
 */
export function anyText(r: () => number, max: number): string {
  const n = Math.floor(r() * max);
  let s = '';
  while (s.length < n) {
    const pick = r();
    if (pick < 0.5) s += String.fromCharCode(0x20 + Math.floor(r() * 95));
    else if (pick < 0.6) s += String.fromCharCode(Math.floor(r() * 0x20));
    else if (pick < 0.8) s += String.fromCharCode(0xa0 + Math.floor(r() * (0xd7ff - 0xa0)));
    else if (pick < 0.9) s += String.fromCodePoint(0x10000 + Math.floor(r() * 0xfffff));
    else if (pick < 0.95) s += String.fromCharCode(0xd800 + Math.floor(r() * 0x800));
    else s += String.fromCharCode(0xe000 + Math.floor(r() * 0x1ffe));
  }
  return s;
}
