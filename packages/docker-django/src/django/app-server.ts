// The server that runs the entry point, and its command line: the one the project already
// depends on, else gunicorn (with uvicorn's worker for ASGI).
import { requirementName } from '../python/names';
import type { EntryPoint } from './detect-django-layout';

export type AppServer =
  'gunicorn' | 'gunicorn+uvicorn-worker' | 'uvicorn' | 'daphne' | 'granian' | 'hypercorn';

export interface AppServerChoice {
  server: AppServer;
  /** Why, for the generator to print. */
  reason: string;
  /** Distributions the image must install for the command to run ('gunicorn', 'uvicorn'). */
  packages: string[];
  /** The run command in exec form. */
  command: string[];
}

/** Channels before 4 depends on daphne (the server it is written for); 4 no longer does. */
function channelsBringsDaphne(requirements: string[]): boolean {
  return requirements.some(
    (spec) => requirementName(spec) === 'channels' && /(~=|==|<=?|>=?)\s*[123](\.|\b)/.test(spec),
  );
}

/**
 * Chooses the server for `entry` from the project's production requirements (PEP 508 text,
 * see python/dependency-details.ts). WSGI: gunicorn, or granian when the project depends on it
 * and not on gunicorn. ASGI: gunicorn with uvicorn's worker when
 * the project has both, else the ASGI server it depends on (uvicorn, granian, daphne — also
 * through Channels 2/3 —, hypercorn), else gunicorn with uvicorn's worker, both added.
 * `pythonPath` holds folders (relative to manage.py's) the app imports from.
 */
export function chooseAppServer(
  entry: EntryPoint,
  requirements: string[],
  port: number,
  pythonPath: string[] = [],
): AppServerChoice {
  const target = `${entry.module}:${entry.callable}`;
  const names = new Set(requirements.map(requirementName).filter((n) => n !== null));
  const has = (name: string) => names.has(name);
  const gunicorn = (worker: string | null, reason: string, packages: string[]) => ({
    server: (worker === null ? 'gunicorn' : 'gunicorn+uvicorn-worker') as AppServer,
    reason,
    packages,
    command: [
      'gunicorn',
      target,
      ...(worker === null ? [] : [`--worker-class=${worker}`]),
      `--bind=0.0.0.0:${port}`,
      ...pythonPath.map((p) => `--pythonpath=${p}`),
      '--access-logfile=-',
    ],
  });
  // granian serves WSGI too; a project that chose it and not gunicorn keeps it. It has no
  // --pythonpath, so folders the app imports from keep gunicorn.
  if (entry.kind === 'wsgi' && has('granian') && !has('gunicorn') && pythonPath.length === 0) {
    return {
      server: 'granian',
      reason: 'granian is a dependency (no gunicorn): it serves the WSGI application',
      packages: ['granian'],
      command: ['granian', '--interface=wsgi', '--host=0.0.0.0', `--port=${port}`, target],
    };
  }
  if (entry.kind === 'wsgi') {
    return gunicorn(
      null,
      has('gunicorn') ? 'gunicorn is a dependency' : 'a WSGI application; gunicorn added',
      ['gunicorn'],
    );
  }
  // The worker moved out of uvicorn into the uvicorn-worker distribution (uvicorn 0.30).
  const worker = has('uvicorn-worker')
    ? 'uvicorn_worker.UvicornWorker'
    : 'uvicorn.workers.UvicornWorker';
  if (has('gunicorn') && (has('uvicorn') || has('uvicorn-worker'))) {
    return gunicorn(
      worker,
      'gunicorn and uvicorn are dependencies: gunicorn runs uvicorn workers',
      ['gunicorn', has('uvicorn-worker') ? 'uvicorn-worker' : 'uvicorn'],
    );
  }
  const host = '0.0.0.0';
  if (has('uvicorn')) {
    return {
      server: 'uvicorn',
      reason: 'uvicorn is a dependency',
      packages: ['uvicorn'],
      command: [
        'uvicorn',
        target,
        `--host=${host}`,
        `--port=${port}`,
        ...pythonPath.map((p) => `--app-dir=${p}`),
      ],
    };
  }
  if (has('granian')) {
    return {
      server: 'granian',
      reason: 'granian is a dependency',
      packages: ['granian'],
      command: ['granian', '--interface=asgi', `--host=${host}`, `--port=${port}`, target],
    };
  }
  if (has('daphne') || channelsBringsDaphne(requirements)) {
    return {
      server: 'daphne',
      reason: has('daphne') ? 'daphne is a dependency' : 'Channels before 4 brings daphne',
      packages: ['daphne'],
      command: ['daphne', `--bind=${host}`, `--port=${port}`, target],
    };
  }
  if (has('hypercorn')) {
    return {
      server: 'hypercorn',
      reason: 'hypercorn is a dependency',
      packages: ['hypercorn'],
      command: ['hypercorn', `--bind=${host}:${port}`, target],
    };
  }
  return gunicorn(worker, 'an ASGI application and no ASGI server among the dependencies', [
    'gunicorn',
    'uvicorn',
  ]);
}
