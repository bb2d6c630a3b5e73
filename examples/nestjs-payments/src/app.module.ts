import { Module } from '@nestjs/common';
import { VigilModule, type VigilOptions } from '@vigil/nestjs';
import { readFileSync } from 'node:fs';
import { PaymentsController } from './payments.controller.js';
import { PaymentsService } from './payments.service.js';

/**
 * Vigil's options from the environment. With VIGIL_KAFKA_SECURITY=sasl_ssl the client speaks TLS (the CA from
 * VIGIL_KAFKA_CA_FILE) and SCRAM-SHA-512, its password read from VIGIL_KAFKA_SASL_PASSWORD_FILE: secrets come
 * from files, never from code or the environment.
 */
function vigilOptions(): VigilOptions {
  const env = process.env;
  const brokers = (env.VIGIL_KAFKA_BOOTSTRAP ?? '127.0.0.1:9092').split(',');
  const prefix = env.VIGIL_TOPIC_PREFIX ?? 'vigil.';
  const secure = env.VIGIL_KAFKA_SECURITY === 'sasl_ssl';
  const file = (key: string) => {
    const path = env[key];
    if (!path) throw new Error(`${key} is not set. Fix: point it at the file (VIGIL_KAFKA_SECURITY=sasl_ssl needs it)`);
    return readFileSync(path, 'utf8').trim();
  };
  return {
    service: env.VIGIL_SERVICE ?? 'payments',
    environment: env.VIGIL_ENVIRONMENT ?? 'demo',
    instance: `payments-${process.pid}`,
    kafka: secure
      ? {
          brokers,
          tls: { ca: [file('VIGIL_KAFKA_CA_FILE')] },
          sasl: { mechanism: 'SCRAM-SHA-512', username: env.VIGIL_KAFKA_SASL_USER ?? 'vigil', password: file('VIGIL_KAFKA_SASL_PASSWORD_FILE') },
        }
      : { brokers },
    topics: {
      agentLogs: `${prefix}agent-logs`,
      businessEvents: `${prefix}business-events`,
      performanceMetrics: `${prefix}performance-metrics`,
      errors: `${prefix}errors`,
    },
  };
}

@Module({
  imports: [VigilModule.forRootAsync({ useFactory: vigilOptions })],
  controllers: [PaymentsController],
  providers: [PaymentsService],
})
export class AppModule {}
