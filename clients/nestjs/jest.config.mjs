import { createDefaultEsmPreset } from 'ts-jest';

export default {
  ...createDefaultEsmPreset(),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // sources import './x.js' (Node's ESM rule); in tests those are the .ts files
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};
