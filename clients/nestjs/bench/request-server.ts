import 'reflect-metadata';
import { Controller, Get, Logger, Module, Param, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { VigilLogger, VigilModule, VigilService } from '../src/index.js';

/**
 * The Node service of the request benchmark (bench: RequestLatencyBench --server node), one process per run:
 * `GET /cart/:id` logs two lines and answers a few hundred bytes, like the Java one. `plain`: Nest with a logger
 * that discards (the framework's cost, nothing shipped). `vigil`: VigilModule (context middleware with its
 * per-request timer, interceptor; `VIGIL_BENCH_NEST_INTERCEPTOR=false` leaves the interceptor out) and
 * VigilLogger publishing to Kafka. On Nest's default platform, Express, or on Fastify with
 * `VIGIL_BENCH_NEST_PLATFORM=fastify`. Prints its port, serves until its standard input closes, then prints the
 * publisher's counts.
 */
const [variant, bootstrap] = process.argv.slice(2);
const vigil = variant === 'vigil';

@Controller('cart')
class CartController {
  private readonly log = new Logger('bench.cart');

  @Get(':id')
  get(@Param('id') id: string) {
    const items = (id.length % 7) + 1;
    this.log.log(`cart ${id} loaded with ${items} items`);
    const body = { cart: id, items: Array.from({ length: items }, (_, i) => ({ sku: `sku-${i * 31 + 7}`, qty: 1 })) };
    this.log.log(`cart ${id} answered`);
    return body;
  }
}

const discard: LoggerService = { log() {}, error() {}, warn() {} };

@Module({
  imports: vigil
    ? [
        VigilModule.forRoot({
          service: 'cart',
          environment: 'bench',
          kafka: { brokers: [bootstrap] },
          topics: { agentLogs: 'bench.client-logs', performanceMetrics: 'bench.client-metrics' },
          interceptor: process.env.VIGIL_BENCH_NEST_INTERCEPTOR !== 'false',
        }),
      ]
    : [],
  controllers: [CartController],
})
class BenchModule {}

const app =
  process.env.VIGIL_BENCH_NEST_PLATFORM === 'fastify'
    ? await NestFactory.create<NestFastifyApplication>(BenchModule, new FastifyAdapter(), { logger: false })
    : await NestFactory.create(BenchModule, { logger: false });
app.useLogger(vigil ? app.get(VigilLogger) : discard);
await app.listen(0, '127.0.0.1');
const address = app.getHttpServer().address() as { port: number };
console.log(`port ${address.port}`);
process.stdin.resume();
process.stdin.on('end', async () => {
  const service = vigil ? app.get(VigilService) : undefined;
  await app.close();
  if (service) {
    const s = service.stats();
    console.log(`published ${s.sent} dropped ${s.dropped} failed ${s.failed}`);
  }
  process.exit(0);
});
