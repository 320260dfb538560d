// The OLM registry+v1 bundle, generated from the chart's own rendering (`helm template`) and the CRD
// generator, so the chart and the bundle install the same operator: the Deployment, its
// ServiceAccount's ClusterRole and Role become the CSV's install strategy.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { allCRDs } from '../../api/crds/index';
import { NAMES } from '../../api/operand';
import { ALM_EXAMPLES, CSV_DESCRIPTION } from './bundle-texts';
import { CHART_DIR } from './chart-files';

const ROOT = join(import.meta.dirname, '..', '..');
export const PACKAGE = 'metallb-operator';
export const CHANNEL = 'stable';
export const NAMESPACE = 'metallb-system';
const MIN_KUBE_VERSION = '1.29.0';
const STATUS_KINDS = ['ServiceL2Status', 'ServiceBGPStatus', 'BGPSessionState', 'ConfigurationState'];

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [k: string]: unknown;
}

/** The chart rendered as OLM installs it: release `metallb-operator` in metallb-system. */
export function renderChart(helm: string): K8sObject[] {
  const out = execFileSync(
    helm,
    [
      'template',
      PACKAGE,
      join(ROOT, CHART_DIR),
      '--namespace',
      NAMESPACE,
      '--set',
      'networkPolicy.enabled=false',
    ],
    { encoding: 'utf8' },
  );
  return parseAllDocuments(out)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => !!o);
}

const yaml = (o: unknown) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false });

function one(objs: K8sObject[], kind: string): K8sObject {
  const found = objs.filter((o) => o.kind === kind);
  if (found.length !== 1) throw new Error(`the chart renders ${found.length} ${kind} objects, expected 1`);
  return found[0]!;
}

