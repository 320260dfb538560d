// ESLint rule: imports point down the layers only. api/ is the bottom; k8s/ (what both programs
// share) sits on it; backend/, speaker/ and frontend/ sit side by side above and never import one
// another. Relative specifiers are resolved against the importing file, so a file's layer is its
// top-level folder whatever the path spelling.
import path from 'node:path';

/** What each layer may import (besides itself and packages). */
export const ALLOWED = {
  api: [],
  k8s: ['api'],
  backend: ['api', 'k8s'],
  speaker: ['api', 'k8s'],
  // The UI runs in a browser: no Node-only shared layer.
  frontend: ['api'],
};

function layerOf(root, file) {
  const rel = path.relative(root, file);
  if (rel.startsWith('..')) return undefined;
  const top = rel.split(path.sep)[0];
  return top in ALLOWED ? top : undefined;
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'imports point down the layers: api <- k8s <- backend | speaker; api <- frontend' },
    schema: [],
    messages: {
      upward: '{{from}}/ must not import {{to}}/ ({{spec}}): {{from}}/ may import only {{allowed}}.',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const from = layerOf(root, file);
    if (!from) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const to = layerOf(root, path.resolve(path.dirname(file), spec));
      if (!to || to === from || ALLOWED[from].includes(to)) return;
      const allowed = ALLOWED[from].length
        ? ALLOWED[from].map((l) => `${l}/`).join(', ')
        : 'nothing above it';
      context.report({ node, messageId: 'upward', data: { from, to, spec, allowed } });
    };
    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n.source, n.source.value),
    };
  },
};
