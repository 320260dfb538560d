// Which messages each field shows: the server's refusal after a failed submit, else the
// validation core's live result for fields the user has touched (all fields after a submit).
// Live results add the apiserver's own name rule, which it applies before the webhook is asked.
import { useMemo } from 'react';
import { objectNameIssue, validateAdmission, type BGPType, type ConfigInput } from '../../api/validation';
import type { AdmissionObject } from '../../api/validation';
import { assignMessages, parseRefusal, type FieldMessage } from './field-errors';
import type { FieldMessages } from './messages';
import type { FormObject } from './form-spec';

export interface FormMessageState {
  forField: (field: string) => FieldMessages | undefined;
  general: { source: 'live' | 'server'; messages: string[] };
  liveErrorCount: number;
}

export function liveMessages(
  obj: FormObject,
  config: ConfigInput,
  opts: { namespace: string; bgpType: BGPType; oldObject?: FormObject },
): FieldMessage[] {
  const nameIssue = objectNameIssue(obj.kind, obj.metadata.name ?? '');
  const nameMessages = nameIssue ? [{ field: nameIssue.field, message: nameIssue.message }] : [];
  try {
    const r = validateAdmission(opts.oldObject ? 'UPDATE' : 'CREATE', obj as AdmissionObject, config, {
      namespace: opts.namespace,
      bgpType: opts.bgpType,
      ...(opts.oldObject ? { oldObject: opts.oldObject as AdmissionObject } : {}),
    });
    return [...nameMessages, ...r.errors.map((e) => ({ field: e.field, message: e.message }))];
  } catch (err) {
    return [...nameMessages, { field: '', message: (err as Error).message }];
  }
}

export function useFormMessages(args: {
  obj: FormObject;
  config: ConfigInput;
  namespace: string;
  bgpType: BGPType;
  oldObject?: FormObject;
  fields: string[];
  /** Fields whose live messages show (those the user has edited, or all after a submit). */
  shown: ReadonlySet<string>;
  serverError?: string;
}): FormMessageState {
  const { obj, config, namespace, bgpType, oldObject, fields, shown, serverError } = args;
  const live = useMemo(
    () => liveMessages(obj, config, { namespace, bgpType, ...(oldObject ? { oldObject } : {}) }),
    [obj, config, namespace, bgpType, oldObject],
  );
  return useMemo(() => {
    const server = serverError ? assignMessages(parseRefusal(serverError, obj.kind), fields) : undefined;
    const liveAssigned = assignMessages(live, fields);
    return {
      forField: (field: string) => {
        const s = server?.byField.get(field);
        if (s?.length) return { source: 'server', messages: s };
        const l = liveAssigned.byField.get(field);
        return l?.length && shown.has(field) ? { source: 'live', messages: l } : undefined;
      },
      general: server
        ? { source: 'server', messages: server.general }
        : {
            source: 'live',
            messages: shown.size && shown.size === fields.length ? liveAssigned.general : [],
          },
      liveErrorCount: live.length,
    };
  }, [live, fields, shown, serverError, obj.kind]);
}
