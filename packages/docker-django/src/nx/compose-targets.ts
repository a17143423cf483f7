import type { TargetConfiguration } from '@nx/devkit';

export interface ComposeTargetNames {
  buildTargetName: string;
  upTargetName: string;
  downTargetName: string;
}

export const DEFAULT_TARGET_NAMES: ComposeTargetNames = {
  buildTargetName: 'compose-build',
  upTargetName: 'compose-up',
  downTargetName: 'compose-down',
};

/**
 * The compose targets of a Django project, shared by the init generator (written into
 * project.json) and the inference plugin (inferred), so both give the same targets.
 */
export function composeTargets(
  projectRoot: string,
  names: ComposeTargetNames = DEFAULT_TARGET_NAMES,
): Record<string, TargetConfiguration> {
  return {
    [names.buildTargetName]: {
      executor: 'docker-django:compose-build',
      options: {},
      // Before a build, the app's build context follows the workspace libraries it installs.
      syncGenerators: ['docker-django:sync'],
      metadata: {
        description: `Builds the images of ${projectRoot}/compose.yaml with docker compose build.`,
        technologies: ['docker', 'django'],
      },
    },
    [names.upTargetName]: {
      executor: 'docker-django:compose-up',
      // Forwarded, so `compose-up --dryRun` builds nothing either and `--services` builds only those.
      dependsOn: [{ target: names.buildTargetName, params: 'forward' }],
      options: {},
      metadata: {
        description: `Starts the stack of ${projectRoot}/compose.yaml and waits until it is healthy.`,
        technologies: ['docker', 'django'],
      },
    },
    [names.downTargetName]: {
      executor: 'docker-django:compose-down',
      options: {},
      metadata: {
        description: `Stops and removes the stack of ${projectRoot}/compose.yaml; volumes are kept unless --volumes.`,
        technologies: ['docker', 'django'],
      },
    },
  };
}
