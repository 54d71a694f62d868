/** Host names, ports and DNS-1123 names as the APIs and the documentation use them. */

const LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?';
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const DNS1123_LABEL = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_LABEL}(?:\\.${DNS1123_LABEL})*$`);
const DNS1123_LABEL_ONLY = new RegExp(`^${DNS1123_LABEL}$`);

/** An RFC 1123 host name (labels of up to 63 characters, 253 in all); IPv4 addresses qualify. */
export function isHostname(value: string): boolean {
  return value.length <= 253 && HOSTNAME.test(value);
}

/** A TCP port, 1 to 65535, written in decimal without a sign. */
export function isPort(value: string): boolean {
  return /^[0-9]{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= 65535;
}

/** `hostname[:port]`. */
export function isHostAndOptionalPort(value: string): boolean {
  const colon = value.lastIndexOf(':');
  if (colon < 0) {
    return isHostname(value);
  }
  return isHostname(value.slice(0, colon)) && isPort(value.slice(colon + 1));
}

/** A Kubernetes object name of the DNS-1123 subdomain kind (ConfigMaps, most objects). */
export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** A lower-case DNS-1123 label, at most 63 characters: a namespace, a HostedCluster name. */
export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL_ONLY.test(value);
}

/**
 * The key of a trusted-CA ConfigMap entry for a registry: `host`, or `host..port` because a ConfigMap key cannot
 * hold `:`.
 */
export function trustedCaKey(hostAndPort: string): string {
  return hostAndPort.replace(/:(?=[0-9]+$)/, '..');
}

/** Whether a trusted-CA ConfigMap key is `host` or `host..port`. */
export function isTrustedCaKey(key: string): boolean {
  const separator = key.lastIndexOf('..');
  if (separator < 0) {
    return isHostname(key);
  }
  return isHostname(key.slice(0, separator)) && isPort(key.slice(separator + 2));
}
