import { Document } from 'yaml';

export interface WorkflowOptions {
  mainBranch: string;
  targetName: string;
  install: string;
  exec: string;
  manager: string;
}

/**
 * A GitHub Actions workflow that builds only the images a change touched. nx-set-shas sets
 * NX_BASE to the last commit on the main branch whose workflow run succeeded, so a failed
 * build is retried on the next push instead of being forgotten.
 */
export function workflowDocument(options: WorkflowOptions): Document {
  const setupNode: Record<string, unknown> = { 'node-version': 20 };
  if (options.manager === 'npm' || options.manager === 'yarn' || options.manager === 'pnpm') {
    setupNode.cache = options.manager;
  }
  const steps: Record<string, unknown>[] = [
    { uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } },
    ...(options.manager === 'pnpm' ? [{ uses: 'pnpm/action-setup@v4' }] : []),
    { uses: 'actions/setup-node@v4', with: setupNode },
    { run: options.install },
    { uses: 'nrwl/nx-set-shas@v4', with: { 'main-branch-name': options.mainBranch } },
    // Nx skips sync generators under CI, so a library reference committed without `nx sync`
    // would build from a stale Dockerfile: fail early instead.
    { name: 'Check that generated files are in sync', run: `${options.exec} nx sync:check` },
    {
      name: 'Build the images of affected Django projects',
      run: `${options.exec} nx affected -t ${options.targetName} --base=$NX_BASE --head=$NX_HEAD`,
    },
  ];
  const doc = new Document({
    name: 'Django images',
    on: { push: { branches: [options.mainBranch] }, pull_request: {} },
    permissions: { contents: 'read', actions: 'read' },
    jobs: { images: { 'runs-on': 'ubuntu-latest', steps } },
  });
  doc.commentBefore =
    ' Written by `nx g docker-django:ci`: builds only the images a change touched.';
  return doc;
}
