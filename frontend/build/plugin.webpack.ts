// The console plugin build: a webpack remote container made by ConsoleRemotePlugin from
// package.json's consolePlugin and console-extensions.json, into dist/ (plugin-manifest.json,
// plugin-entry, chunks). React, react-router, react-i18next, the SDK and react-topology come from
// the console at run time; PatternFly styles too.
import { ConsoleRemotePlugin } from '@openshift-console/dynamic-plugin-sdk-webpack';
import type { Configuration } from 'webpack';
import { performance, resolve, ROOT, scriptRule } from './webpack-common';

export function pluginConfig(): Configuration {
  return {
    mode: 'production',
    context: `${ROOT}frontend`,
    entry: {},
    output: {
      path: `${ROOT}dist`,
      filename: '[name]-bundle-[contenthash].min.js',
      chunkFilename: '[name]-chunk-[contenthash].min.js',
      clean: true,
    },
    resolve,
    module: {
      rules: [scriptRule(), { test: /\.css$/, use: ['style-loader', 'css-loader'] }],
    },
    plugins: [new ConsoleRemotePlugin()],
    devtool: 'source-map',
    optimization: { chunkIds: 'named', minimize: true },
    performance,
  };
}
