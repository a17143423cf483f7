/**
 * A registry address as compose-push, the CI generator and the build cache take it:
 * `host[:port][/namespace]` (`127.0.0.1:5000`, `registry.example.com/team`). One reader, so
 * the workflow, the compose file and the executor agree on what an address is.
 */
export interface RegistryAddress {
  /** `host[:port]`, as docker login and the registry's credentials know it. */
  host: string;
  /** Path under the host that every repository goes into, e.g. `team` ('' for none). */
  namespace: string;
}

const HOST = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$|^\[[0-9a-f:]+\](:[0-9]{1,5})?$/i;
const PATH_COMPONENT = /^[a-z0-9]+([._-][a-z0-9]+)*$/;

export const REGISTRY_ADDRESS_FORM =
  'Pass host[:port][/namespace], e.g. 127.0.0.1:5000 or registry.example.com/team';

/** The address, or the reason it is not one (to be put in the caller's error). */
export function readRegistryAddress(value: string): RegistryAddress | { problem: string } {
  const trimmed = value.trim().replace(/\/+$/, '');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed))
    return { problem: `${REGISTRY_ADDRESS_FORM}, without a scheme.` };
  if (trimmed.includes('@'))
    return {
      problem: `${REGISTRY_ADDRESS_FORM}; credentials never go in the address: log in with \`docker login <host>\`.`,
    };
  const [host, ...path] = trimmed.split('/');
  if (!HOST.test(host ?? '') || !path.every((part) => PATH_COMPONENT.test(part)))
    return { problem: `${REGISTRY_ADDRESS_FORM} (lowercase path).` };
  return { host, namespace: path.join('/') };
}
