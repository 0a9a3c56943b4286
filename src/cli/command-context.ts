import { TmdbAuthClient } from '../client';
import type { TmdbAuthClientOptions } from '../options';
import { approvalBaseUrlFor, requireEnvCredentials } from './credentials';
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

export type Command = (context: CommandContext) => Promise<void>;

/** A client with the credentials from the environment and `--base-url` / `--approval-base-url`. */
export function clientFor(context: CommandContext, extra: Partial<TmdbAuthClientOptions> = {}): TmdbAuthClient {
  const { baseUrl, approvalBaseUrl } = context.args;
  return new TmdbAuthClient({
    ...requireEnvCredentials(context.env),
    baseUrl,
    approvalBaseUrl: approvalBaseUrlFor(baseUrl, approvalBaseUrl),
    ...extra,
  });
}
