/**
 * The tool calls in flight, so that a shutdown can stop taking new calls, let the running ones
 * finish within a grace period, and then abort the rest, each of which still gets an answer.
 */
export class CallTracker {
  private readonly running = new Set<AbortController>();
  private draining = false;
  private onIdle?: () => void;

  /** A controller for a new call, aborted if the call outlives a shutdown's grace period; undefined while shutting down. */
  begin(): AbortController | undefined {
    if (this.draining) return undefined;
    const controller = new AbortController();
    this.running.add(controller);
    return controller;
  }

  end(controller: AbortController): void {
    this.running.delete(controller);
    if (this.running.size === 0) this.onIdle?.();
  }

  get inFlight(): number {
    return this.running.size;
  }

  /**
   * Resolves when every call has ended, aborting those still running after `graceMs`. With
   * `refuseNew`, calls that begin meanwhile are refused; without it (HTTP, where the listener has
   * closed and only requests already on open connections arrive) they run under the same grace.
   */
  async drain(graceMs: number, { refuseNew }: { refuseNew: boolean }): Promise<{ finished: number; aborted: number }> {
    this.draining = refuseNew;
    const started = this.running.size;
    if (started === 0) return { finished: 0, aborted: 0 };
    const idle = new Promise<void>((resolve) => (this.onIdle = resolve));
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace over'>((resolve) => (timer = setTimeout(() => resolve('grace over'), graceMs)));
    if ((await Promise.race([idle, graceOver])) !== 'grace over') {
      clearTimeout(timer);
      return { finished: started, aborted: 0 };
    }
    const aborted = this.running.size;
    for (const controller of this.running) controller.abort();
    await idle;
    return { finished: started - aborted, aborted };
  }
}
