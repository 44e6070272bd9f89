import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TSX_ARGS = ['--conditions=source', '--import', 'tsx'];

const ENTRY = {
  server: 'services/server/src/main.ts',
  api: 'services/api/src/main.ts',
  ingest: 'services/ingest/src/main.ts',
  reconciler: 'services/reconciler/src/main.ts',
} as const;
export type ServiceName = keyof typeof ENTRY;

export interface ServiceProcess {
  name: ServiceName;
  child: ChildProcess;
  /** Everything the process wrote to stderr (its JSON log lines). */
  logs(): string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): void;
}

/** Starts one of the service entry points as a real process, exactly as `npm run start:*` does. */
export function spawnService(name: ServiceName, env: Record<string, string | undefined>): ServiceProcess {
  const child = spawn(process.execPath, [...TSX_ARGS, ENTRY[name]], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let logs = '';
  child.stderr?.on('data', (d: Buffer) => {
    logs += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    name,
    child,
    logs: () => logs,
    exited,
    kill: (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/** Kills every one of these services at once (SIGKILL) and waits until they have exited. */
export async function killAll(services: Iterable<ServiceProcess>): Promise<void> {
  const all = [...services];
  for (const p of all) p.kill('SIGKILL');
  await Promise.all(all.map((p) => p.exited));
}
