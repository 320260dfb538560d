// The standalone UI build: the same pages in a small host (navigation and routes from
// console-extensions.json), with our SDK implementation in place of the console's, into
// dist-standalone/ (index.html written by the build script from the entry's assets).
import MiniCssExtractPlugin from 'mini-css-extract-plugin';
import type { Configuration } from 'webpack';
import { performance, resolve, ROOT, scriptRule } from './webpack-common';

export function standaloneConfig(): Configuration {
  return {
    mode: 'production',
    context: `${ROOT}frontend`,
    entry: { app: './standalone/index.tsx' },
    output: {
      path: `${ROOT}dist-standalone`,
      publicPath: '/static/',
      filename: '[name].[contenthash].js',
      chunkFilename: '[name].[contenthash].js',
      assetModuleFilename: 'assets/[name].[contenthash][ext]',
      clean: true,
    },
    resolve: {
      ...resolve,
      alias: { '@openshift-console/dynamic-plugin-sdk$': `${ROOT}frontend/sdk/index.ts` },
    },
    module: {
      rules: [
        scriptRule(),
        { test: /\.css$/, use: [MiniCssExtractPlugin.loader, 'css-loader'] },
        { test: /\.(woff2?|ttf|eot|svg|png|jpg|gif)$/, type: 'asset/resource' },
      ],
    },
    plugins: [
      new MiniCssExtractPlugin({
        filename: '[name].[contenthash].css',
        chunkFilename: '[name].[contenthash].css',
      }),
    ],
    devtool: 'source-map',
    performance,
  };
}
