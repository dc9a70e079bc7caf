/** @type {import('jest').Config} */
const transform = {
  '^.+\\.tsx?$': [
    'ts-jest',
    {
      // Type errors are the job of `npm run typecheck`; here we only transpile.
      isolatedModules: true,
      tsconfig: { module: 'commonjs', moduleResolution: 'node10', jsx: 'react-jsx', esModuleInterop: true, resolveJsonModule: true },
    },
  ],
};

const project = (name, extra = {}) => ({
  displayName: name,
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts?(x)`],
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  ...extra,
});

module.exports = {
  projects: [
    project('unit'),
    project('integration', { slowTestThreshold: 60 }),
    project('ui', { slowTestThreshold: 60 }),
    project('e2e'),
  ],
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/tools/jest/summary-reporter.js'],
};
