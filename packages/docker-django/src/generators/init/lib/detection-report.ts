import { describePythonChoice } from '../../../python/python-choice';
import type { NormalizedInitOptions } from '../../lib/normalize-options';

/**
 * What the generator found and why, in the order a reader checks it: the settings the image
 * runs, the entry point and server, Python and where its version came from, the dependency
 * manager, the system packages and who needs them, the environment the settings need.
 */
export function detectionReport(options: NormalizedInitOptions): string {
  const { layout, dependencies, systemPackages, environment } = options;
  const lines = [`[docker-django] ${options.projectName}: what detection found`];
  lines.push(
    `  Settings: ${layout.imageSettingsModule} (${layout.imageSettingsReason}); ` +
      'pass --settingsModule to choose another.',
  );
  if (layout.entryPoint) {
    lines.push(
      `  App: ${layout.entryPoint.module}:${layout.entryPoint.callable} (${layout.entryPoint.reason})` +
        (options.appServer
          ? `, served by ${options.appServer.server}: ${options.appServer.reason}`
          : ''),
    );
  }
  lines.push(`  ${describePythonChoice(options.pythonChoice, options.projectRoot).summary}`);
  lines.push(
    dependencies
      ? `  Dependencies: ${dependencies.file}` +
          (dependencies.lockFile ? ` with ${dependencies.lockFile}` : '') +
          ` (${dependencies.manager})`
      : '  Dependencies: none found; requirements.txt is created',
  );
  for (const reason of systemPackages.reasons) {
    const packages = [...reason.build, ...reason.runtime];
    if (packages.length)
      lines.push(
        `  System packages: ${packages.join(' ')} for ${reason.dependency} (${reason.why})`,
      );
  }
  lines.push(
    `  Static files: ${options.collectStatic ? 'collected at build time' : 'not collected at build time'}, because ${layout.staticFiles.reason}.`,
  );
  for (const need of environment.needs) {
    const where = environment.fromSecretFile.includes(need.name)
      ? 'compose feeds it from secrets/django-secret-key.txt'
      : environment.databaseUrls.includes(need.name)
        ? 'the container settings build it for the db service'
        : need.name in environment.compose
          ? `compose sets ${environment.compose[need.name]}`
          : need.name in environment.dotenv
            ? '.env holds a placeholder'
            : 'compose sets it';
    lines.push(`  Environment: ${need.name} (${need.reason}); ${where}.`);
  }
  return lines.join('\n');
}
