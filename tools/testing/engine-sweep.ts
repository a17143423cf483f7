// The sweep that removes every container, network, volume and image a run created, found by
// the run's unique name prefix (see uniqueName) and the label of its builds.
import { docker } from './engine';
import { imageId } from './images';
import { log } from './log';

/** What registers a cleanup step (the benchmarks' Cleanup; anything with `add`). */
export interface CleanupRegistry {
  add(label: string, fn: () => Promise<void> | void): void;
}

/**
 * Everything a run creates in the engine carries its prefix (compose project names, image
 * repositories); image ids that lost their tag on a rebuild are tracked by id. `sweep()`
 * removes all of it; `register()` makes it run on exit, failure or interruption.
 */
export class EngineSweep {
  private readonly imageIds = new Set<string>();
  private readonly composeProjects = new Set<string>();
  /** `<kind>.run` for a prefix `<kind>-...` (`bench.run` for the benchmarks). */
  readonly label: string;

  constructor(readonly prefix: string) {
    // A short or shared prefix would sweep other people's objects: only uniqueName()'s shape.
    if (!/^[a-z0-9]+-[a-z0-9-]*[0-9a-f]{6}$/.test(prefix))
      throw new Error(
        `Engine sweep prefix "${prefix}" is not a unique run name (<kind>-<label>-<6 hex>).`,
      );
    this.label = `${prefix.split('-')[0]}.run`;
  }

  register(cleanup: CleanupRegistry): this {
    cleanup.add(`remove engine objects ${this.prefix}*`, () => this.sweep());
    return this;
  }

  /** A compose project name this run uses (must carry the prefix). */
  composeProject(name: string): string {
    if (!name.startsWith(this.prefix))
      throw new Error(`Compose project ${name} lacks the run prefix ${this.prefix}.`);
    this.composeProjects.add(name);
    return name;
  }

  /** `--label <kind>.run=<prefix>` for a `docker build`, so even untagged results are found. */
  labelArgs(): string[] {
    return ['--label', `${this.label}=${this.prefix}`];
  }

  /** Remembers the image `ref` points at now, so it is removed even once a rebuild untags it. */
  async track(ref: string): Promise<void> {
    const id = await imageId(ref);
    if (id) this.imageIds.add(id);
  }

  async sweep(): Promise<void> {
    const mine = (name: string) => name.startsWith(this.prefix);
    const projects = new Set<string>();
    const ps = await docker([
      'ps',
      '-a',
      '--format',
      '{{.ID}} {{.Label "com.docker.compose.project"}} {{.Names}}',
    ]);
    const containers: string[] = [];
    for (const line of ps.stdout.split('\n').filter(Boolean)) {
      const [id, project, names] = line.split(' ');
      if (mine(project ?? '') || mine(names ?? '')) {
        containers.push(id);
        if (project) projects.add(project);
      }
    }
    if (containers.length > 0) await docker(['rm', '-f', '-v', ...containers]);
    const networks = await docker(['network', 'ls', '--format', '{{.ID}} {{.Name}}']);
    const netIds = networks.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' '))
      .filter(([, name]) => mine(name ?? ''))
      .map(([id]) => id);
    if (netIds.length > 0) await docker(['network', 'rm', ...netIds]);
    const volumes = await docker(['volume', 'ls', '--format', '{{.Name}}']);
    const volNames = volumes.stdout.split('\n').filter((v) => v && mine(v));
    if (volNames.length > 0) await docker(['volume', 'rm', '-f', ...volNames]);
    const images = await docker([
      'image',
      'ls',
      '-a',
      '--format',
      '{{.ID}} {{.Repository}}:{{.Tag}}',
    ]);
    const refs: string[] = [];
    const untagged: string[] = [];
    for (const line of images.stdout.split('\n').filter(Boolean)) {
      const [id, ref] = line.split(' ');
      if (!id || !ref) continue;
      const tagAt = ref.lastIndexOf(':');
      if (!ourRepository(ref.slice(0, tagAt), mine)) continue;
      // A pushed image whose tag moved keeps its repository by digest (`repo:<none>`): only its
      // id removes it.
      if (ref.slice(tagAt + 1) === '<none>') untagged.push(id);
      else refs.push(ref);
    }
    if (refs.length > 0) await docker(['image', 'rm', '-f', ...refs]);
    if (untagged.length > 0) await docker(['image', 'rm', ...new Set(untagged)]);
    // Untagged images of this run: by the label of our docker builds and by the compose
    // project label compose puts on the images it builds.
    const filters = [`label=${this.label}=${this.prefix}`];
    for (const project of [...projects, ...this.composeProjects])
      filters.push(`label=com.docker.compose.project=${project}`);
    for (const filter of new Set(filters)) {
      const ids = (await docker(['image', 'ls', '-a', '-q', '--filter', filter])).stdout
        .split('\n')
        .filter(Boolean);
      if (ids.length > 0) await docker(['image', 'rm', ...new Set(ids)]);
    }
    // Untagged leftovers of rebuilds; an id still used by another tag is refused, which is fine.
    for (const id of this.imageIds) {
      const left = await docker(['image', 'inspect', '-f', '{{len .RepoTags}}', id]);
      if (left.exitCode === 0 && left.stdout.trim() === '0') await docker(['image', 'rm', id]);
    }
    const remaining = (await docker(['image', 'ls', '--format', '{{.Repository}}'])).stdout
      .split('\n')
      .filter((r) => r && ourRepository(r, mine));
    if (remaining.length > 0) log(`WARNING: images left behind: ${remaining.join(', ')}`);
  }
}

/**
 * Whether an image repository is the run's: named with its prefix, bare or under a registry
 * host and namespace (`127.0.0.1:5000/<prefix>/<prefix>-blog`, what a registry push tags).
 */
function ourRepository(repository: string, mine: (name: string) => boolean): boolean {
  return repository.split('/').some(mine);
}
