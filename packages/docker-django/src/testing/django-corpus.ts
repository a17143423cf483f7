// The corpus of public Django project shapes (e2e/django-corpus): where it is and how
// corpus.json reads. Shared by the detection spec and `npm run corpus:score`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const corpusDir = join(__dirname, '../../../../e2e/django-corpus');

/** One field an expert decided: the value, others they could defend, packages that must be there. */
export interface Expected {
  value: unknown;
  accept?: unknown[];
  required?: string[];
}

export interface CorpusProject {
  slug: string;
  /** The folder of the repository that would be the Nx project root. */
  projectRoot: string;
  expected: Record<string, Expected>;
}

export function readCorpus(): CorpusProject[] {
  const corpus = JSON.parse(readFileSync(join(corpusDir, 'corpus.json'), 'utf-8')) as {
    projects: CorpusProject[];
  };
  return corpus.projects;
}
