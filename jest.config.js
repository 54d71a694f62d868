/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Examples and tests import the package by name, as users do; in tests that name means the sources.
  moduleNameMapper: {
    '^cdk-openshift-images$': '<rootDir>/src/index.ts',
    '^cdk-openshift-images/aws$': '<rootDir>/src/aws.ts',
  },
  testTimeout: 180000,
  // One seed for every property test (see the file): the same verdict on every run.
  setupFiles: ['<rootDir>/test/support/fast-check-seed.ts'],
};
