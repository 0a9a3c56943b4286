// The facade's own picture of one HTTP exchange with TMDb. The generated client and axios stay behind
// generated-adapter.ts; everything else in src/ speaks these types.
import type { TmdbOperation } from './operations';

/** An answer, whatever its status. Header names are lower-case. */
export interface WireResponse {
  status: number;
  headers: Readonly<Record<string, string | undefined>>;
  body: unknown;
  /**
   * For a 3xx, the host its `Location` points at: the host alone, since the path and query of a redirect may
   * carry secrets.
   */
  locationHost?: string | undefined;
}

/**
 * What is kept of the library error behind a failure: its name, code and message (not yet redacted), never the
 * request config, headers or URL it carried.
 */
export interface FailureCause {
  name: string;
  code: string | undefined;
  message: string;
}

/** Why an attempt produced no usable answer. */
export type WireFailure =
  | { kind: 'http'; response: WireResponse; cause?: FailureCause | undefined }
  | {
      kind: 'network';
      systemCode: string | undefined;
      message: string;
      /** The status of an answer whose headers came but whose body broke off. */
      statusBeforeBreak?: number | undefined;
      cause?: FailureCause | undefined;
    }
  | { kind: 'timeout'; cause?: FailureCause | undefined }
  | { kind: 'too-large'; limitBytes: number; status: number | undefined }
  | { kind: 'cancelled' };

export type WireOutcome = { ok: true; response: WireResponse } | { ok: false; failure: WireFailure };

/** How one attempt is sent. */
export interface AttemptOptions {
  /**
   * The attempt's own signal: it aborts when the caller's signal does, or when the attempt's time (`timeoutMs`,
   * or what is left of `deadlineMs`) runs out, body included. Aborting it ends the attempt as `cancelled`.
   */
  signal: AbortSignal;
}

/** Sends one operation, once; never throws for a failure on the wire. */
export interface TmdbTransport {
  send(operation: TmdbOperation, options: AttemptOptions): Promise<WireOutcome>;
}

/** What the default transport can be tuned with; the same shape in every runtime. */
export interface DefaultAxiosSettings {
  /**
   * The most sockets open to one host at once. Node only: `fetch` runtimes pool connections themselves and
   * ignore it.
   */
  maxSockets?: number | undefined;
  /**
   * The client's rate gate. When its store counts the requests of several processes (`sharedAcrossProcesses`),
   * each request gets a connection of its own, closed after it; otherwise connections are kept alive. Node only.
   */
  gate?: { readonly sharedAcrossProcesses?: boolean } | undefined;
}
