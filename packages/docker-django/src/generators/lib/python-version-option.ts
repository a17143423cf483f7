/**
 * The --pythonVersion the user typed. Nx's argument parser turns `--pythonVersion 3.10` into
 * the number 3.1 before the schema sees it, which would silently build on the wrong Python,
 * so a number is read back from the command line as typed.
 */
export function pythonVersionOption(
  value: string | number | undefined,
  argv: string[] = process.argv,
): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  const flags = ['--pythonVersion', '--python-version'];
  for (let i = 0; i < argv.length; i++) {
    for (const flag of flags) {
      if (argv[i] === flag && i + 1 < argv.length) return argv[i + 1];
      if (argv[i].startsWith(`${flag}=`)) return argv[i].slice(flag.length + 1);
    }
  }
  return String(value);
}
