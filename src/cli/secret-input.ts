import { usageError } from './cli-errors';
import type { CommandContext } from './command-context';

/**
 * A secret a command needs (a user access token): from the environment variable `envName`, or from stdin when the
 * only argument is `-`; never from the command line, where shell history and `ps` would keep it.
 * @throws {CliError} (usage) when it is given as an argument, or not at all.
 */
export async function readSecretInput(
  context: CommandContext,
  { envName, what, command }: { envName: string; what: string; command: string },
): Promise<string> {
  const [given, ...extra] = context.args.positionals;
  const how = `set ${envName}, or pass \`-\` and pipe it in: \`printenv ${envName} | tmdb-auth ${command} -\``;
  if (extra.length > 0 || (given !== undefined && given !== '-')) {
    throw usageError(`\`${command}\` takes the ${what} from ${envName} or stdin, not the command line: ${how}.`);
  }
  const secret = given === '-' ? (await readAll(context.stdin)).trim() : context.env[envName]?.trim() || undefined;
  if (!secret) throw usageError(`\`${command}\` needs the ${what}: ${how}.`);
  return secret;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
