// Which Services this installation handles, for the controller and the speaker alike.

/**
 * With a configured class only Services of exactly that class; without one only Services with no
 * class (upstream's filterByLoadBalancerClass).
 */
export function isOurLoadBalancerClass(
  svc: { spec?: { loadBalancerClass?: string | null } },
  ourClass: string | undefined,
): boolean {
  const cls = svc.spec?.loadBalancerClass;
  return ourClass ? cls === ourClass : cls === undefined || cls === null;
}
