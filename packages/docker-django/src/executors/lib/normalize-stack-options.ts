import type { ExecutorContext } from '@nx/devkit';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeProjectName } from '../../nx/compose-project-name';
import { ComposeError, invalidOptionError } from './errors';
import { REGISTRY_ENV } from './registry-ref';

export interface StackExecutorOptions {
  stackFile?: string;
  stackName?: string;
  registry?: string;
  tag?: string;
  withRegistryAuth?: boolean;
  prune?: boolean;
  timeout?: number;
  dryRun?: boolean;
  verbose?: boolean;
}

export interface NormalizedStack {
  project: string;
  target: string;
  projectRoot: string;
  stackFile: string;
  stackName: string;
  registry?: string;
  tag?: string;
  withRegistryAuth: boolean;
  prune: boolean;
  /** Seconds to wait for convergence (deploy) or removal (rm). */
  timeout: number;
  dryRun: boolean;
  verbose: boolean;
}

const STACK_NAME = /^[a-z0-9][a-z0-9_-]*$/;

export function normalizeStackOptions(
  options: StackExecutorOptions,
  context: ExecutorContext,
  defaultTimeout: number,
  env: NodeJS.ProcessEnv = process.env,
): NormalizedStack {
  const project = context.projectName;
  const config = project ? context.projectsConfigurations?.projects?.[project] : undefined;
  if (!project || !config) {
    throw new ComposeError(
      'The stack executors need a project: run them as a target, e.g. `nx run <project>:stack-deploy`.',
    );
  }
  const target = context.targetName ?? 'stack-deploy';
  const stackName = options.stackName || composeProjectName(project);
  if (!STACK_NAME.test(stackName)) {
    throw invalidOptionError(
      project,
      '--stackName',
      stackName,
      'Stack names use lowercase letters, digits, "-" and "_", and start with a letter or digit.',
    );
  }
  const timeout = options.timeout ?? defaultTimeout;
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw invalidOptionError(
      project,
      '--timeout',
      String(timeout),
      'Give a number of seconds above 0.',
    );
  }
  const projectRoot = resolve(context.root, config.root);
  const registry = (options.registry || env[REGISTRY_ENV] || '').replace(/\/+$/, '') || undefined;
  return {
    project,
    target,
    projectRoot,
    stackFile: resolve(projectRoot, options.stackFile || 'stack.yaml'),
    stackName,
    ...(registry ? { registry } : {}),
    ...(options.tag ? { tag: options.tag } : {}),
    withRegistryAuth: options.withRegistryAuth ?? true,
    prune: options.prune ?? false,
    timeout,
    dryRun: options.dryRun ?? false,
    verbose: options.verbose ?? false,
  };
}

export function assertStackFile(o: NormalizedStack): void {
  if (!existsSync(o.stackFile) || !statSync(o.stackFile).isFile()) {
    throw new ComposeError(
      `Project "${o.project}" has no stack file at ${o.stackFile}. Write one with ` +
        `\`nx g docker-django:swarm --project ${o.project}\`, or pass --stackFile.`,
    );
  }
}
