// The engine's image ids for compose-build's task hashes, asked for in one `docker image
// inspect` per hashing pass instead of one process per project. Nx hashes the tasks it is about
// to run together (every scheduled task's hasher is called in one synchronous loop), so the
// requests that arrive before the next turn of the event loop share one query. Nothing is
// remembered after that query: every hash reflects an engine answer given after it was asked
// for, so a deleted image is always a miss.
import { execFile } from 'node:child_process';

/** Image reference → its id, or undefined when the engine does not hold it (or did not say). */
export type ImageIds = ReadonlyMap<string, string | undefined>;

export type InspectImages = (refs: readonly string[], env: NodeJS.ProcessEnv) => Promise<ImageIds>;

interface PendingQuery {
  refs: Set<string>;
  answer: Promise<ImageIds>;
}

export interface InspectAnswer {
  ids: ImageIds;
  /** Whether the answer could be read: else no ref has an id, and none is known to be missing. */
  understood: boolean;
}

/** `docker image inspect` prints found ids in argument order, and names each missing ref. */
export function readInspectOutput(
  refs: readonly string[],
  stdout: string,
  stderr: string,
): InspectAnswer {
  const ids = stdout.split(/\r?\n/).filter((line) => line.trim() !== '');
  const missing = new Set(
    refs.filter((ref) => stderr.toLowerCase().includes(`no such image: ${ref.toLowerCase()}`)),
  );
  const found = refs.filter((ref) => !missing.has(ref));
  // Any other shape (an engine that is down, a message we do not know) is not understood.
  const understood =
    ids.length === found.length && ids.every((id) => /^sha256:[0-9a-f]+$/.test(id));
  return {
    ids: new Map(refs.map((ref) => [ref, understood ? ids[found.indexOf(ref)] : undefined])),
    understood,
  };
}

/**
 * The ids of `refs`; a ref the engine does not hold has none. When the output cannot be read no
 * ref gets an id, which makes every hash of the pass a miss; the executor then checks itself.
 */
export function parseInspectOutput(
  refs: readonly string[],
  stdout: string,
  stderr: string,
): ImageIds {
  return readInspectOutput(refs, stdout, stderr).ids;
}

/** One `docker image inspect` of every ref (the CLI honours DOCKER_HOST and the context). */
export const inspectWithDockerCli: InspectImages = (refs, env) =>
  new Promise((resolve) => {
    execFile(
      'docker',
      ['image', 'inspect', '--format', '{{.Id}}', ...refs],
      { encoding: 'utf-8', env, maxBuffer: 16 * 1024 * 1024, windowsHide: true },
      (_error, stdout, stderr) => resolve(parseInspectOutput(refs, stdout ?? '', stderr ?? '')),
    );
  });

/** Which engine a docker CLI started with `env` talks to (tasks may differ: a project's .env). */
function engineOf(env: NodeJS.ProcessEnv): string {
  return JSON.stringify(
    Object.entries(env)
      .filter(([name]) => name.startsWith('DOCKER_'))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/**
 * A function that gives the ids of `refs` in the engine `env` points at, batching every call
 * for the same engine made before the next turn of the event loop into one `inspect` call.
 */
export function batchedImageIds(inspect: InspectImages = inspectWithDockerCli) {
  const pending = new Map<string, PendingQuery>();
  return (refs: readonly string[], env: NodeJS.ProcessEnv): Promise<ImageIds> => {
    const engine = engineOf(env);
    let query = pending.get(engine);
    if (!query) {
      const started: PendingQuery = { refs: new Set(), answer: Promise.resolve(new Map()) };
      started.answer = new Promise((resolve) =>
        setImmediate(() => {
          // Later calls start a new query: an answer is never reused once it was asked.
          pending.delete(engine);
          inspect([...started.refs], env).then(resolve, () =>
            resolve(new Map([...started.refs].map((ref) => [ref, undefined]))),
          );
        }),
      );
      pending.set(engine, started);
      query = started;
    }
    for (const ref of refs) query.refs.add(ref);
    return query.answer;
  };
}
