// ConversionReview v1 for BGPPeer (v1beta1 <-> v1beta2), pure.
import { bgpPeerV1beta1ToV1beta2, bgpPeerV1beta2ToV1beta1 } from '../../api/conversion/bgppeer';
import type { BGPPeer, BGPPeerV1beta1 } from '../../api/types';
import { badRequest, isObject, type ReviewReply } from './admission-review';

const VERSIONS = new Set(['metallb.io/v1beta1', 'metallb.io/v1beta2']);

export function reviewConversion(body: unknown): ReviewReply {
  if (!isObject(body) || body.apiVersion !== 'apiextensions.k8s.io/v1' || body.kind !== 'ConversionReview') {
    return badRequest('expected a ConversionReview (apiextensions.k8s.io/v1)');
  }
  const req = body.request;
  if (
    !isObject(req) ||
    typeof req.uid !== 'string' ||
    typeof req.desiredAPIVersion !== 'string' ||
    !Array.isArray(req.objects)
  ) {
    return badRequest('ConversionReview request needs uid, desiredAPIVersion and objects');
  }
  const uid = req.uid;
  const desired = req.desiredAPIVersion;
  const fail = (message: string): ReviewReply => ({
    status: 200,
    body: {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'ConversionReview',
      response: { uid, convertedObjects: [], result: { status: 'Failure', message } },
    },
  });
  if (!VERSIONS.has(desired))
    return fail(`cannot convert to ${desired}: only metallb.io/v1beta1 and v1beta2`);
  const converted: unknown[] = [];
  for (const obj of req.objects) {
    if (
      !isObject(obj) ||
      obj.kind !== 'BGPPeer' ||
      typeof obj.apiVersion !== 'string' ||
      !VERSIONS.has(obj.apiVersion)
    ) {
      return fail('only metallb.io BGPPeer objects can be converted');
    }
    try {
      if (obj.apiVersion === desired) converted.push(obj);
      else if (desired === 'metallb.io/v1beta2')
        converted.push(bgpPeerV1beta1ToV1beta2(obj as unknown as BGPPeerV1beta1));
      else converted.push(bgpPeerV1beta2ToV1beta1(obj as unknown as BGPPeer));
    } catch (err) {
      return fail(
        `BGPPeer ${JSON.stringify((obj.metadata as { name?: string })?.name ?? '')}: ${(err as Error).message}`,
      );
    }
  }
  return {
    status: 200,
    body: {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'ConversionReview',
      response: { uid, convertedObjects: converted, result: { status: 'Success' } },
    },
  };
}
