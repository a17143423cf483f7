const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Repeat every failure at the very end of the run, whatever the number of suites (jest only
  // does from 20 suites on): a CI log is often read from its tail, and the e2e output of a
  // failing suite scrolls far above it.
  reporters: [['default', { summaryThreshold: 0 }]],
};
