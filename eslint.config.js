import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'data/**',
      'node_modules/**',
      'coverage/**',
      'reports/**',
      '.stryker-tmp/**',
      '.cache/**',
      '.test-build/**',
      // dependency-cruiser's rule set, plain CommonJS read by its CLI and by a test.
      '.dependency-cruiser.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Only src/config reads the environment.',
        },
      ],
    },
  },
  {
    files: [
      'src/config/**',
      'test/**',
      'bench/**',
      'scripts/**',
      'vitest.config.ts',
      'vitest.mutate.config.ts',
      'stryker.config.mjs',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Domains never reach into adapters or transports.
    files: ['src/{patrons,staff,privacy,db,config}/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/http/**', '**/cli/**', '**/web/**', '**/sip2/**', '**/jobs/**'],
              message: 'A domain never imports an adapter.',
            },
            {
              group: ['fastify', '@fastify/*', 'commander', 'cli-progress', 'node:net'],
              message: 'A domain never imports a transport.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['eslint.config.js', 'stryker.config.mjs', 'scripts/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly' },
    },
  },
)
