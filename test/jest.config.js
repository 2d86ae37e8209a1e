/** One suite: unit specs next to the code (src/**\/*.spec.ts) and e2e specs against the real app (test/**\/*.e2e-spec.ts). */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  testRegex: '(src|test)/.*\\.(spec|e2e-spec)\\.tsx?$',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  transform: {
    '^.+\\.[tj]sx?$': [
      'ts-jest',
      {
        tsconfig: '<rootDir>/test/tsconfig.json',
        diagnostics: false,
        // The OpenAPI document served under test must be the production one: same swagger plugin as `nest build`.
        astTransformers: { before: ['<rootDir>/test/support/swagger-plugin.js'] },
      },
    ],
  },
  // A few dependencies ship ESM only; they are compiled to CommonJS like our own code.
  transformIgnorePatterns: ['node_modules/(?!(content-disposition|jose|fhir-kit-client)/)'],
  // fhir-kit-client exports its ESM entry under the "import" condition only.
  moduleNameMapper: { '^fhir-kit-client$': '<rootDir>/node_modules/fhir-kit-client/dist/index.js' },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/openapi-contract.setup.ts'],
  maxWorkers: 2,
  testTimeout: 60000,
};
