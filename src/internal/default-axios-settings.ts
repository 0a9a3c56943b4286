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
