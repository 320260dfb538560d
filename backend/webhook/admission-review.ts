// AdmissionReview v1 in and out, as pure functions: the HTTP shell hands over the parsed body and
// the current configuration, and gets back the status code and the JSON to answer with.
import type { ConfigInput } from '../../api/validation';
import { validateAdmission, type AdmissionObject, type AdmissionOperation } from '../../api/validation';
import type { BGPType } from '../../api/validation';

export interface ReviewReply {
  status: number;
  body: unknown;
}

const OPERATIONS = new Set(['CREATE', 'UPDATE', 'DELETE', 'CONNECT']);

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function badRequest(message: string): ReviewReply {
  return { status: 400, body: { error: message } };
}

function looksLikeObject(v: unknown): v is AdmissionObject {
  return (
    isObject(v) && typeof v.kind === 'string' && typeof v.apiVersion === 'string' && isObject(v.metadata)
  );
}

/**
 * Decides one AdmissionReview. A body that is not an AdmissionReview v1 gets a 400 with the
 * reason; a well-formed review always gets a 200 with allowed true/false, the refusal naming the
 * object, the field and the conflicting object.
 */
export function reviewAdmission(
  body: unknown,
  expectedKind: string,
  config: ConfigInput,
  opts: { namespace: string; bgpType: BGPType },
): ReviewReply {
  if (!isObject(body)) return badRequest('request body must be a JSON object (an AdmissionReview)');
  if (body.apiVersion !== 'admission.k8s.io/v1' || body.kind !== 'AdmissionReview') {
    return badRequest(
      `expected apiVersion admission.k8s.io/v1 and kind AdmissionReview, got ${JSON.stringify(body.apiVersion)} ${JSON.stringify(body.kind)}`,
    );
  }
  const req = body.request;
  if (!isObject(req)) return badRequest('AdmissionReview has no request');
  if (typeof req.uid !== 'string' || req.uid === '')
    return badRequest('AdmissionReview request.uid must be a non-empty string');
  if (typeof req.operation !== 'string' || !OPERATIONS.has(req.operation)) {
    return badRequest(`AdmissionReview request.operation must be one of CREATE, UPDATE, DELETE, CONNECT`);
  }
  const op = req.operation as AdmissionOperation | 'CONNECT';
  const reply = (allowed: boolean, message?: string, warnings: string[] = []): ReviewReply => ({
    status: 200,
    body: {
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      response: {
        uid: req.uid,
        allowed,
        ...(message
          ? { status: { code: allowed ? 200 : 403, reason: allowed ? '' : 'Forbidden', message } }
          : {}),
        ...(warnings.length ? { warnings } : {}),
      },
    },
  });
  if (op === 'CONNECT') return reply(true);
  const obj = op === 'DELETE' ? req.oldObject : req.object;
  if (!looksLikeObject(obj)) {
    return badRequest(
      `AdmissionReview request.${op === 'DELETE' ? 'oldObject' : 'object'} must be a Kubernetes object`,
    );
  }
  if (obj.kind !== expectedKind) {
    return reply(false, `this webhook validates ${expectedKind} objects, not ${obj.kind}`);
  }
  // The apiserver fills metadata.namespace from the request; trust the request's namespace.
  const withNs = {
    ...obj,
    metadata: { ...obj.metadata, namespace: (req.namespace as string) ?? obj.metadata.namespace },
  };
  const oldObject = looksLikeObject(req.oldObject) ? req.oldObject : undefined;
  let result;
  try {
    result = validateAdmission(op, withNs as AdmissionObject, config, {
      ...opts,
      ...(oldObject ? { oldObject } : {}),
    });
  } catch (err) {
    // A shape the schema let through but the validator cannot read: refuse with the reason
    // rather than fail the request (failurePolicy Fail would refuse it anyway, without one).
    return reply(
      false,
      `${obj.kind} ${JSON.stringify(obj.metadata.name ?? '')}: cannot be validated: ${(err as Error).message}`,
    );
  }
  const warnings = result.warnings.map((w) => w.message);
  if (result.allowed) return reply(true, undefined, warnings);
  return reply(false, result.errors.map((e) => e.message).join('; '), warnings);
}
