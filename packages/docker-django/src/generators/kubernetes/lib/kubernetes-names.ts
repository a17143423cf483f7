/**
 * A Kubernetes object name (RFC 1123 label) from an Nx project name, which may hold `@`, `/`,
 * `_` or capitals: lower case, anything else a hyphen, at most 63 characters with room for
 * the longest suffix the generator adds (`-settings`).
 */
export function kubernetesName(projectName: string): string {
  const name = projectName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 54)
    .replace(/-+$/, '');
  if (!name) {
    throw new Error(
      `Project name "${projectName}" gives no Kubernetes name (letters or digits are needed). Rename the project.`,
    );
  }
  return name;
}

export function labels(app: string, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': app,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/managed-by': 'kustomize',
  };
}

export function selectorLabels(app: string, component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': app, 'app.kubernetes.io/component': component };
}
