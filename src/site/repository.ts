/**
 * The project's source repository: the one setting behind the site header's "Source code" link and
 * the chapters' links to code and benchmarks. Set CELL_STATE_REPOSITORY when building to point them at
 * a fork or a mirror. The default is a placeholder until the project has a public home (README.md says how to
 * set it before publishing).
 */
export const DEFAULT_REPOSITORY_URL = 'https://github.com/cell-state/cell-state';

/** Branch that file links point into. */
const BRANCH = 'main';

/** The repository's web address: CELL_STATE_REPOSITORY when set, else the default; no trailing slash. */
export function repositoryUrl(env: Record<string, string | undefined> = process.env): string {
  const value = env.CELL_STATE_REPOSITORY?.trim() || DEFAULT_REPOSITORY_URL;
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(value)) {
    throw new Error(`CELL_STATE_REPOSITORY must be an http(s) address such as ${DEFAULT_REPOSITORY_URL}, got "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

/** Web address of a file or folder in the repository, e.g. sourceUrl('bench/') for the benchmarks. */
export function sourceUrl(path: string, base: string = repositoryUrl()): string {
  const clean = path.replace(/^\/+/, '');
  const kind = clean === '' || clean.endsWith('/') ? 'tree' : 'blob';
  return `${base}/${kind}/${BRANCH}/${clean.replace(/\/+$/, '')}`;
}
