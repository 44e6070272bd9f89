import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = ['--conditions=source', '--import', 'tsx'];

export interface Proc {
  child: ChildProcess;
  logs(): string;
  exited: Promise<number | null>;
  /** Peak resident set size so far (VmHWM), in MiB. */
  peakRssMb(): number;
  /** CPU time used so far (user + system), in seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Runs a TypeScript entry point of the repo as its own process. */
export function run(entry: string, args: string[], env: Record<string, string | undefined>, extraNodeArgs: string[] = []): Proc {
  const child = spawn(process.execPath, [...extraNodeArgs, ...TSX, entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  child.stdout?.on('data', (d: Buffer) => (logs += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (logs += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  let peak = 0;
  const peakRssMb = (): number => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      // exited: keep the last reading
    }
    return peak;
  };
  return {
    child,
    logs: () => logs,
    exited,
    peakRssMb,
    cpuSeconds: () => cpuSecondsOf(child.pid),
    stop: async () => {
      peakRssMb();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const ready = (p: Proc, timeoutMs = 30_000): Promise<void> =>
  waitFor(() => {
    if (p.child.exitCode !== null) throw new Error(`process exited early:\n${p.logs()}`);
    return p.logs().includes('ready');
  }, timeoutMs, 'process ready');

/** CPU time (user + system) a process has used, in seconds, from /proc (clock ticks of 1/100 s). */
export function cpuSecondsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
