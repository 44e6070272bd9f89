import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Logger } from '@recon/runtime';

export interface WorkerSupervisorOptions {
  /** What the process is, for the logs: `ingest`, `reconciler`. */
  name: string;
  /** The entry point to fork (the same file `npm run start:<name>` runs). */
  entry: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** How long `stop()` waits for the process to finish its work before it is killed. */
  stopTimeoutMs: number;
  /** The first restart waits this long, each further one twice as long, up to `maxRestartDelayMs`. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** A process that ran this long before it exited is restarted after `restartDelayMs` again. */
  stableAfterMs?: number;
}

export type WorkerState = 'starting' | 'running' | 'restarting' | 'stopped';

interface WorkerEvents {
  /** The process said it is ready. */
  ready: [pid: number];
  /** The process exited; `restartInMs` is null when it is not restarted (it was stopped). */
  exit: [info: { pid: number; code: number | null; signal: NodeJS.Signals | null; restartInMs: number | null }];
}

/**
 * Runs one worker entry point as a child process and keeps it running: a process that exits without
 * being asked to is started again, after a delay that doubles while it keeps failing. The child
 * runs in a process group of its own, so a Ctrl-C at the terminal reaches only this process, which
 * stops its children in order (`stop()`); a child whose supervisor dies stops by itself when its
 * IPC channel closes.
 */
export class WorkerSupervisor extends EventEmitter<WorkerEvents> {
  readonly #o: Required<WorkerSupervisorOptions>;
  #child: ChildProcess | null = null;
  #state: WorkerState = 'stopped';
  #failures = 0;
  #restartTimer: NodeJS.Timeout | null = null;
  #exited: Promise<void> = Promise.resolve();

  constructor(options: WorkerSupervisorOptions) {
    super();
    this.#o = { restartDelayMs: 500, maxRestartDelayMs: 15_000, stableAfterMs: 30_000, ...options };
  }

  get state(): WorkerState {
    return this.#state;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  start(): void {
    if (this.#state !== 'stopped') return;
    this.#spawn();
  }

  /** Asks the process to stop (SIGTERM), waits until it has, and starts it no more. */
  async stop(): Promise<void> {
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    this.#restartTimer = null;
    const child = this.#child;
    this.#state = 'stopped';
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const killer = setTimeout(() => {
      this.#o.log.error('worker process did not stop in time: killing it', { worker: this.#o.name, childPid: child.pid });
      child.kill('SIGKILL');
    }, this.#o.stopTimeoutMs + 2_000);
    child.kill('SIGTERM');
    await this.#exited;
    clearTimeout(killer);
  }

  #spawn(): void {
    const { name, entry, env, log } = this.#o;
    this.#state = 'starting';
    const startedAt = Date.now();
    const child = fork(entry, [], { env, detached: true, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.#child = child;
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (m: unknown) => {
      if (typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'ready' && child.pid !== undefined) {
        if (this.#state === 'starting') this.#state = 'running';
        log.info('worker process ready', { worker: name, childPid: child.pid });
        this.emit('ready', child.pid);
      }
    });
    child.on('error', (err) => log.error('worker process error', { worker: name, err }));
    child.once('exit', (code, signal) => {
      const pid = child.pid ?? -1;
      if (this.#state === 'stopped') {
        this.emit('exit', { pid, code, signal, restartInMs: null });
        return;
      }
      this.#failures = Date.now() - startedAt >= this.#o.stableAfterMs ? 1 : this.#failures + 1;
      const delay = Math.min(this.#o.maxRestartDelayMs, this.#o.restartDelayMs * 2 ** (this.#failures - 1));
      log.error('worker process exited unexpectedly: restarting it', { worker: name, childPid: pid, code, signal, restartInMs: delay });
      this.#state = 'restarting';
      this.emit('exit', { pid, code, signal, restartInMs: delay });
      this.#restartTimer = setTimeout(() => {
        this.#restartTimer = null;
        if (this.#state === 'restarting') this.#spawn();
      }, delay);
    });
  }
}
