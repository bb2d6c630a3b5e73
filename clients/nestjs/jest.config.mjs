import { createDefaultEsmPreset } from 'ts-jest';

export default {
  ...createDefaultEsmPreset(),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // The tests run against the built package (dist, `npm run build` first), as an application would load it:
  // its Kafka client runs on a worker thread that loads dist/kafka-worker.js. Imports name './x.js' (Node's ESM rule).
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};
