/**
 * "Allow any", in every spelling Azure accepts for it. NSG rules, firewall rules and Terraform all take several forms
 * for "every address" and "every port"; a check that knows only `*` lets `0.0.0.0/0` with `1-65535` through. The
 * policy pack and the flow verifier both read rules through these.
 */

/** Every address: `*`, `Any`, `0.0.0.0/0`, `::/0`. */
export function isAnyAddress(text: string): boolean {
  return /^(\*|any|0\.0\.0\.0\/0|::\/0)$/i.test(text.trim());
}

/** Every public address, as a rule that should not admit it reads: any of the above, `Internet`, or a bare `0.0.0.0`. */
export function isAnyInternetAddress(text: string): boolean {
  return isAnyAddress(text) || /^(internet|0\.0\.0\.0)$/i.test(text.trim());
}

/** Every port: `*`, `Any`, `0-65535`, `1-65535` (port 0 is not a real port, so 1-65535 is all of them). */
export function isAnyPort(text: string | number): boolean {
  return /^(\*|any|[01]-65535)$/i.test(String(text).trim());
}

/** Every protocol: `*` (NSG) or `Any` (firewall network rules). */
export function isAnyProtocol(text: string): boolean {
  return /^(\*|any)$/i.test(text.trim());
}
