import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FileWatch } from '../deps/watch.ts';
import { BuildFailure, ColophonError } from '../lib/errors.ts';
import { type BuildOptions, createPipeline, type Generated } from '../pipeline.ts';
import { SEARCH_FOLDER } from '../model/collisions.ts';
import { produce } from '../render/produce.ts';
import type { Producers } from '../render/types.ts';
import { clientScript, EVENTS_PATH, injectIntoHtml, overlay } from './inject.ts';
import { contentType, feedType, resolveRequest } from './paths.ts';
import { watchSite } from './watch.ts';

export interface ServeOptions extends BuildOptions {
  port: number;
  host: string;
  log?: (line: string) => void;
}

export interface DevServer {
  url: string;
  /** Resolves after the batch of changes being processed (if any) has been applied. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

interface Current {
  generated: Generated;
  rendered: Map<string, Uint8Array | ColophonError>; // memo of this generation's pages
}

/**
 * Serves a site from memory through the same pipeline as `build`, re-reading only what changed.
 * Each open page holds a server-sent-events stream and reloads when its own bytes (or the error
 * state) change. The last good pages stay up while the sources are broken.
 */
export async function serve(siteDir: string, options: ServeOptions): Promise<DevServer> {
  const log = options.log ?? (() => {});
  const pipeline = createPipeline(siteDir, { ...options, searchOnRequest: true });
  const clients = new Map<ServerResponse, string>(); // stream ▶ the URL path of the page it shows
  const served = new Map<string, string>(); // URL path ▶ fingerprint of what was last sent for it
  let current: Current | undefined;
  let errors: ColophonError[] = [];
  let work = Promise.resolve();
  // Pagefind's files of the last index served: a page loaded before an edit may still ask for them.
  let lastBundle: Producers = new Map();

  const refresh = async (changed?: string[]) => {
    const started = performance.now();
    try {
      const generated = await pipeline.refresh(changed);
      current = { generated, rendered: new Map() };
      errors = [];
      for (const warning of generated.warnings) log(`warning: ${warning}`);
      log(
        `${changed ? `rebuilt after ${changed.join(', ')}` : 'built'} in ${Math.round(performance.now() - started)} ms`,
      );
    } catch (error) {
      if (!(error instanceof BuildFailure)) throw error;
      errors = error.errors;
      log(
        `build failed with ${errors.length} error(s): ${
          errors.map((e) => `${e.file ?? ''}:${e.line ?? ''} ${e.message}`).join('; ')
        }`,
      );
    }
  };

  const pageBytes = (path: string): Uint8Array | ColophonError => {
    const memo = current!.rendered.get(path);
    if (memo) return memo;
    const result = produce(current!.generated.files.get(path)!);
    current!.rendered.set(path, result);
    return result;
  };

  const locate = (url: string) => {
    const files = current?.generated.files;
    return resolveRequest(url, current?.generated.config.basePath ?? '/', (p) => files?.has(p) ?? false);
  };

  /** What a page at this URL would show now: its bytes, or why there are none, and the errors. */
  const fingerprint = (url: string): string => {
    const found = locate(url);
    const body = found.kind === 'file' ? pageBytes(found.path) : undefined;
    const text = body instanceof ColophonError
      ? `error:${body.message}`
      : body
      ? createHash('sha256').update(body).digest('hex')
      : found.kind;
    return `${text}|${errors.map((e) => `${e.file}:${e.line}:${e.message}`).join(';')}`;
  };

  const notify = (changed: string[]) => {
    const cssOnly = changed.every((p) => p.startsWith('public/') && p.endsWith('.css')) && errors.length === 0;
    for (const [stream, page] of clients) {
      if (cssOnly) stream.write('event: css\ndata: {}\n\n');
      else if (fingerprint(page) !== served.get(page)) stream.write('event: reload\ndata: {}\n\n');
    }
  };

  /**
   * With search on, the index is made for the first request that asks for one of its files after
   * the sources changed, rather than on every save: it reads every post page.
   */
  const serveSearch = async (path: string, res: ServerResponse) => {
    const search = current!.generated.search!;
    let bundle: Producers;
    try {
      bundle = (await search.build()).files;
    } catch (error) {
      if (!(error instanceof BuildFailure)) throw error;
      const message = error.errors.map((e) => `error[${e.code}] ${e.message}`).join('\n');
      log(`search index failed: ${message}`);
      return send(res, 500, 'text/plain; charset=utf-8', `${message}\n`);
    }
    if (bundle !== lastBundle && !bundle.has(path) && lastBundle.has(path)) {
      return send(res, 200, contentType(path), lastBundle.get(path)!());
    }
    lastBundle = bundle;
    const producer = bundle.get(path);
    if (!producer) return notFound(res, path);
    send(res, 200, contentType(path), producer());
  };

  const searchPath = (url: string): string | undefined => {
    const base = `${current?.generated.config.basePath ?? '/'}${SEARCH_FOLDER}/`;
    const path = url.split(/[?#]/)[0]!;
    if (!current?.generated.search || !path.startsWith(base)) return undefined;
    const found = resolveRequest(url, current.generated.config.basePath, () => true);
    return found.kind === 'file' ? found.path : undefined;
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    if (url.startsWith(`${EVENTS_PATH}?`) || url === EVENTS_PATH) return openStream(url, res);
    const search = searchPath(url);
    if (search !== undefined) {
      return void serveSearch(search, res).catch((error) => {
        log(`internal error while serving ${search}: ${error instanceof Error ? error.stack : String(error)}`);
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      });
    }
    const found = locate(url);
    const page = url.split(/[?#]/)[0]!;
    if (found.kind === 'bad') return send(res, 400, 'text/plain; charset=utf-8', `Bad request: ${found.reason}\n`);
    if (found.kind === 'redirect') return res.writeHead(301, { Location: found.location }).end();
    if (found.kind === 'missing') {
      // What only _redirects can say (an old feed path) the dev server says as a host would.
      const moved = movedTo(page);
      return moved ? res.writeHead(301, { Location: moved }).end() : notFound(res, page);
    }
    const body = pageBytes(found.path);
    if (body instanceof ColophonError) return sendPage(res, 500, page, '', [body]);
    if (!found.path.endsWith('.html')) {
      const feed = current!.generated.site.feeds.find((f) => f.output === found.path);
      return send(res, 200, feed ? feedType(feed.format) : contentType(found.path), body);
    }
    sendPage(res, 200, page, Buffer.from(body).toString('utf8'), errors);
  };

  const movedTo = (page: string): string | undefined => {
    const generated = current?.generated;
    if (!generated?.config.redirects) return undefined;
    const base = generated.config.basePath;
    const redirect = generated.site.redirects.find((r) => encodeURI(`${base}${r.from.slice(1)}`) === page);
    return redirect && encodeURI(`${base}${redirect.to.slice(1)}`);
  };

  const sendPage = (
    res: ServerResponse,
    status: number,
    page: string,
    html: string,
    shown: readonly ColophonError[],
  ) => {
    served.set(page, fingerprint(page));
    const extra = (shown.length ? overlay(shown) : '') + clientScript(page);
    send(
      res,
      status,
      'text/html; charset=utf-8',
      injectIntoHtml(html || '<!DOCTYPE html><title>Error</title><body></body>', extra),
    );
  };

  const notFound = (res: ServerResponse, page: string) => {
    const custom = current?.generated.files.has('404.html') ? pageBytes('404.html') : undefined;
    const html = custom instanceof Uint8Array
      ? Buffer.from(custom).toString('utf8')
      : `<!DOCTYPE html><title>Not found</title><body><h1>Not found</h1><p>${
        page.replace(/[<&"]/g, '')
      } is not part of this site.</p></body>`;
    sendPage(res, 404, page, html, errors);
  };

  const openStream = (url: string, res: ServerResponse) => {
    const page = new URL(url, 'http://x').searchParams.get('page') ?? '/';
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    clients.set(res, page);
    // Changes between the page load and this stream opening would otherwise be missed.
    if (served.has(page) && fingerprint(page) !== served.get(page)) res.write('event: reload\ndata: {}\n\n');
    res.on('close', () => clients.delete(res));
  };

  await refresh();
  const server = createServer(handle);
  const port = await listen(server, options.port, options.host, log);
  const watcher: FileWatch = watchSite(siteDir, (paths) => {
    work = work.then(async () => {
      await refresh(paths);
      notify(paths);
    });
  }, (message) => log(`cannot watch for changes: ${message}`));
  await watcher.ready;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}${current?.generated.config.basePath ?? '/'}`,
    settled: async () => {
      // chokidar holds a deletion back ~100 ms (it may be half of an atomic save), then we wait for quiet.
      await new Promise((resolve) => setTimeout(resolve, 250));
      await work;
    },
    close: async () => {
      await watcher.close();
      for (const stream of clients.keys()) stream.end();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
}

/** The asked port, or the next free one (and we say so). */
async function listen(server: Server, port: number, host: string, log: (line: string) => void): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const tryPort = port === 0 ? 0 : port + attempt;
    const result = await new Promise<number | 'busy'>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve('busy') : reject(error));
      server.once('error', onError);
      server.listen(tryPort, host, () => {
        server.off('error', onError);
        resolve((server.address() as AddressInfo).port);
      });
    });
    if (result !== 'busy') {
      if (attempt > 0) log(`port ${port} is busy; using ${result} instead`);
      return result;
    }
  }
  throw new ColophonError('E_PORT', `ports ${port} to ${port + 19} are all in use`);
}
