/** Small helpers for talking to a running API over real HTTP. */
export async function postJson(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function getJson<T = unknown>(base: string, path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

/**
 * Sends a request until it is not answered 429 (busy: nothing of it was done), as a well-behaved
 * client does, at most `tries` times; `onBusy` counts the busy answers.
 */
export async function sendUntilAdmitted(send: () => Promise<Response>, onBusy: () => void = () => undefined, tries = 50, waitMs = 100): Promise<Response> {
  let res = await send();
  for (let i = 0; res.status === 429 && i < tries; i++) {
    await res.arrayBuffer();
    onBusy();
    await new Promise((r) => setTimeout(r, waitMs));
    res = await send();
  }
  return res;
}
