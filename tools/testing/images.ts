// Facts about images in the shared engine, and removing the tags a test or benchmark made.
import { docker } from './engine';
import { log } from './log';
import { describeFailure } from './run';

/** The ID of an image reference, or null when the engine has no such image. */
export async function imageId(reference: string): Promise<string | null> {
  const result = await docker(['image', 'inspect', '--format', '{{.Id}}', reference]);
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** The `repository:tag` names of one image (by tag or ID), sorted, or [] when it is not in the engine. */
export async function tagsOfImage(reference: string): Promise<string[]> {
  const result = await docker(['image', 'inspect', '--format', '{{json .RepoTags}}', reference]);
  if (result.exitCode !== 0) return [];
  return ((JSON.parse(result.stdout) as string[] | null) ?? []).sort();
}

/** Every `repository:tag` the engine holds for `repository` (untagged `<none>` ones left out). */
export async function imageTags(repository: string): Promise<string[]> {
  const result = await docker(['image', 'ls', repository, '--format', '{{.Repository}}:{{.Tag}}']);
  if (result.exitCode !== 0) throw new Error(describeFailure(result, 'docker image ls failed'));
  return result.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.endsWith(':<none>'));
}

export async function imageSize(reference: string): Promise<number> {
  return Number(await inspect(reference, '{{.Size}}'));
}

export async function imageLayers(reference: string): Promise<number> {
  return Number(await inspect(reference, '{{len .RootFS.Layers}}'));
}

async function inspect(reference: string, format: string): Promise<string> {
  const result = await docker(['image', 'inspect', '-f', format, reference]);
  if (result.exitCode !== 0)
    throw new Error(describeFailure(result, 'docker image inspect failed'));
  return result.stdout.trim();
}

/**
 * Removes the tags of `repositories` (`<app>:latest`, `<app>:nx-<hash>`, ...), by tag, never
 * by ID: an ID could also carry a tag someone else made. `only` keeps the tags to remove;
 * `force` untags even while a container uses the image. Best effort: logs what failed.
 */
export async function removeImageTags(
  repositories: Iterable<string>,
  options: { force?: boolean; only?: (tag: string) => boolean } = {},
): Promise<void> {
  for (const repository of repositories) {
    const listed = await imageTags(repository).catch((error: Error) => {
      log(`listing images of ${repository} failed: ${error.message}`);
      return [] as string[];
    });
    const tags = options.only ? listed.filter(options.only) : listed;
    if (tags.length === 0) continue;
    const removed = await docker(['image', 'rm', ...(options.force ? ['-f'] : []), ...tags]);
    if (removed.exitCode !== 0)
      log(`docker image rm ${tags.join(' ')} failed: ${removed.output.trim()}`);
  }
}
