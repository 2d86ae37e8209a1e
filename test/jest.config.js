/** One suite: unit specs next to the code (src/**\/*.spec.ts) and e2e specs against the real app (test/**\/*.e2e-spec.ts). */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  testRegex: '(src|test)/.*\\.(spec|e2e-spec)\\.tsx?$',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  transform: { '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json', diagnostics: false }] },
  // A few dependencies ship ESM only; they are compiled to CommonJS like our own code.
  transformIgnorePatterns: ['node_modules/(?!(content-disposition)/)'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 60000,
};
