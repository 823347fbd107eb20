import { type ColophonError, location } from '../lib/errors.ts';
import { escapeHtml } from '../lib/html.ts';

export const EVENTS_PATH = '/__colophon/events';

/** The live-reload client: added to served HTML only, never to built output. */
export function clientScript(pagePath: string): string {
  const source = `${EVENTS_PATH}?page=${encodeURIComponent(pagePath)}`;
  return `<script data-colophon-dev>(() => {
  const events = new EventSource(${JSON.stringify(source)});
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('css', () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set('colophon', String(Date.now()));
      link.href = url.href;
    }
  });
})();</script>`;
}

const OVERLAY_STYLE = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);' +
  'color:#f3f3f3;font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem';

/** Build errors over the page, with file, line and message, until the next good build. */
export function overlay(errors: readonly ColophonError[]): string {
  const count = `${errors.length} error${errors.length === 1 ? '' : 's'}`;
  return `<div id="colophon-overlay" role="alert" style="${OVERLAY_STYLE}">` +
    `<h2 style="color:#ff8a80;margin-top:0">Colophon: the site does not build (${count})</h2>` +
    '<p>The page below is the last good build. Fix the file and save: this page reloads by itself.</p>' +
    `<ul style="list-style:none;padding:0">${errors.map(overlayItem).join('')}</ul></div>`;
}

function overlayItem(error: ColophonError): string {
  const where = escapeHtml(location(error) || error.code);
  const hint = error.hint ? `<div style="opacity:.8;margin-top:.25rem">${escapeHtml(error.hint)}</div>` : '';
  const frame = error.frame
    ? `<pre style="margin:.5rem 0 0;white-space:pre-wrap">${escapeHtml(error.frame)}</pre>`
    : '';
  return `<li style="margin:0 0 1rem"><strong class="colophon-error-where">${where}</strong> ` +
    `<code>${escapeHtml(error.code)}</code><div class="colophon-error-message">${escapeHtml(error.message)}</div>` +
    `${hint}${frame}</li>`;
}

/** Before </body>, or at the end when a page has none. */
export function injectIntoHtml(html: string, extra: string): string {
  const at = html.lastIndexOf('</body>');
  return at < 0 ? html + extra : html.slice(0, at) + extra + html.slice(at);
}
