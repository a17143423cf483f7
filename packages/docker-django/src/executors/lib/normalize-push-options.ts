import type { ExecutorContext } from '@nx/devkit';
import { COMPOSE_EXECUTORS, DEFAULT_TARGET_NAMES, targetNameFor } from '../../nx/compose-targets';
import { invalidOptionError } from './errors';
import {
  composeOptionsNormalizer,
  type ComposeCommonOptions,
  type NormalizedCommon,
} from './normalize-options';
import { noRegistryError } from './registry-errors';
import { parseRegistry, REGISTRY_ENV, TAG, type RegistryTarget } from './registry-ref';

export interface ComposePushOptions extends ComposeCommonOptions {
  registry?: string;
  services?: string[];
  tag?: string;
  commitTag?: boolean;
}

export interface NormalizedPush extends NormalizedCommon {
  registry: RegistryTarget;
  /** Where the registry came from, for the log: option, environment or nx.json. */
  registrySource: string;
  services: string[];
  /** The moving tag, or undefined when `tag` is ''. */
  movingTag: string | undefined;
  commitTag: boolean;
  /** The project's build target as it is named there (for its task hash and messages). */
  buildTarget: string;
}

/** The `registry` option of the docker-django entry in nx.json `plugins`, if any. */
export function pluginRegistry(context: ExecutorContext): string | undefined {
  for (const entry of context.nxJsonConfiguration?.plugins ?? []) {
    if (typeof entry === 'string' || entry.plugin !== 'docker-django') continue;
    const registry = (entry.options as { registry?: unknown } | undefined)?.registry;
    if (typeof registry === 'string' && registry !== '') return registry;
  }
  return undefined;
}

/** The registry: the target's option, else DOCKER_DJANGO_REGISTRY, else the plugin option. */
export const normalizePushOptions = composeOptionsNormalizer<ComposePushOptions, NormalizedPush>(
  (options, common, context, env) => {
    const candidates: Array<[string | undefined, string]> = [
      [options.registry, '--registry'],
      [env[REGISTRY_ENV], REGISTRY_ENV],
      [pluginRegistry(context), 'the plugin option in nx.json'],
    ];
    const [value, registrySource] = candidates.find(
      ([v]) => v !== undefined && v.trim() !== '',
    ) ?? [undefined, ''];
    if (value === undefined) throw noRegistryError(common.project, common.target);
    const tag = options.tag ?? 'latest';
    if (tag !== '' && (!TAG.test(tag) || tag.startsWith('nx-') || tag.startsWith('sha-')))
      throw invalidOptionError(
        common.project,
        '--tag',
        tag,
        'A tag is letters, digits, "_", "." and "-" (at most 128, not starting with "." or "-"); ' +
          'nx-* and sha-* are the content and commit tags compose-push writes itself.',
      );
    const config = context.projectsConfigurations?.projects?.[common.project];
    return {
      registry: parseRegistry(value, common.project),
      registrySource,
      services: (options.services ?? []).filter(Boolean),
      movingTag: tag === '' ? undefined : tag,
      commitTag: options.commitTag !== false,
      buildTarget: targetNameFor(
        config?.targets,
        COMPOSE_EXECUTORS.build,
        DEFAULT_TARGET_NAMES.buildTargetName,
      ),
    };
  },
);
