import { mapLimit } from '../lib/concurrency.ts';
import { compareText } from '../lib/order.ts';
import type { Origin, Problem } from './problems.ts';

export interface ExternalOptions {
  concurrency?: number; // requests in flight at once (default 4)
  timeoutMs?: number; // per request (default 10 s)
}

type Users = { page: string; origin: Origin; raw: string }[];

/**
 * `--external`: each external URL requested once, a few at a time, without following redirects.
 * HEAD first; a server that refuses HEAD (405, 501) is asked with GET. An error status or no answer
 * is an error; a redirect is a warning naming where it leads, so the link can be updated.
 */
export async function checkExternal(links: ReadonlyMap<string, Users>, options: ExternalOptions): Promise<Problem[]> {
  const urls = [...links.keys()].sort(compareText);
  const answers = await mapLimit(urls, options.concurrency ?? 4, (url) => ask(url, options.timeoutMs ?? 10_000));
  return urls.flatMap((url, i) => {
    const answer = answers[i]!;
    if (answer.ok) return [];
    return links.get(url)!.map(({ page, origin }): Problem => ({
      level: answer.redirect ? 'warning' : 'error',
      kind: answer.redirect ? 'redirect' : 'external',
      origin,
      target: url,
      page,
      detail: answer.redirect ?? answer.why,
    }));
  });
}

type Answer = { ok: true } | { ok: false; redirect?: string; why: string };

async function ask(url: string, timeoutMs: number): Promise<Answer> {
  try {
    let response = await request(url, 'HEAD', timeoutMs);
    if (response.status === 405 || response.status === 501) response = await request(url, 'GET', timeoutMs);
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      const to = location ? new URL(location, url).href : '(no Location header)';
      return { ok: false, redirect: `${to} (${response.status})`, why: `redirects to ${to}` };
    }
    if (response.status >= 400) return { ok: false, why: `answered ${response.status} ${response.statusText}`.trim() };
    return { ok: true };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    if ((error as Error).name === 'TimeoutError') {
      return { ok: false, why: `did not answer within ${timeoutMs / 1000} s` };
    }
    return { ok: false, why: `could not be reached (${cause ?? (error as Error).message})` };
  }
}

async function request(url: string, method: string, timeoutMs: number): Promise<Response> {
  const response = await fetch(url, { method, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  await response.body?.cancel();
  return response;
}
