// Request options that make client-node's generated clients send a patch of the given flavour.
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

/** JSON merge patch (RFC 7386). */
export const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** JSON patch (RFC 6902). */
export const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);
