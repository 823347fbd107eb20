import { Buffer } from 'node:buffer';
import { escapeHtml } from '../lib/html.ts';
import type { Allocator } from './types.ts';

/**
 * Post bodies are most of a blog's bytes: each one is printed on its own page and again on index,
 * category, tag and monthly pages. Printing the HTML string into every page and encoding each page
 * whole would copy and encode every body four or five times. Instead a view offers `body`, a short
 * marker that a template prints where the body goes; each body is encoded to UTF-8 once, and a page's
 * bytes are its template text with the markers replaced by those bytes. The bytes are exactly those
 * of printing the HTML itself, escaped or not; `html` stays the real string for templates that
 * inspect or transform it.
 *
 * A marker is NUL, "colophon:", a number, "&", NUL. Source files never hold NUL (they are rejected;
 * a YAML escape can still put one in a front matter value, hence the word), and the "&" shows
 * whether a template printed the marker raw (`<%~`) or escaped (`<%=`, which makes it "&amp;").
 */
export class BodySplicer {
  readonly #html: string[] = [];
  readonly #raw: (Buffer | undefined)[] = [];
  readonly #escaped: (Buffer | undefined)[] = [];
  readonly #encoder = new TextEncoder();

  /** The marker that stands for this HTML in template output. */
  mark(html: string): string {
    if (html === '') return '';
    return `\u0000colophon:${this.#html.push(html) - 1}&\u0000`;
  }

  /** Template output as text, each marker replaced by its HTML: for transforms, which need the page whole. */
  expand(text: string): string {
    if (!text.includes('\u0000')) return text;
    return text.replace(MARKERS, (whole, id: string, amp: string) => {
      const html = this.#html[Number(id)];
      if (html === undefined) return whole;
      return amp === '&' ? html : escapeHtml(html);
    });
  }

  /**
   * Template output as bytes, each marker replaced by the encoded HTML it stands for; written into
   * the allocator's buffer when given.
   */
  encode(text: string, into?: Allocator): Uint8Array {
    let at = text.indexOf('\u0000');
    if (at < 0 && !into) return this.#encoder.encode(text);
    // First the pieces and their sizes, then one buffer written in place: no buffer per piece of
    // template text, and no second copy to join them.
    const texts: [from: number, to: number][] = [];
    const bodies: Buffer[] = [];
    let size = 0;
    let from = 0;
    while (at >= 0) {
      const marker = MARKER.exec(text.slice(at, at + 32));
      const id = marker ? Number(marker[1]) : -1;
      if (!marker || id >= this.#html.length) {
        at = text.indexOf('\u0000', at + 1); // a NUL of the template's own: kept as it is
        continue;
      }
      const body = marker[2] === '&' ? this.#rawBytes(id) : this.#escapedBytes(id);
      texts.push([from, at]);
      bodies.push(body);
      size += Buffer.byteLength(text.slice(from, at), 'utf8') + body.byteLength;
      from = at + marker[0].length;
      at = text.indexOf('\u0000', from);
    }
    const tail = text.slice(from);
    size += Buffer.byteLength(tail, 'utf8');
    const out = into ? asBuffer(into(size)) : Buffer.allocUnsafe(size); // every byte is written below
    let offset = 0;
    texts.forEach(([start, end], i) => {
      offset += out.write(text.slice(start, end), offset, 'utf8');
      out.set(bodies[i]!, offset);
      offset += bodies[i]!.byteLength;
    });
    // Never expected: the sizes above are the bytes written here.
    if (offset + out.write(tail, offset, 'utf8') !== size) throw new Error('splice: page bytes miscounted');
    return out;
  }

  #rawBytes(id: number): Buffer {
    return (this.#raw[id] ??= Buffer.from(this.#html[id]!, 'utf8'));
  }

  /** `<%= %>` escapes as escapeHtml does (Eta's default escape). */
  #escapedBytes(id: number): Buffer {
    return (this.#escaped[id] ??= Buffer.from(escapeHtml(this.#html[id]!), 'utf8'));
  }
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const MARKER = /^\u0000colophon:(\d+)(&|&amp;)\u0000/;
const MARKERS = /\u0000colophon:(\d+)(&|&amp;)\u0000/g;
