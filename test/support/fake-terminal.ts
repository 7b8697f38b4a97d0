/**
 * Fake terminal streams for rendering the TUI without a TTY (tests and the bench). Unlike
 * ink-testing-library's, the stdout has settable `rows` and `columns` and can emit 'resize'.
 */
import { EventEmitter } from 'node:events';

export class FakeStdout extends EventEmitter {
  columns: number;
  rows: number;
  readonly isTTY = false;
  readonly frames: string[] = [];
  private last = '';
  /** Called on every write (the bench times frames with it). */
  onWrite: ((frame: string) => void) | null = null;

  constructor(columns = 120, rows = 40) {
    super();
    this.columns = columns;
    this.rows = rows;
  }

  write = (frame: string): boolean => {
    this.frames.push(frame);
    if (this.frames.length > 200) this.frames.splice(0, this.frames.length - 200);
    this.last = frame;
    this.onWrite?.(frame);
    return true;
  };

  lastFrame = (): string => this.last;

  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private queue: string[] = [];

  constructor() {
    super();
    // Like a real stream: keys typed before the app listens (it loads behind the first frame) wait
    // in the queue, and a 'readable' listener added later hears of them.
    this.on('newListener', (event: string) => {
      if (event === 'readable') process.nextTick(() => this.queue.length > 0 && this.emit('readable'));
    });
  }

  write = (data: string): void => {
    this.queue.push(data);
    this.emit('readable');
    this.emit('data', data);
  };

  read = (): string | null => this.queue.shift() ?? null;
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

// CSI, OSC and two-byte escapes, for reading frames as plain text.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
