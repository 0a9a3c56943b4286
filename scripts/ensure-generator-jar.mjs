#!/usr/bin/env node
// Makes sure the pinned openapi-generator JAR is at <storageDir>/<version>.jar (see openapitools.json), where
// the npm wrapper uses it without any network call. The wrapper's own download is tried first; when it fails
// (a closed network that only lets Maven reach Maven Central, a proxy, a registry mirror), Maven fetches the
// same artifact. Set TMDB_GENERATOR_JAR_SOURCE=maven to skip the wrapper's download.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readGeneratorConfig, repoRoot } from './lib/generator-config.mjs';
import { fail, requireCommand, run } from './lib/run.mjs';

const MAVEN_DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.11.0';

export function ensureGeneratorJar() {
  const { version, jarPath } = readGeneratorConfig();
  requireCommand(
    'java',
    ['-version'],
    'Java is needed to run openapi-generator, and `java` was not found on PATH.\n' +
      'Install a JDK or JRE 11 or newer (Debian/Ubuntu: `apt-get install -y openjdk-17-jre-headless`;\n' +
      'macOS: `brew install openjdk@17`), then run this again.',
  );
  if (isUsableJar(jarPath)) return jarPath;

  mkdirSync(path.dirname(jarPath), { recursive: true });
  if (process.env.TMDB_GENERATOR_JAR_SOURCE !== 'maven') {
    console.error(`openapi-generator ${version}: downloading with the npm wrapper...`);
    const wrapper = path.join(repoRoot, 'node_modules', '.bin', 'openapi-generator-cli');
    run(wrapper, ['version'], { quiet: true, cwd: repoRoot });
    if (isUsableJar(jarPath)) return jarPath;
    console.error('The npm wrapper could not download the JAR; trying Maven.');
  }
  fetchWithMaven(version, jarPath);
  return jarPath;
}

function fetchWithMaven(version, jarPath) {
  requireCommand(
    'mvn',
    ['-v'],
    `Could not download openapi-generator-cli ${version}, and Maven (\`mvn\`) is not installed to try another way.\n` +
      'Install Maven (Debian/Ubuntu: `apt-get install -y maven`), or put the JAR at\n' +
      `${jarPath} by hand, then run this again.`,
  );
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'openapi-generator-jar-'));
  try {
    const artifact = `org.openapitools:openapi-generator-cli:${version}:jar`;
    const result = run('mvn', [
      '-B',
      '-q',
      '-Dstyle.color=never',
      `${MAVEN_DEPENDENCY_PLUGIN}:copy`,
      `-Dartifact=${artifact}`,
      `-DoutputDirectory=${scratch}`,
    ]);
    const downloaded = path.join(scratch, `openapi-generator-cli-${version}.jar`);
    if (result.status !== 0 || !isUsableJar(downloaded)) {
      fail(
        `Maven could not fetch ${artifact} (exit ${result.status}). Check the network or Maven settings and run this again.`,
      );
    }
    // A copy, not a rename: the scratch folder may be on another file system (tmpfs).
    cpSync(downloaded, jarPath);
    console.error(`openapi-generator ${version}: fetched with Maven to ${path.relative(repoRoot, jarPath)}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function isUsableJar(file) {
  return existsSync(file) && statSync(file).size > 1_000_000;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureGeneratorJar());
}
