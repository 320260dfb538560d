// The plugin's console-extensions.json read as the standalone host needs it: navigation and
// routes come from the same declarations the console reads, so the two cannot drift.

export interface CodeRef {
  $codeRef: string;
}

export interface ExtensionDecl {
  type: string;
  properties: Record<string, unknown>;
  flags?: { required?: string[]; disallowed?: string[] };
}

interface K8sModelRef {
  group?: string;
  version?: string;
  kind: string;
}

export interface NavItem {
  id: string;
  /** i18n key (the text after `%plugin__<name>~`). */
  label: string;
  href: string;
  startsWith: string[];
}

export interface NavSection {
  id: string;
  label: string;
  items: NavItem[];
}

export type RouteKind = 'page' | 'list' | 'details' | 'tab';

export interface RouteDecl {
  path: string;
  kind: RouteKind;
  /** The exposed module and its export, from the `$codeRef`. */
  module: string;
  export: string;
  /** For list/details: the `group~version~kind` reference; for tabs: the core kind. */
  reference?: string;
  /** For tabs: the tab's href and label key. */
  tab?: { href: string; label: string };
}

/** `%plugin__x~Label%` -> `Label`; other strings unchanged. */
export function labelKey(text: unknown): string {
  const s = String(text ?? '');
  const m = /^%[^~]+~(.*)%$/.exec(s);
  return m ? m[1]! : s;
}

export function parseCodeRef(ref: unknown): { module: string; export: string } {
  const s = (ref as CodeRef | undefined)?.$codeRef ?? '';
  const dot = s.indexOf('.');
  return dot < 0 ? { module: s, export: 'default' } : { module: s.slice(0, dot), export: s.slice(dot + 1) };
}

export function navigation(exts: readonly ExtensionDecl[]): NavSection[] {
  const sections: NavSection[] = exts
    .filter((e) => e.type === 'console.navigation/section')
    .map((e) => ({ id: String(e.properties.id), label: labelKey(e.properties.name), items: [] }));
  for (const e of exts) {
    if (e.type !== 'console.navigation/href') continue;
    const section = sections.find((s) => s.id === e.properties.section);
    if (!section) continue;
    section.items.push({
      id: String(e.properties.id),
      label: labelKey(e.properties.name),
      href: String(e.properties.href),
      startsWith: ((e.properties.startsWith as string[] | undefined) ?? []).map(
        (p) => `/${p.replace(/^\//, '')}`,
      ),
    });
  }
  return sections;
}

function reference(model: K8sModelRef): string {
  return model.group ? `${model.group}~${model.version}~${model.kind}` : `${model.kind.toLowerCase()}s`;
}

export function routes(exts: readonly ExtensionDecl[]): RouteDecl[] {
  const out: RouteDecl[] = [];
  for (const e of exts) {
    const p = e.properties;
    const ref = parseCodeRef(p.component);
    if (e.type === 'console.page/route') {
      const paths = Array.isArray(p.path) ? (p.path as string[]) : [String(p.path)];
      for (const path of paths) out.push({ path, kind: 'page', ...ref });
    } else if (e.type === 'console.page/resource/list') {
      const r = reference(p.model as K8sModelRef);
      out.push({ path: `/k8s/ns/:ns/${r}`, kind: 'list', reference: r, ...ref });
      out.push({ path: `/k8s/all-namespaces/${r}`, kind: 'list', reference: r, ...ref });
    } else if (e.type === 'console.page/resource/details') {
      const r = reference(p.model as K8sModelRef);
      out.push({ path: `/k8s/ns/:ns/${r}/:name/*`, kind: 'details', reference: r, ...ref });
    } else if (e.type === 'console.tab/horizontalNav') {
      const model = p.model as K8sModelRef;
      const page = p.page as { name: string; href: string };
      out.push({
        path: `/k8s/ns/:ns/${reference(model)}/:name/${page.href}`,
        kind: 'tab',
        reference: model.kind,
        tab: { href: page.href, label: labelKey(page.name) },
        ...ref,
      });
    }
  }
  return out;
}

/** The `console.action/resource-provider` declarations: which hook gives the actions of which kind. */
export function actionProviders(
  exts: readonly ExtensionDecl[],
): { reference: string; module: string; export: string }[] {
  return exts
    .filter((e) => e.type === 'console.action/resource-provider')
    .map((e) => ({
      reference: reference(e.properties.model as K8sModelRef),
      ...parseCodeRef(e.properties.provider),
    }));
}

/** Every `$codeRef` module an extension names (each must be an exposed module). */
export function codeRefModules(exts: readonly ExtensionDecl[]): string[] {
  const found = new Set<string>();
  const visit = (v: unknown) => {
    if (v && typeof v === 'object') {
      if (typeof (v as CodeRef).$codeRef === 'string') found.add(parseCodeRef(v).module);
      else Object.values(v).forEach(visit);
    }
  };
  exts.forEach((e) => visit(e.properties));
  return [...found].sort();
}
