import 'reflect-metadata';
import { ConsoleLogger, Logger, type LoggerService } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { contextFromHeaders, runInContext } from '../src/context.js';
import { resolveOptions } from '../src/options.js';
import { Publisher } from '../src/publisher.js';
import { VigilLogger } from '../src/vigil.logger.js';
import { VigilService } from '../src/vigil.service.js';

/**
 * What a log call costs a NestJS service: CPU per `Logger.log` call through Nest's Logger, inside a request
 * context, for a logger that discards (`noop`), Nest's ConsoleLogger writing to a file (`console`) and VigilLogger
 * publishing to the local Kafka (`vigil`): the application thread's CPU (the JSON, the buffer, a postMessage per
 * batch) and the whole process's (with the Kafka client's thread), measured until the buffer is empty; calls wait
 * for the buffer to drain below half (so none is dropped and each one's full cost is counted). Each run is a
 * fresh process; runs alternate the variants. `./vigil bench logger-node [runs] [calls]`.
 */
const CHUNK = 1000;

/** CPU of the application's (main) thread, ns: Linux's per-thread counters, in 10 ms ticks (runs last seconds). */
function mainThreadCpuNs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10_000_000;
}

async function measure(variant: string, calls: number): Promise<Record<string, number>> {
  let stats: (() => { dropped: number; queued: number; sent: number }) | undefined;
  let logger: LoggerService;
  if (variant === 'vigil') {
    const options = resolveOptions({
      service: 'cart',
      environment: 'bench',
      kafka: { brokers: [process.env.VIGIL_KAFKA_BOOTSTRAP ?? '127.0.0.1:9092'] },
      topics: { agentLogs: 'bench.client-logs' },
    });
    const service = new VigilService(options, new Publisher(options));
    logger = new VigilLogger(service, options);
    stats = () => service.stats();
  } else if (variant === 'console') {
    const file = createWriteStream('/dev/null');
    logger = new ConsoleLogger();
    // ConsoleLogger writes to process.stdout; point it at a file so the terminal is not what is measured
    Object.defineProperty(process, 'stdout', { value: file });
  } else {
    logger = { log() {}, error() {}, warn() {} };
  }
  Logger.overrideLogger(logger);
  const log = new Logger('bench.cart');
  let gcMillis = 0;
  let gcs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMillis += e.duration;
      gcs++;
    }
  });
  const context = contextFromHeaders({ 'x-correlation-id': 'bench-request-1' });
  const run = async (n: number) => {
    for (let done = 0; done < n; done += CHUNK) {
      runInContext(context, () => {
        for (let i = 0; i < CHUNK; i++) log.log(`cart c-${i} loaded with ${(i % 7) + 1} items`);
      });
      await yieldToLoop(); // the event loop's turn: the publisher's sends, as between requests
      // never faster than the publisher sends: every call is a published event, none dropped
      while (stats && stats().queued > 4096) await new Promise((r) => setTimeout(r, 1));
    }
    while (stats && stats().queued > 0) await new Promise((r) => setTimeout(r, 1));
  };
  await run(Math.min(calls, 50_000)); // warm-up: JIT, Kafka connection and metadata
  const before = stats?.();
  gc.observe({ entryTypes: ['gc'] });
  const cpu = process.cpuUsage();
  const mainCpu = mainThreadCpuNs();
  const start = process.hrtime.bigint();
  await run(calls);
  const wall = Number(process.hrtime.bigint() - start);
  const used = process.cpuUsage(cpu);
  const mainUsed = mainThreadCpuNs() - mainCpu;
  gc.disconnect();
  const after = stats?.();
  return {
    appThreadCpuNsPerCall: mainUsed / calls,
    cpuNsPerCall: ((used.user + used.system) * 1000) / calls,
    wallNsPerCall: wall / calls,
    gcMsPerMillionCalls: (gcMillis * 1e6) / calls,
    gcs,
    dropped: after && before ? after.dropped - before.dropped : 0,
    sent: after && before ? after.sent - before.sent : 0,
  };
}

const [mode, variantArg, callsArg] = process.argv.slice(2);
if (mode === 'one') {
  const r = await measure(variantArg, Number(callsArg));
  process.stderr.write(JSON.stringify(r) + '\n');
  process.exit(0);
} else {
  const runs = Number(process.argv[2] ?? 5);
  const calls = Number(process.argv[3] ?? 200_000);
  const variants = ['noop', 'console', 'vigil'];
  const results: Record<string, Record<string, number>[]> = { noop: [], console: [], vigil: [] };
  const self = fileURLToPath(import.meta.url);
  for (let r = 1; r <= runs; r++) {
    const order = r % 2 === 1 ? variants : [...variants].reverse();
    for (const v of order) {
      const child = spawnSync(process.execPath, [self, 'one', v, String(calls)], { encoding: 'utf8', env: process.env });
      if (child.status !== 0) throw new Error(`${v} run failed: ${child.stderr}`);
      const m = JSON.parse(child.stderr.trim().split('\n').pop()!) as Record<string, number>;
      results[v].push(m);
      console.log(`run ${r} ${v}: ${m.appThreadCpuNsPerCall.toFixed(0)} ns app-thread CPU/call, ` +
        `${m.cpuNsPerCall.toFixed(0)} ns process CPU/call, ${m.wallNsPerCall.toFixed(0)} ns wall/call, ` +
        `GC ${m.gcMsPerMillionCalls.toFixed(0)} ms per million calls, sent ${m.sent}, dropped ${m.dropped}`);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`\n| variant | app-thread CPU ns/call (median of ${runs}) | process CPU ns/call | wall ns/call | GC ms per million calls | dropped |`);
  console.log('|---|---|---|---|---|---|');
  for (const v of variants) {
    const rs = results[v];
    console.log(`| ${v} | ${median(rs.map((x) => x.appThreadCpuNsPerCall)).toFixed(0)} | ${median(rs.map((x) => x.cpuNsPerCall)).toFixed(0)} | ${median(rs.map((x) => x.wallNsPerCall)).toFixed(0)} | ` +
      `${median(rs.map((x) => x.gcMsPerMillionCalls)).toFixed(0)} | ${rs.reduce((a, x) => a + x.dropped, 0)} |`);
  }
}
