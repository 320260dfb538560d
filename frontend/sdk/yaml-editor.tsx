// ResourceYAMLEditor: the object as YAML in a text area; Save replaces it on the server (or
// creates it with `create`), unless the page handles `onSave` itself.
import { useEffect, useState, type FC } from 'react';
import { Alert, Button, TextArea, Title } from '@patternfly/react-core';
import { parse, stringify } from 'yaml';
import type { K8sResourceKind, ResourceYAMLEditorProps } from '@openshift-console/dynamic-plugin-sdk';
import { useTranslation } from 'react-i18next';
import { consoleFetchJSON } from './console-fetch';
import { apiPath, resolveResource } from './discovery';

/** The object as YAML, without the server's field-management bookkeeping (as the console shows it). */
function toYAML(obj: K8sResourceKind): string {
  const { managedFields: _managed, ...metadata } = obj.metadata ?? {};
  return stringify({ ...obj, metadata });
}

async function save(obj: K8sResourceKind, create: boolean): Promise<K8sResourceKind> {
  const [group, version] = (obj.apiVersion ?? '').includes('/')
    ? obj.apiVersion!.split('/')
    : ['', obj.apiVersion ?? 'v1'];
  const gvk = { group, version: version!, kind: obj.kind ?? '' };
  const info = await resolveResource(gvk);
  let url = apiPath(gvk);
  if (info.namespaced && obj.metadata?.namespace)
    url += `/namespaces/${encodeURIComponent(obj.metadata.namespace)}`;
  url += `/${info.plural}`;
  if (create) return consoleFetchJSON.post(url, obj);
  return consoleFetchJSON.put(`${url}/${encodeURIComponent(obj.metadata?.name ?? '')}`, obj);
}

export const ResourceYAMLEditor: FC<ResourceYAMLEditorProps> = ({
  initialResource,
  header,
  onSave,
  readOnly,
  create,
  onChange,
  hideHeader,
}) => {
  // The standalone host's strings live in the plugin's catalogue.
  const { t } = useTranslation('plugin__metallb-console-plugin');
  const [text, setText] = useState(() => toYAML(initialResource));
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!dirty) setText(toYAML(initialResource));
  }, [initialResource, dirty]);

  const submit = async () => {
    setError(undefined);
    setSaved(false);
    if (onSave) return onSave(text);
    try {
      const result = await save(parse(text) as K8sResourceKind, !!create);
      setText(toYAML(result));
      setDirty(false);
      setSaved(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="metallb-sdk__yaml-editor">
      {!hideHeader && header && <Title headingLevel="h2">{header}</Title>}
      <TextArea
        aria-label={t('YAML')}
        value={text}
        readOnlyVariant={readOnly ? 'default' : undefined}
        onChange={(_e, v) => {
          setText(v);
          setDirty(true);
          onChange?.(v);
        }}
        resizeOrientation="vertical"
        className="metallb-sdk__yaml-text"
        rows={24}
        data-test="yaml-editor"
      />
      {error && <Alert variant="danger" isInline title={error} data-test="yaml-error" />}
      {saved && <Alert variant="success" isInline title={t('Saved')} />}
      {!readOnly && (
        <div className="metallb-sdk__yaml-actions">
          <Button variant="primary" onClick={() => void submit()} data-test="yaml-save">
            {create ? t('Create') : t('Save')}
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              setText(toYAML(initialResource));
              setDirty(false);
            }}
          >
            {t('Reload')}
          </Button>
        </div>
      )}
    </div>
  );
};
