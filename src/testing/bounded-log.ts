/** A list that keeps its newest `limit` entries, and counts the older ones it dropped to stay within it. */
export class BoundedLog<T> {
  /** The entries kept, oldest first; the same array for the log's whole life. */
  readonly entries: T[] = [];
  readonly #limit: number;
  #dropped = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** How many entries were dropped, oldest first, to keep `limit`. */
  get dropped(): number {
    return this.#dropped;
  }

  add(entry: T): void {
    this.entries.push(entry);
    while (this.entries.length > this.#limit) {
      this.entries.shift();
      this.#dropped += 1;
    }
  }
}
