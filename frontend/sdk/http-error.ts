// The error consoleFetch and the k8s calls reject with, shaped as the console SDK's HttpError:
// `message` is the server's own message (a Kubernetes Status message when there is one).
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    message: string,
    public code?: number,
    public response?: Response,
    public json?: unknown,
  ) {
    super(message);
  }
}

export async function errorFromResponse(res: Response): Promise<HttpError> {
  const text = await res.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const msg =
    json && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string'
      ? (json as { message: string }).message
      : text || res.statusText || `HTTP ${res.status}`;
  return new HttpError(msg, res.status, res, json);
}
