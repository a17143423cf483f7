import { Document } from 'yaml';
import { OFFICIAL_IMAGES_CRON, officialImagesJob } from './official-images-job';
import { registryPushSteps, type RegistryPush } from './registry-push-steps';

// With the scheduled job, the affected build keeps to the events that bring a change.
const CHANGE_EVENTS = "github.event_name == 'push' || github.event_name == 'pull_request'";

export interface WorkflowOptions {
  mainBranch: string;
  targetName: string;
  install: string;
  exec: string;
  manager: string;
  /** Adds the scheduled official-images job, with the compose-up and compose-down target names. */
  officialImages?: { upTarget: string; downTarget: string };
  /** Pushes the affected images to a registry after the build (main branch pushes only). */
  registry?: RegistryPush;
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
  // Fresh objects per job: a shared one would be written as a YAML anchor and alias.
  const setupSteps = () => [
    ...(options.manager === 'pnpm' ? [{ uses: 'pnpm/action-setup@v4' }] : []),
    { uses: 'actions/setup-node@v4', with: { ...setupNode } },
  ];
  const steps: Record<string, unknown>[] = [
    { uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } },
    ...setupSteps(),
    { run: options.install },
    { uses: 'nrwl/nx-set-shas@v4', with: { 'main-branch-name': options.mainBranch } },
    // Nx skips sync generators under CI, so a library reference committed without `nx sync`
    // would build from a stale Dockerfile: fail early instead.
    { name: 'Check that generated files are in sync', run: `${options.exec} nx sync:check` },
    {
      name: 'Build the images of affected Django projects',
      run: `${options.exec} nx affected -t ${options.targetName} --base=$NX_BASE --head=$NX_HEAD`,
    },
    ...(options.registry
      ? registryPushSteps(
          options.registry,
          options.exec,
          `github.event_name == 'push' && github.ref == 'refs/heads/${options.mainBranch}'`,
        )
      : []),
  ];
  const official = options.officialImages;
  const images = official
    ? { if: CHANGE_EVENTS, 'runs-on': 'ubuntu-latest', steps }
    : { 'runs-on': 'ubuntu-latest', steps };
  const doc = new Document({
    name: 'Django images',
    on: {
      push: { branches: [options.mainBranch] },
      pull_request: {},
      ...(official ? { schedule: [{ cron: OFFICIAL_IMAGES_CRON }], workflow_dispatch: {} } : {}),
    },
    permissions: { contents: 'read', actions: 'read' },
    jobs: {
      images,
      ...(official
        ? {
            'official-images': officialImagesJob({
              buildTarget: options.targetName,
              upTarget: official.upTarget,
              downTarget: official.downTarget,
              install: options.install,
              exec: options.exec,
              setupSteps: setupSteps(),
            }),
          }
        : {}),
    },
  });
  doc.commentBefore =
    ' Written by `nx g docker-django:ci`: builds only the images a change touched' +
    (options.registry ? ',\n and on the main branch pushes them to the registry.' : '.') +
    (official
      ? '\n Weekly and on demand (Actions > Run workflow), official-images pulls the current base' +
        '\n images, builds every Django image and starts each stack until healthy.'
      : '');
  return doc;
}
