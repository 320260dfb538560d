// The create/edit page of a kind: the form (or its YAML), validated as you type by the same core
// as the webhook; a refusal from the server is shown next to the field it names.
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  ActionGroup,
  Alert,
  Button,
  Form,
  PageSection,
  TextArea,
  Title,
  ToggleGroup,
  ToggleGroupItem,
} from '@patternfly/react-core';
import { k8sCreate, k8sUpdate, type K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { parse, stringify } from 'yaml';
import { useMetalLBTranslation } from '../i18n';
import { detailsPath, listPath, METALLB_NAMESPACE } from '../models';
import { useWatchObject } from '../k8s/watch';
import type { FormObject, FormSpec } from './form-spec';
import { useExistingConfig } from './use-existing-config';
import { useFormMessages } from './use-form-messages';
import { PreviewChanges } from '../views/explain/PreviewChanges';

export interface FormPageProps<V, O extends FormObject> {
  spec: FormSpec<V, O>;
  namespace?: string;
  /** Set when editing an existing object. */
  name?: string;
}

export function FormPage<V, O extends FormObject>({
  spec,
  namespace = METALLB_NAMESPACE,
  name,
}: FormPageProps<V, O>) {
  const { t } = useMetalLBTranslation();
  const navigate = useNavigate();
  const isEdit = !!name;
  const existing = useWatchObject<O>(spec.model, name, namespace);
  const { config, bgpType } = useExistingConfig(namespace);
  const [values, setValues] = useState<V>(() => spec.empty());
  const [base, setBase] = useState<O | undefined>();
  const [initialised, setInitialised] = useState(!isEdit);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [view, setView] = useState<'form' | 'yaml'>('form');
  const [yamlText, setYamlText] = useState('');
  const [yamlError, setYamlError] = useState<string>();

  useEffect(() => {
    if (!initialised && existing.data) {
      setValues(spec.fromObject(existing.data));
      setBase(existing.data);
      setInitialised(true);
    }
  }, [existing.data, initialised, spec]);

  const obj = useMemo(() => spec.toObject(values, namespace, base), [spec, values, namespace, base]);
  const fieldList = spec.fields(values);
  const fields = fieldList.map(([path]) => path);
  const shown = new Set(fieldList.filter(([, key]) => submitted || touched.has(key)).map(([path]) => path));
  const messages = useFormMessages({
    obj,
    config,
    namespace,
    bgpType,
    ...(isEdit && existing.data ? { oldObject: existing.data } : {}),
    fields,
    shown,
    ...(serverError ? { serverError } : {}),
  });

  const set = (patch: Partial<V>) => {
    setValues((v) => ({ ...v, ...patch }));
    setTouched((prev) => new Set([...prev, ...Object.keys(patch)]));
    setServerError(undefined);
  };

  const switchView = (next: 'form' | 'yaml') => {
    if (next === view) return;
    if (next === 'yaml') {
      setYamlText(isEdit || touched.size ? stringify(withoutManagedFields(obj)) : spec.yamlTemplate);
      setYamlError(undefined);
    } else {
      try {
        const parsed = parse(yamlText) as O;
        setValues(spec.fromObject(parsed));
        setBase(parsed);
      } catch (e) {
        setYamlError((e as Error).message);
        return;
      }
    }
    setView(next);
  };

  const submit = async () => {
    setSubmitted(true);
    setServerError(undefined);
    let data: O = obj;
    if (view === 'yaml') {
      try {
        data = parse(yamlText) as O;
      } catch (e) {
        setYamlError((e as Error).message);
        return;
      }
    }
    setBusy(true);
    try {
      const body = data as unknown as K8sResourceCommon;
      const saved = isEdit
        ? await k8sUpdate({ model: spec.model, data: body, ns: namespace, name })
        : await k8sCreate({ model: spec.model, data: body, ns: namespace });
      navigate(detailsPath(spec.model, saved.metadata?.name ?? data.metadata.name ?? '', namespace));
    } catch (e) {
      setServerError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const kind = spec.model.kind;
  const title = isEdit ? t('Edit {{kind}} {{name}}', { kind, name }) : t('Create {{kind}}', { kind });
  return (
    <PageSection>
      <Title headingLevel="h1" data-test="page-title">
        {title}
      </Title>
      <ToggleGroup aria-label={t('Configure via')} className="metallb-plugin__view-toggle">
        <ToggleGroupItem
          text={t('Form view')}
          isSelected={view === 'form'}
          onChange={() => switchView('form')}
          data-test="form-view"
        />
        <ToggleGroupItem
          text={t('YAML view')}
          isSelected={view === 'yaml'}
          onChange={() => switchView('yaml')}
          // Until the object being edited has loaded there is nothing to show as YAML.
          isDisabled={!initialised}
          data-test="yaml-view"
        />
      </ToggleGroup>
      {isEdit && existing.loaded && !existing.data && (
        <Alert variant="danger" isInline title={t('{{kind}} {{name}} was not found.', { kind, name })} />
      )}
      <Form
        className="metallb-plugin__form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {view === 'form' ? (
          initialised && (
            <spec.Fields
              values={values}
              set={set}
              messages={messages.forField}
              isEdit={isEdit}
              config={config}
            />
          )
        ) : (
          <TextArea
            aria-label={t('YAML')}
            value={yamlText}
            onChange={(_e, v) => {
              setYamlText(v);
              setServerError(undefined);
            }}
            rows={24}
            className="metallb-sdk__yaml-text"
            data-test="form-yaml"
          />
        )}
        {yamlError && (
          <Alert
            variant="danger"
            isInline
            title={t('The YAML is not valid: {{error}}', { error: yamlError })}
          />
        )}
        {messages.general.messages.length > 0 && (
          <Alert
            variant="danger"
            isInline
            title={
              messages.general.source === 'server'
                ? t('The server refused the change')
                : t('Fix these problems')
            }
            data-test="form-error"
            data-source={messages.general.source}
          >
            {messages.general.messages.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </Alert>
        )}
        <PreviewChanges input={() => (view === 'yaml' ? { yaml: yamlText } : { object: obj })} />
        <ActionGroup>
          <Button type="submit" variant="primary" isLoading={busy} isDisabled={busy} data-test="submit">
            {isEdit ? t('Save') : t('Create')}
          </Button>
          <Button
            variant="link"
            onClick={() =>
              navigate(
                isEdit && name ? detailsPath(spec.model, name, namespace) : listPath(spec.model, namespace),
              )
            }
          >
            {t('Cancel')}
          </Button>
        </ActionGroup>
      </Form>
    </PageSection>
  );
}

/** The object without metadata.managedFields, which the console's YAML editors hide too (an update
 * that omits them keeps the server's). */
function withoutManagedFields<O extends { metadata?: object }>(obj: O): O {
  if (!obj.metadata || !('managedFields' in obj.metadata)) return obj;
  const { managedFields: _drop, ...metadata } = obj.metadata as { managedFields?: unknown };
  return { ...obj, metadata };
}
