import { getProjects, joinPathFragments, type Tree } from '@nx/devkit';
import { COMPOSE_FILE_NAMES } from '../../nx/compose-targets';
import { deploymentModel, type DeploymentModel } from './deployment-model';

export interface ProjectDeployment {
  root: string;
  model: DeploymentModel;
}

/**
 * The deployment model of an Nx project, read from the compose file init wrote in its root.
 * Throws before anything is written when the project or its compose file is missing.
 */
export function readProjectDeployment(
  tree: Tree,
  projectName: string | undefined,
): ProjectDeployment {
  const projects = getProjects(tree);
  const project = projectName ? projects.get(projectName) : undefined;
  if (!projectName || !project) {
    const known = [...projects.keys()].sort().join(', ') || 'none';
    throw new Error(
      `Project "${projectName ?? ''}" is not in this workspace (projects: ${known}). Pass --project with one of them.`,
    );
  }
  const name = COMPOSE_FILE_NAMES.find((file) =>
    tree.isFile(joinPathFragments(project.root, file)),
  );
  if (!name) {
    throw new Error(
      `Project "${projectName}" has no compose.yaml in ${project.root}. Run \`nx g docker-django:init --project ${projectName}\` first.`,
    );
  }
  const file = joinPathFragments(project.root, name);
  return {
    root: project.root,
    model: deploymentModel(tree.read(file, 'utf-8') ?? '', file, projectName),
  };
}