export function bundleFiles(helm: string): Map<string, string> {
  const chart = renderChart(helm);
  const version = (
    parseAllDocuments(readFileSync(join(ROOT, CHART_DIR, 'Chart.yaml'), 'utf8'))[0]!.toJS() as {
      appVersion: string;
    }
  ).appVersion;
  const deployment = one(chart, 'Deployment') as K8sObject & {
    spec: { selector: { matchLabels: Record<string, string> }; template: { spec: Record<string, unknown> } };
  };
  const sa = one(chart, 'ServiceAccount').metadata.name;
  const clusterRules = (one(chart, 'ClusterRole') as K8sObject & { rules: unknown[] }).rules;
  const rules = (one(chart, 'Role') as K8sObject & { rules: unknown[] }).rules;
  const crds = allCRDs();
  const container = (
    deployment.spec.template.spec.containers as { image: string; env: { name: string; value?: string }[] }[]
  )[0]!;
  const image = (name: string) => container.env.find((e) => e.name === name)?.value ?? '';
  const icon = readFileSync(join(ROOT, 'bundle', 'icon.svg')).toString('base64');
  const csv = {
    apiVersion: 'operators.coreos.com/v1alpha1',
    kind: 'ClusterServiceVersion',
    metadata: {
      name: `${PACKAGE}.v${version}`,
      namespace: 'placeholder',
      annotations: {
        'alm-examples': JSON.stringify(ALM_EXAMPLES, null, 2),
        capabilities: 'Seamless Upgrades',
        categories: 'Networking',
        containerImage: container.image,
        description:
          'Load balancer for bare-metal clusters: Layer 2 (ARP/NDP) and BGP with BFD, with a console plugin.',
        repository: 'https://github.com/metallb-ts/metallb-ts',
        support: 'metallb-ts maintainers',
        'console.openshift.io/plugins': JSON.stringify([NAMES.consolePlugin]),
        'operatorframework.io/suggested-namespace': NAMESPACE,
        'operatorframework.io/initialization-resource': JSON.stringify(ALM_EXAMPLES[0]),
        // Written by the components, never by users: OperatorHub hides them from "create".
        'operators.operatorframework.io/internal-objects': JSON.stringify(
          crds.filter((c) => STATUS_KINDS.includes(c.spec.names.kind)).map((c) => c.metadata.name),
        ),
        'operators.openshift.io/valid-subscription': '[]',
        'features.operators.openshift.io/disconnected': 'true',
        'features.operators.openshift.io/fips-compliant': 'false',
        'features.operators.openshift.io/proxy-aware': 'false',
        'features.operators.openshift.io/tls-profiles': 'false',
        'features.operators.openshift.io/token-auth-aws': 'false',
        'features.operators.openshift.io/token-auth-azure': 'false',
        'features.operators.openshift.io/token-auth-gcp': 'false',
      },
      labels: {
        'operatorframework.io/arch.amd64': 'supported',
        'operatorframework.io/os.linux': 'supported',
      },
    },
    spec: {
      displayName: 'MetalLB (TypeScript)',
      description: CSV_DESCRIPTION,
      version,
      minKubeVersion: MIN_KUBE_VERSION,
      maturity: 'alpha',
      keywords: ['metallb', 'load-balancer', 'bgp', 'bfd', 'arp', 'ndp', 'bare-metal'],
      maintainers: [{ name: 'metallb-ts maintainers', email: 'maintainers@metallb-ts.example' }],
      provider: { name: 'metallb-ts' },
      links: [
        { name: 'Source', url: 'https://github.com/metallb-ts/metallb-ts' },
        { name: 'Install guide', url: 'https://github.com/metallb-ts/metallb-ts/blob/main/docs/install.md' },
      ],
      icon: [{ base64data: icon, mediatype: 'image/svg+xml' }],
      // The seed's rule: the operator watches every namespace for Services, so only AllNamespaces.
      installModes: [
        { type: 'OwnNamespace', supported: false },
        { type: 'SingleNamespace', supported: false },
        { type: 'MultiNamespace', supported: false },
        { type: 'AllNamespaces', supported: true },
      ],
      customresourcedefinitions: {
        owned: crds.map((c) => {
          const served = c.spec.versions.find((v) => v.storage) ?? c.spec.versions[0]!;
          return {
            name: c.metadata.name,
            version: served.name,
            kind: c.spec.names.kind,
            displayName: c.spec.names.kind,
            description: served.schema?.openAPIV3Schema?.description ?? c.spec.names.kind,
          };
        }),
      },
      install: {
        strategy: 'deployment',
        spec: {
          clusterPermissions: [{ serviceAccountName: sa, rules: clusterRules }],
          permissions: [{ serviceAccountName: sa, rules }],
          deployments: [
            {
              name: deployment.metadata.name,
              label: deployment.spec.selector.matchLabels,
              spec: deployment.spec,
            },
          ],
        },
      },
      relatedImages: [
        { name: 'backend', image: image('METALLB_CONTROLLER_IMAGE') },
        { name: 'speaker', image: image('METALLB_SPEAKER_IMAGE') },
      ],
    },
  };
  const files = new Map<string, string>();
  files.set(`bundle/manifests/${PACKAGE}.clusterserviceversion.yaml`, yaml(csv));
  for (const crd of crds)
    files.set(
      `bundle/manifests/${crd.metadata.name.split('.').slice(1).join('.')}_${crd.spec.names.plural}.yaml`,
      yaml(crd),
    );
  const annotations = {
    'operators.operatorframework.io.bundle.mediatype.v1': 'registry+v1',
    'operators.operatorframework.io.bundle.manifests.v1': 'manifests/',
    'operators.operatorframework.io.bundle.metadata.v1': 'metadata/',
    'operators.operatorframework.io.bundle.package.v1': PACKAGE,
    'operators.operatorframework.io.bundle.channels.v1': CHANNEL,
    'operators.operatorframework.io.bundle.channel.default.v1': CHANNEL,
    'com.redhat.openshift.versions': 'v4.14-v4.22',
  };
  files.set('bundle/metadata/annotations.yaml', yaml({ annotations }));
  files.set(
    'bundle.Dockerfile',
    [
      '# The OLM bundle image (generated by `npm run packaging`).',
      'FROM scratch',
      ...Object.entries(annotations).map(([k, v]) => `LABEL ${k}=${v}`),
      'COPY bundle/manifests /manifests/',
      'COPY bundle/metadata /metadata/',
      '',
    ].join('\n'),
  );
  return files;
}
