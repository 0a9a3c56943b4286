import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_DIR } from './helpers/package-under-test';

const dist = path.join(PACKAGE_DIR, 'dist');

/** The packages (outside node's own) that loading one built entry pulls in. */
function packagesLoadedBy(entry: string): string[] {
  const script = `
    require(${JSON.stringify(path.join(dist, entry))});
    const names = Object.keys(require.cache)
      .map((file) => /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(file)?.[1])
      .filter(Boolean);
    process.stdout.write(JSON.stringify([...new Set(names)].sort()));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[];
}

/** The package's own built files that loading one built entry pulls in, relative to dist/. */
function ownFilesLoadedBy(entry: string): string[] {
  const script = `
    require(${JSON.stringify(path.join(dist, entry))});
    const files = Object.keys(require.cache).filter((file) => file.startsWith(${JSON.stringify(dist + path.sep)}));
    process.stdout.write(JSON.stringify(files.map((file) => file.slice(${dist.length + 1}))));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[];
}

describe('the built package', () => {
  it('keeps the main entry to axios (and what axios needs): the emulator’s validator stays out', () => {
    const loaded = packagesLoadedBy('src/index.js');
    expect(loaded).toContain('axios');
    expect(loaded).not.toContain('ajv');
  });

  it('keeps the main entry free of Redis code: the Redis store loads only with tmdb-auth-client/redis', () => {
    expect(packagesLoadedBy('src/index.js')).not.toContain('ioredis');
    expect(ownFilesLoadedBy('src/index.js').filter((file) => file.includes('redis'))).toEqual([]);
    expect(ownFilesLoadedBy('src/redis/index.js')).toContain('src/redis/redis-gate-store.js');
  });

  it('loads no Redis client with the Redis entry: it runs on the one the app passes', () => {
    expect(packagesLoadedBy('src/redis/index.js')).not.toContain('ioredis');
  });

  it('loads the validator only with the testing entry', () => {
    expect(packagesLoadedBy('src/testing/index.js')).toContain('ajv');
  });

  it('starts the command line with a shebang, so npm can link it as a bin', () => {
    expect(readFileSync(path.join(dist, 'src/cli/main.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });
});
