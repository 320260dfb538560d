// The `ui` role: the console plugin's files, the standalone UI, the apiserver proxy its SDK
// calls use, and the UI's REST API, all on the backend's HTTP port.
import { resolve } from 'node:path';
import { bgpTypeFromEnv } from '../controller/config-load';
import { registerExplainAPI } from '../explain/routes';
import type { Role } from '../roles';
import { registerKubeProxy } from './kube-proxy';
import { registerRestAPI } from './rest-api';
import { registerStaticFiles } from './static-files';
import { registerWatchStream } from './watch-stream';

export const uiRole: Role = {
  name: 'ui',
  async start(ctx) {
    const root = resolve(ctx.settings.uiRoot);
    const { client } = ctx;
    registerRestAPI(ctx.router, { client, namespace: ctx.namespace, dev: ctx.dev });
    registerExplainAPI(ctx.router, {
      client,
      namespace: ctx.namespace,
      dev: ctx.dev,
      ...(ctx.settings.lbClass ? { lbClass: ctx.settings.lbClass } : {}),
      bgpType: bgpTypeFromEnv(process.env),
    });
    registerWatchStream(ctx.router, client, ctx.dev);
    registerKubeProxy(ctx.router, client, ctx.dev);
    registerStaticFiles(ctx.router, {
      plugin: resolve(root, 'dist'),
      standalone: resolve(root, 'dist-standalone'),
    });
    ctx.log.info(
      { root, devCredentials: ctx.dev },
      'serving the console plugin, the standalone UI and its API',
    );
    return { ready: () => true, stop: async () => undefined };
  },
};
