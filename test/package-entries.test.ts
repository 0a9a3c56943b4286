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

describe('the built package', () => {
  it('keeps the main entry to axios (and what axios needs): the emulator’s validator stays out', () => {
    const loaded = packagesLoadedBy('src/index.js');
    expect(loaded).toContain('axios');
    expect(loaded).not.toContain('ajv');
  });

  it('loads the validator only with the testing entry', () => {
    expect(packagesLoadedBy('src/testing/index.js')).toContain('ajv');
  });

  it('starts the command line with a shebang, so npm can link it as a bin', () => {
    expect(readFileSync(path.join(dist, 'src/cli/main.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });
});
