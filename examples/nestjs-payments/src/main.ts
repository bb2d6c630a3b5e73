import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { VigilLogger } from '@vigil/nestjs';
import { AppModule } from './app.module.js';

// Logs are buffered until Vigil's logger is in place, so Nest's start-up lines are published too.
const app = await NestFactory.create(AppModule, { bufferLogs: true });
app.useLogger(app.get(VigilLogger));
// SIGTERM/SIGINT close the app, which sends what Vigil has buffered before the process exits
app.enableShutdownHooks();
const port = Number(process.env.PORT ?? 3100);
await app.listen(port, process.env.BIND_HOST ?? '127.0.0.1');
// one line the demo and the tests wait for
console.log(`payments listening on ${await app.getUrl()}`);
