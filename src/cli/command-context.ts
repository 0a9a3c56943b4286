import { TmdbAuthClient } from '../client';
import type { TmdbAuthClientOptions } from '../options';
import { approvalBaseUrlFor, requireEnvCredentials, requireV4Credentials, type EnvCredentials } from './credentials';
import type { Output } from './output';
import type { ParsedArgs } from './parse-args';

/** What every command runs with. */
export interface CommandContext {
  readonly args: ParsedArgs;
  readonly env: NodeJS.ProcessEnv;
  readonly out: Output;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  /** Aborts on Ctrl-C (SIGINT) or SIGTERM. */
  readonly signal: AbortSignal;
}

/**
 * What a command that runs until it is stopped (the emulator) returns when a signal stopped it: that is how it
 * ends, not a failure, so no error is printed; the exit code still names the signal (130, 143).
 */
export const STOPPED_BY_SIGNAL = 'stopped-by-signal';

export type Command = (context: CommandContext) => Promise<void | typeof STOPPED_BY_SIGNAL>;

/** A client with the credentials from the environment and `--base-url` / `--approval-base-url`. */
export function clientFor(context: CommandContext, extra: Partial<TmdbAuthClientOptions> = {}): TmdbAuthClient {
  return clientWith(context, requireEnvCredentials(context.env), extra);
}

/** A client for v4 user authentication: TMDB_ACCESS_TOKEN (the API Read Access Token) only, with v4's fix if absent. */
export function v4ClientFor(context: CommandContext): TmdbAuthClient {
  return clientWith(context, requireV4Credentials(context.env), {});
}

function clientWith(
  context: CommandContext,
  credentials: EnvCredentials,
  extra: Partial<TmdbAuthClientOptions>,
): TmdbAuthClient {
  const { baseUrl, approvalBaseUrl } = context.args;
  return new TmdbAuthClient({
    ...credentials,
    baseUrl,
    approvalBaseUrl: approvalBaseUrlFor(baseUrl, approvalBaseUrl),
    ...extra,
  });
}
