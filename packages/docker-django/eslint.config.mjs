import jsoncParser from 'jsonc-eslint-parser';
import baseConfig from '../../eslint.config.mjs';

// The architecture as a lint rule (see "Developing" in the workspace README):
// plugins/, executors/ and generators/ use nx/, django/, python/, files/ and shell/, never
// each other; nx/ is the Nx glue they share; django/, python/, files/ and shell/ know nothing
// of Nx and nothing above them. Specs may reach across (fixtures, the Tree adapter).
const OUTSIDE = (folders) =>
  folders.map((folder) => `**/${folder}/**`).concat(folders.map((f) => `../${f}`));
const boundary = (files, folders, extra = []) => ({
  files,
  ignores: ['**/*.spec.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: OUTSIDE(folders),
            message: 'Imports run one way; see the map under "Developing" in the README.',
          },
          ...extra,
        ],
      },
    ],
  },
});
const NO_NX = [
  {
    group: ['@nx/*', 'nx', 'nx/*'],
    message: 'This folder has no Nx import: pass what it needs in.',
  },
];

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    // `const { omitted: _omitted, ...rest } = x` is how a test drops a key.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
  {
    files: ['**/*.json'],
    languageOptions: { parser: jsoncParser },
  },
  {
    files: ['**/package.json', '**/generators.json', '**/executors.json', '**/migrations.json'],
    rules: { '@nx/nx-plugin-checks': 'error' },
  },
  {
    files: ['**/package.json'],
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          ignoredFiles: [
            '{projectRoot}/eslint.config.{js,cjs,mjs}',
            '{projectRoot}/jest.config.ts',
            '{projectRoot}/src/**/*.spec.ts',
            '{projectRoot}/src/testing/**',
          ],
          // The plugin runs inside nx: a peer dependency the code never imports by that name.
          ignoredDependencies: ['nx'],
        },
      ],
    },
  },
  boundary(['src/plugins/**/*.ts'], ['executors', 'generators']),
  boundary(['src/executors/**/*.ts'], ['plugins', 'generators']),
  boundary(['src/generators/**/*.ts'], ['plugins', 'executors']),
  boundary(['src/nx/**/*.ts'], ['plugins', 'executors', 'generators']),
  boundary(['src/django/**/*.ts'], ['plugins', 'executors', 'generators', 'nx'], NO_NX),
  boundary(['src/python/**/*.ts'], ['plugins', 'executors', 'generators', 'nx', 'django'], NO_NX),
  boundary(
    ['src/files/**/*.ts', 'src/shell/**/*.ts'],
    ['plugins', 'executors', 'generators', 'nx', 'django', 'python'],
    NO_NX,
  ),
];
