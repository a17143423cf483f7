// E2E against a real npm registry, real `create-nx-workspace` workspaces and a real Docker
// engine: slow, and sharing one engine and one set of host ports, so one test at a time.
export default {
  displayName: 'docker-django-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.e2e.spec.ts'],
  globalSetup: '<rootDir>/src/utils/global-setup.ts',
  testTimeout: 10 * 60 * 1000,
  maxWorkers: 1,
};
