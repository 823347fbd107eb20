/**
 * What file systems take, checked where a name is made rather than found out when it is written: a
 * file or folder name is at most 255 bytes (NAME_MAX on Linux, macOS and Windows), a path at most
 * 4,096 (PATH_MAX on Linux). Output paths are checked inside the output folder, so the answer does
 * not depend on where the site lives.
 */
export const MAX_NAME_BYTES = 255;
export const MAX_PATH_BYTES = 4096;

const encoder = new TextEncoder();

/** UTF-8 bytes, as file systems count them. */
export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** The index of the first segment of a slash-separated path longer than a name can be, or -1. */
export function longSegmentIndex(path: string): number {
  return path.split('/').findIndex((segment) => byteLength(segment) > MAX_NAME_BYTES);
}

/** The start of a long name, enough to recognise it in a message. */
export function abbreviate(text: string): string {
  const chars = [...text];
  return chars.length <= 40 ? text : `${chars.slice(0, 40).join('')}…`;
}
