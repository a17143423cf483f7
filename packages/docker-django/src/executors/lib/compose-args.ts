import type { ComposeEngine } from './compose-engine';
import type {
  NormalizedBuild,
  NormalizedCommon,
  NormalizedDown,
  NormalizedUp,
} from './normalize-options';
import type { CommandSpec } from './run-compose';

/**
 * Pure functions from normalised options to compose command lines, one per subcommand.
 * Engine differences are asked of the engine adapter (`supports` / `require`); unsupported
 * options fail here, before anything runs.
 */

type GlobalInput = Pick<
  NormalizedCommon,
  'project' | 'composeFile' | 'composeProjectName' | 'profiles' | 'envFiles'
>;

/** `-f <file> -p <name> [--profile p]... [--env-file f]...`: placed before the subcommand. */
export function globalArgs(o: GlobalInput, engine: ComposeEngine): string[] {
  if (o.profiles.length > 0) engine.require('profiles', '--profiles', o.project);
  if (o.envFiles.length > 0) engine.require('envFile', '--envFiles', o.project);
  if (o.envFiles.length > 1) engine.require('multipleEnvFiles', '--envFiles', o.project);
  return [
    '-f',
    o.composeFile,
    '-p',
    o.composeProjectName,
    ...o.profiles.flatMap((p) => ['--profile', p]),
    ...o.envFiles.flatMap((f) => ['--env-file', f]),
  ];
}

export function composeBuildCommand(o: NormalizedBuild, engine: ComposeEngine): CommandSpec {
  return engine.command([
    ...globalArgs(o, engine),
    'build',
    ...(o.pull ? ['--pull'] : []),
    ...(o.noCache ? ['--no-cache'] : []),
    ...o.buildArgs.flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]),
    ...o.args,
    ...o.services,
  ]);
}

export type WaitStrategy = 'none' | 'native' | 'emulated';

/**
 * How compose-up waits for healthy services: compose's own `--wait` when the engine has it
 * (and `--wait-timeout` when a timeout is asked for), else by polling container state.
 */
export function waitStrategy(
  o: Pick<NormalizedUp, 'wait' | 'waitTimeout' | 'attach'>,
  engine: ComposeEngine,
): WaitStrategy {
  if (o.attach || !o.wait) return 'none';
  if (!engine.supports('nativeWait')) return 'emulated';
  if (o.waitTimeout !== undefined && !engine.supports('waitTimeout')) return 'emulated';
  return 'native';
}

export function composeUpCommand(o: NormalizedUp, engine: ComposeEngine): CommandSpec {
  const strategy = waitStrategy(o, engine);
  const mode = o.attach
    ? []
    : [
        '-d',
        ...(strategy === 'native' ? ['--wait'] : []),
        ...(strategy === 'native' && o.waitTimeout !== undefined
          ? ['--wait-timeout', String(o.waitTimeout)]
          : []),
      ];
  return engine.command([
    ...globalArgs(o, engine),
    'up',
    ...mode,
    // build=false passes nothing: compose still builds an image that is missing.
    ...(o.build ? ['--build'] : []),
    ...(o.forceRecreate ? ['--force-recreate'] : []),
    ...(o.removeOrphans ? ['--remove-orphans'] : []),
    ...Object.entries(o.scale ?? {}).flatMap(([service, n]) => ['--scale', `${service}=${n}`]),
    ...o.args,
    ...o.services,
  ]);
}

export function composeDownCommand(o: NormalizedDown, engine: ComposeEngine): CommandSpec {
  if (o.removeOrphans) engine.require('downRemoveOrphans', '--removeOrphans', o.project);
  return engine.command([
    ...globalArgs(o, engine),
    'down',
    ...(o.volumes ? ['--volumes'] : []),
    ...(o.removeOrphans ? ['--remove-orphans'] : []),
    ...(o.timeout !== undefined ? ['-t', String(o.timeout)] : []),
    ...o.args,
  ]);
}

/** Stops the containers (used when an attached `up` is interrupted). */
export function composeStopCommand(
  o: GlobalInput & { services: string[] },
  engine: ComposeEngine,
): CommandSpec {
  return engine.command([...globalArgs(o, engine), 'stop', ...o.services]);
}

/**
 * Lists the project's containers: with `ps --format json` (every state) when the engine
 * has it, else container ids with `ps -q`, to be passed to `inspect`.
 */
export function composePsCommand(o: GlobalInput, engine: ComposeEngine): CommandSpec {
  const listing = engine.supports('psJson') ? ['ps', '--all', '--format', 'json'] : ['ps', '-q'];
  return engine.command([...globalArgs(o, engine), ...listing]);
}

export function composeLogsCommand(
  o: GlobalInput,
  engine: ComposeEngine,
  service: string,
  tail: number,
): CommandSpec {
  return engine.command([...globalArgs(o, engine), 'logs', '--tail', String(tail), service]);
}
