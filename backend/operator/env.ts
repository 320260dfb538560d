// What the operator knows about its own installation. It comes from the operator's process
// environment and API discovery; render takes it as plain data so it stays pure.
export interface OperatorEnv {
  /** Namespace the operator runs in and deploys MetalLB into (e.g. metallb-system). */
  namespace: string;
  controllerImage: string;
  speakerImage: string;
  /** Image serving the console plugin; the controller image (UI role) when absent. */
  consolePluginImage?: string;
  /** Operator version, recorded as a label on every operand object. */
  version: string;
  /** Whether the console.openshift.io/v1 ConsolePlugin API exists (OpenShift). */
  hasConsolePluginAPI: boolean;
  /**
   * `--dev`: the backend's webhook role registers the ValidatingWebhookConfiguration itself, with
   * URLs to the host it runs on, and is its only writer. Render leaves it out: the in-cluster one
   * would point the apiserver at a Service of simulated Pods that nothing serves.
   */
  webhooksRegisteredByBackend?: boolean;
  /** PEM bundle (base64, as the API expects) for the webhook; else the controller patches it in. */
  webhookCABundle?: string;
  /**
   * The memberlist key exactly as stored in Secret data (base64). Pass the existing value; when
   * the Secret is absent the caller generates random bytes. Without it no Secret is rendered.
   */
  memberlistSecretKey?: string;
}
