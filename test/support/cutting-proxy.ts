import net from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that cuts connections the way a terminated backend or a dropped
 * network does: a connection it is told to cut passes its startup and authentication, then is closed
 * the moment the client sends its first query (a Query 'Q' or Parse 'P' message). Which connections
 * are cut is decided by `cut(n)`, n counting accepted connections from 1.
 */
export interface CuttingProxy {
  /** The upstream URL with the proxy's host and port. */
  url: string;
  /** Connections accepted so far, and how many of them were cut. */
  readonly accepted: number;
  readonly cutCount: number;
  close(): Promise<void>;
}

export async function cuttingProxy(upstreamUrl: string, cut: (n: number) => boolean): Promise<CuttingProxy> {
  const upstream = new URL(upstreamUrl);
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  let cutCount = 0;
  const server = net.createServer((client) => {
    const n = ++accepted;
    const doomed = cut(n);
    const server = net.connect(Number(upstream.port || 5432), upstream.hostname);
    for (const s of [client, server]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => {
      // The startup message begins with its length (a 0 byte); queries with their type letter.
      if (doomed && (chunk[0] === 0x51 || chunk[0] === 0x50)) {
        cutCount++;
        client.destroy();
        server.destroy();
        return;
      }
      server.write(chunk);
    });
    server.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(upstreamUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    get accepted() {
      return accepted;
    },
    get cutCount() {
      return cutCount;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
