// Python distribution names: PEP 503 normalisation and the name of a PEP 508 requirement.

/** PEP 503 normalisation: lowercase, runs of `-`, `_` and `.` become one `-` ('Django_Environ' → 'django-environ'). */
export function normalizePythonName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';

/** The normalised distribution name of a PEP 508 requirement ('gunicorn[gevent]>=22 ; python_version>"3"'). */
export function requirementName(requirement: string): string | null {
  const match = new RegExp(`^\\s*(${NAME})`).exec(requirement);
  return match === null ? null : normalizePythonName(match[1]);
}

/** `name[extras] @ url ; marker` (PEP 508 direct reference) → name (as written) and url. */
export function readDirectReference(spec: string): { name: string; url: string } | undefined {
  const match = new RegExp(`^(${NAME})\\s*(?:\\[[^\\]]*\\])?\\s*@\\s*(\\S+)`).exec(spec.trim());
  return match ? { name: match[1], url: match[2] } : undefined;
}

/** The release a PEP 508 requirement pins exactly: `name[x]==1.2.3 ; marker` → '1.2.3'; null for a range or a wildcard. */
export function exactPin(spec: string): string | null {
  const [requirement] = spec.split(';');
  for (const clause of requirement.split(',')) {
    const release = /^\s*(?:[A-Za-z0-9._-]+\s*(?:\[[^\]]*\])?\s*)?==\s*(\d+(?:\.\d+)*)\s*$/.exec(
      clause,
    )?.[1];
    if (release !== undefined) return release;
  }
  return null;
}
