/**
 * The one Content-Security-Policy of the lab and of the mock providers: only their own scripts and styles (no inline
 * script anywhere), no framing, and form posts only to themselves and the origins named.
 */
export function strictCspDirectives(options: { formActionOrigins: string[]; upgradeInsecureRequests: boolean }) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    formAction: ["'self'", ...options.formActionOrigins],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    upgradeInsecureRequests: options.upgradeInsecureRequests ? [] : null,
  };
}
