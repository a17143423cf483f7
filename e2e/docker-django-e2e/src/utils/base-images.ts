// The base images the generated projects pull, and which copy of them the suite runs on:
// the offline stand-ins that tools/engine/setup.sh builds (the default here, where no
// registry is reachable), or the official images when DOCKER_DJANGO_E2E_IMAGES=official.
import { docker } from '../../../../tools/testing/engine';
import { log } from '../../../../tools/testing/log';

/** The newest Python the stand-ins and their offline package index serve; the generator's default. */
export const PYTHON_VERSION = '3.13';
/** The Debian 12 based image, kept to prove the generated files build on both slim generations. */
export const OLDER_PYTHON_VERSION = '3.11';
export const POSTGRES_DEFAULT_MAJOR = 18;
export const POSTGRES_OLD_LAYOUT_MAJOR = 17;

export const BASE_IMAGES = [
  `python:${PYTHON_VERSION}-slim`,
  `python:${OLDER_PYTHON_VERSION}-slim`,
  `postgres:${POSTGRES_DEFAULT_MAJOR}`,
  `postgres:${POSTGRES_OLD_LAYOUT_MAJOR}`,
] as const;

export const IMAGES_ENV = 'DOCKER_DJANGO_E2E_IMAGES';
/** The label the engine setup puts on every stand-in (its recipe revision). */
export const STANDIN_LABEL = 'docker-django.standin';

export type ImageSource = 'official' | 'stand-in';

/** The stand-in recipe revision an image carries, or null for any other image (an official one). */
export async function standInRevision(image: string): Promise<string | null> {
  const result = await docker([
    'image',
    'inspect',
    '--format',
    `{{index .Config.Labels "${STANDIN_LABEL}"}}`,
    image,
  ]);
  const value = result.stdout.trim();
  return result.exitCode === 0 && value !== '' && value !== '<no value>' ? value : null;
}

/**
 * With DOCKER_DJANGO_E2E_IMAGES=official, pulls the official images over the stand-ins, so
 * the same suite checks the real thing on a machine that reaches a registry. Where the pull
 * fails (no registry, as on the machine this project is developed on) it says so, loudly,
 * and the suite runs on the stand-ins: nothing is skipped.
 */
export async function prepareBaseImages(): Promise<Record<string, ImageSource>> {
  const wanted = (process.env[IMAGES_ENV] ?? 'stand-in').trim();
  if (wanted !== 'official' && wanted !== 'stand-in' && wanted !== '') {
    throw new Error(`${IMAGES_ENV}="${wanted}": use "official" or "stand-in" (the default).`);
  }
  const sources: Record<string, ImageSource> = {};
  for (const image of BASE_IMAGES) {
    if (wanted === 'official') {
      const pulled = await docker(['pull', '--quiet', image], { timeout: 10 * 60 * 1000 });
      if (pulled.exitCode !== 0) {
        log(
          `!!! ${IMAGES_ENV}=official, but \`docker pull ${image}\` failed (no registry reachable?): ` +
            `this run uses the offline stand-in instead. ${pulled.output.trim().split('\n').pop() ?? ''}`,
        );
      }
    }
    const revision = await standInRevision(image);
    const present =
      (await docker(['image', 'inspect', '--format', '{{.Id}}', image])).exitCode === 0;
    if (!present) {
      throw new Error(
        `Base image ${image} is not in the engine. Run \`npm run engine\` (tools/engine/setup.sh) ` +
          `for the offline stand-ins, or set ${IMAGES_ENV}=official on a machine that reaches a registry.`,
      );
    }
    sources[image] = revision === null ? 'official' : 'stand-in';
  }
  log(
    `base images: ${Object.entries(sources)
      .map(([image, source]) => `${image} (${source})`)
      .join(', ')}`,
  );
  return sources;
}
