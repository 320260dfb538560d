// A form page mounted by a console route (`.../~new/form` or `.../<name>/edit`): the namespace
// and the name come from the URL.
import { useParams } from 'react-router';
import { FormPage } from './FormPage';
import type { FormObject, FormSpec } from './form-spec';

export function RoutedFormPage<V, O extends FormObject>({ spec }: { spec: FormSpec<V, O> }) {
  const { ns, name } = useParams();
  return (
    <FormPage
      spec={spec}
      {...(ns ? { namespace: ns } : {})}
      {...(name ? { name } : {})}
      key={`${ns}/${name}`}
    />
  );
}
