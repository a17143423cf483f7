// The docker-django plugin as Nx loads it from nx.json `plugins`: inferred compose targets
// for Django projects, and the Python dependency edges between workspace projects.
export { createNodes } from './plugins/create-nodes';
export { createDependencies } from './plugins/create-dependencies';
export type { DockerDjangoPluginOptions } from './plugins/plugin-options';

import { createNodes } from './plugins/create-nodes';
// Nx 22 reads createNodesV2, Nx 23 createNodes; both get the same (v2-shaped) pair.
export const createNodesV2 = createNodes;
