import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { cleanEnv } from '../../../../tools/testing/env';
import { isTruthy, log } from '../../../../tools/testing/log';
import { e2eTmpRoot, pluginDistDir, repoRoot } from '../../../../tools/testing/paths';
import { runOrThrow } from '../../../../tools/testing/run';
import { timed } from '../../../../tools/testing/timing';
import { prepareBaseImages } from './base-images';
import { PLUGIN_TARBALL_ENV, pluginInfoFile } from './plugin-package';

/**
 * Once per run: build the plugin (unless E2E_SKIP_BUILD says dist/ is current, or
 * E2E_PLUGIN_TGZ names a tarball to test), pack it the way npm publishes it, and hand the
 * tarball's path to the test files. First the base images: the official ones when
 * DOCKER_DJANGO_E2E_IMAGES=official and a registry answers, else the offline stand-ins.
 */
export default async function globalSetup(): Promise<void> {
  mkdirSync(e2eTmpRoot, { recursive: true });
  await prepareBaseImages();

  const given = process.env[PLUGIN_TARBALL_ENV];
  if (given && given.trim() !== '') {
    const tarball = isAbsolute(given) ? given : resolve(repoRoot, given);
    if (!existsSync(tarball)) throw new Error(`${PLUGIN_TARBALL_ENV}="${given}" does not exist.`);
    record(tarball);
    log(`testing the given tarball ${tarball}`);
    return;
  }

  if (isTruthy(process.env.E2E_SKIP_BUILD)) {
    log('E2E_SKIP_BUILD is set: using dist/packages/docker-django as built');
  } else {
    // A fresh nx, not this task's: the NX_TASK_* variables of `nx run docker-django-e2e:e2e`
    // would otherwise leak into the nested `nx run docker-django:build`.
    await timed('build the plugin (npm run build)', () =>
      runOrThrow('npm', ['run', 'build'], {
        cwd: repoRoot,
        env: cleanEnv(),
        timeout: 10 * 60 * 1000,
      }),
    );
  }
  if (!existsSync(join(pluginDistDir, 'package.json'))) {
    throw new Error(
      `${pluginDistDir}/package.json is missing: the plugin is not built. Run \`npm run build\`.`,
    );
  }

  for (const old of readdirSync(e2eTmpRoot).filter((f) => /^docker-django-.*\.tgz$/.test(f))) {
    rmSync(join(e2eTmpRoot, old), { force: true });
  }
  const packed = await timed('pack the plugin (npm pack)', () =>
    runOrThrow('npm', ['pack', pluginDistDir, '--pack-destination', e2eTmpRoot, '--json'], {
      cwd: repoRoot,
      env: cleanEnv(),
      timeout: 5 * 60 * 1000,
    }),
  );
  const [entry] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
  // npm names scoped packages `scope-name-x.y.z.tgz`; the filename it reports is the one on disk.
  const tarball = join(e2eTmpRoot, entry.filename.replace(/^@/, '').replace(/\//g, '-'));
  if (!existsSync(tarball))
    throw new Error(`npm pack reported ${entry.filename}, but ${tarball} does not exist.`);
  record(tarball);
  log(`packed ${tarball}`);
}

function record(tarball: string): void {
  process.env[PLUGIN_TARBALL_ENV] = tarball;
  writeFileSync(
    pluginInfoFile,
    JSON.stringify({ tarball, packedAt: new Date().toISOString() }, null, 2) + '\n',
  );
}
