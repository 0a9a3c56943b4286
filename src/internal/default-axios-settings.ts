/** What the default transport can be tuned with; the same shape in every runtime. */
export interface DefaultAxiosSettings {
  /**
   * The most sockets open to one host at once. Node only: `fetch` runtimes pool connections themselves and
   * ignore it.
   */
  maxSockets?: number | undefined;
}
