import type { Producer, Producers } from '../render/types.ts';

export type ProgressReport = (done: number, total: number) => void;

/** The same producers, the post pages among them counted as they are rendered. */
export function trackPosts(files: Producers, postOutputs: readonly string[], report: ProgressReport): Producers {
  const posts = new Set(postOutputs.filter((path) => files.has(path)));
  let done = 0;
  const counted = (produce: Producer): Producer => (into) => {
    const bytes = produce(into);
    report(++done, posts.size);
    return bytes;
  };
  return new Map([...files].map(([path, produce]) => [path, posts.has(path) ? counted(produce) : produce]));
}

export interface ProgressLine {
  start(): void;
  update: ProgressReport;
  /** Clears the line, so that what is printed next starts at the left margin. */
  end(): void;
}

/**
 * One line on a terminal, rewritten in place: "Rendering posts 120/400". Redrawn when the whole
 * percentage changes, so a large site does not spend its time writing to the terminal.
 */
export function progressLine(write: (text: string) => void): ProgressLine {
  let shown = -1;
  const draw = (text: string) => write(`\r\x1b[2K${text}`);
  return {
    start: () => draw('Building...'),
    update(done, total) {
      const percent = Math.floor((done * 100) / Math.max(total, 1));
      if (percent === shown) return;
      shown = percent;
      draw(`Rendering posts ${done}/${total} (${percent}%)`);
    },
    end: () => draw(''),
  };
}
