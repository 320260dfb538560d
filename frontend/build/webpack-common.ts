// What both frontend builds share: TypeScript through esbuild, CSS, sizes that are not warnings.
import type { Configuration, RuleSetRule } from 'webpack';

export const ROOT = new URL('../../', import.meta.url).pathname;

export function scriptRule(): RuleSetRule {
  return {
    test: /\.(ts|tsx)$/,
    exclude: /node_modules/,
    loader: 'esbuild-loader',
    options: { loader: 'tsx', target: 'es2021', jsx: 'automatic', tsconfig: `${ROOT}tsconfig.json` },
  };
}

export const resolve: Configuration['resolve'] = {
  extensions: ['.ts', '.tsx', '.js', '.jsx', '.json'],
};

export const performance: Configuration['performance'] = { hints: false };
