/** @type {import('jest').Config} */
const transform = {
  '^.+\\.tsx?$': [
    'ts-jest',
    {
      // Type errors are the job of `npm run typecheck`; with isolatedModules ts-jest only transpiles.
      tsconfig: { isolatedModules: true, module: 'commonjs', moduleResolution: 'node10', jsx: 'react-jsx', esModuleInterop: true, resolveJsonModule: true },
    },
  ],
};

// pkijs, asn1js and their helpers ship only as ES modules while jest runs CommonJS: transpile them too.
const esmOnlyPackages = ['pkijs', 'asn1js', '@peculiar', 'bytestreamjs', '@noble'];
transform[`/node_modules/(?:${esmOnlyPackages.join('|')})/.+\\.js$`] = [
  'ts-jest',
  { tsconfig: { isolatedModules: true, allowJs: true, module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true } },
];

const project = (name, extra = {}) => ({
  displayName: name,
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts?(x)`],
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  // The @core/* alias of tsconfig.json (the renderer's imports of core/api and core/domain);
  // a feature's index imports its style sheets, which only Vite reads: to Jest they are empty.
  moduleNameMapper: { '^@core/(.*)$': '<rootDir>/core/$1', '\\.css$': '<rootDir>/tools/jest/empty-style.js' },
  transformIgnorePatterns: [`/node_modules/(?!(?:${esmOnlyPackages.join('|')})/)`],
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
