import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layersRule } from './scripts/eslint/layers.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-server/',
      'dist-standalone/',
      'test-results/',
      'bench-results/',
      '.playground/',
      'coverage/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // Layers point down only (scripts/eslint/layers.js), tests included.
    files: ['{api,k8s,backend,speaker,frontend}/**/*.{ts,tsx}'],
    plugins: { metallb: { rules: { layers: layersRule } } },
    rules: { 'metallb/layers': 'error' },
  },
);
