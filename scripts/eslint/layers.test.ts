import { RuleTester } from 'eslint';
import { afterAll, describe, it } from 'vitest';
import { layersRule } from './layers.js';

// RuleTester runs its cases through the test framework's own hooks.
Object.assign(RuleTester, { afterAll, describe, it });

// The rule resolves layers against ESLint's working directory, the repository when tests run.
const root = process.cwd();
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });
const at = (file: string, code: string) => ({ code, filename: `${root}/${file}` });

tester.run('layers', layersRule, {
  valid: [
    at('speaker/status/writer.ts', "import { KUBE_KINDS } from '../../api/kinds';"),
    at('speaker/speaker.ts', "import { ApiClient } from '../k8s/api-client';"),
    at('backend/main.ts', "import { connectOrExit } from '../k8s/startup';"),
    at('k8s/crds.ts', "import { allCRDs } from '../api/crds';"),
    at('frontend/models.ts', "import { METALLB_KINDS } from '../api/kinds';"),
    at('backend/http/app.ts', "import Koa from 'koa';"),
  ],
  invalid: [
    at('speaker/speaker.ts', "import { NAMES } from '../backend/operator/render/labels';"),
    at('speaker/k8s/watches.ts', "export { x } from '../../backend/k8s/x';"),
    at('backend/main.ts', "const m = import('../speaker/speaker');"),
    at('frontend/models.ts', "import { ApiClient } from '../k8s/api-client';"),
    at('api/types.ts', "import { Logger } from '../k8s/log';"),
    at('k8s/reflector.ts', "import { x } from '../backend/roles';"),
  ].map((c) => ({ ...c, errors: [{ messageId: 'upward' }] })),
});
