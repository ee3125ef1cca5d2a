/**
 * Group commit: work arriving in the same event-loop turn is handed to
 * `commit` as one batch (one transaction), scheduled with setImmediate so
 * every socket frame read in this turn joins it. Batches never overlap, so
 * items commit in arrival order. Each caller's promise settles only after its
 * batch committed, which is what makes ack-after-commit cheap at high rates.
 */
export class GroupCommitQueue<Item, Result> {
  private pending: Array<{ item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }> = [];
  private scheduled = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly commit: (items: Item[]) => Promise<Result[]>,
    private readonly maxBatch = 2000,
  ) {}

  enqueue(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once everything enqueued so far has committed (or failed). */
  async drain(): Promise<void> {
    while (this.running || this.scheduled || this.pending.length > 0) {
      if (this.running) await this.running;
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.running = this.flush().finally(() => {
        this.running = null;
        if (this.pending.length > 0) this.schedule();
      });
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        const results = await this.commit(batch.map((entry) => entry.item));
        if (results.length !== batch.length) throw new Error(`Commit returned ${results.length} results for ${batch.length} items.`);
        batch.forEach((entry, index) => entry.resolve(results[index] as Result));
      } catch (error) {
        batch.forEach((entry) => entry.reject(error));
      }
    }
  }
}
