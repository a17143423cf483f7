// compose-build's task hash: Nx's hash of the target's inputs, plus the state of the images in
// the engine (nx/image-state.ts), so that a cache hit (which replays a log and starts no
// process) happens only while the engine still holds what the cached run saw.
//
// Why a hasher rather than a `runtime` input: Nx runs a runtime input as one shell per project,
// 20 `docker image inspect` processes for 20 apps on every run-many, which was most of the
// distance to Nx's own floor. Nx calls the hashers of the tasks it is about to run in one
// synchronous loop, so their engine questions share one `docker image inspect`
// (nx/engine-image-ids.ts).
import type { Hash, TaskHasher } from 'nx/src/hasher/task-hasher';
import type { ProjectGraph } from 'nx/src/config/project-graph';
import type { Task, TaskGraph } from 'nx/src/config/task-graph';
import { createHash } from 'node:crypto';
import { batchedImageIds } from '../../nx/engine-image-ids';
import {
  IMAGES_METADATA_KEY,
  imageStateFile,
  imageStateLine,
  readImageStateToken,
} from '../../nx/image-state';

/** The part of Nx's HasherContext this hasher reads (the same in Nx 22 and 23). */
export interface ComposeBuildHasherContext {
  hasher: Pick<TaskHasher, 'hashTask'>;
  projectGraph: ProjectGraph;
  taskGraph: TaskGraph;
  env: NodeJS.ProcessEnv;
}

const imageIdsOf = batchedImageIds();

/** The images the inference plugin recorded for this task's target, or none. */
function imagesOf(task: Task, projectGraph: ProjectGraph): string[] {
  const target = projectGraph.nodes[task.target.project]?.data.targets?.[task.target.target];
  const images: unknown = target?.metadata?.[IMAGES_METADATA_KEY];
  return Array.isArray(images) && images.every((i) => typeof i === 'string') ? images : [];
}

function workspaceRootOf(): string {
  // Nx's own answer, already loaded in the process that hashes; the cwd where it is not.
  try {
    return (require('nx/src/utils/workspace-root') as { workspaceRoot: string }).workspaceRoot;
  } catch {
    return process.cwd();
  }
}

export default async function composeBuildHasher(
  task: Task,
  context: ComposeBuildHasherContext,
  workspaceRoot: string = workspaceRootOf(),
): Promise<Hash> {
  const images = imagesOf(task, context.projectGraph);
  // Asked before the first await, so every task hashed in this pass shares the query.
  const ids =
    images.length > 0 ? imageIdsOf(images, { ...process.env, ...context.env }) : undefined;
  const own = await context.hasher.hashTask(task, context.taskGraph, context.env);
  if (!ids) return own;
  const root = context.projectGraph.nodes[task.target.project]?.data.root ?? '.';
  const token = readImageStateToken(imageStateFile(workspaceRoot, root, context.env));
  const state = imageStateLine(token, images, await ids);
  return {
    ...own,
    value: createHash('sha256').update(`${own.value}\n${state}`).digest('hex'),
    // In `runtime`, not `nodes`: the content tags are named from the nodes (content-tags.ts),
    // and must not change when only the engine did.
    details: { ...own.details, runtime: { ...own.details.runtime, 'docker-django images': state } },
  };
}
