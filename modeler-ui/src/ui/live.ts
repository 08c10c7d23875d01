/**
 * Short polling for live updates (issue 11): calls `tick` every `everyMs` while the page is visible and `alive()`
 * says the view is still on the screen, at once when the tab becomes visible again, and never two ticks at a time.
 * Polling with entity tags rather than server-sent events: it passes every proxy and needs no sticky sessions.
 */
export class LivePoll {
  private timer: number | null = null;
  private running = false;
  private readonly onVisibility = () => {
    if (document.visibilityState === 'visible') void this.run();
  };

  constructor(
    private readonly everyMs: number,
    private readonly tick: () => Promise<void>,
    private readonly alive: () => boolean,
  ) {}

  start(): void {
    if (this.timer !== null) return;
    this.timer = window.setInterval(() => void this.run(), this.everyMs);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  stop(): void {
    if (this.timer !== null) window.clearInterval(this.timer);
    this.timer = null;
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  private async run(): Promise<void> {
    if (!this.alive()) {
      this.stop();
      return;
    }
    if (this.running || document.visibilityState !== 'visible') return;
    this.running = true;
    try {
      await this.tick();
    } catch {
      // a failed poll changes nothing on the screen; the next one tries again
    } finally {
      this.running = false;
    }
  }
}
