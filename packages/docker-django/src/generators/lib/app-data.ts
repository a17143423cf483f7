/**
 * Where the image keeps what Django writes at run time, each on a named volume compose mounts
 * (issue 9 item 11): the volume starts as a copy of the image's empty folder, so it belongs to
 * appuser, and it outlives `compose-down` and every rebuild. Everything else in the image is
 * root's and read-only to the app.
 */
export const APP_DATA = {
  media: { dir: '/data/media', volume: 'media', env: 'DJANGO_MEDIA_ROOT' },
  sqlite: { dir: '/data/sqlite', volume: 'sqlite-data', env: 'DJANGO_SQLITE_DIR' },
} as const;

export const APP_DATA_DIRS = [APP_DATA.media.dir, APP_DATA.sqlite.dir];
