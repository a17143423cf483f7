/**
 * A name compose accepts as a project name and Docker as an image repository: lowercase
 * letters, digits, `-` and `_`, starting with a letter or digit. Nx project names may hold
 * `@`, `/` and capitals (`@acme/api`), which both reject.
 */
export function composeProjectName(nxProjectName: string): string {
  const name = nxProjectName
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '');
  return name || 'django';
}
