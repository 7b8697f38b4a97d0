import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** Ink 6 has no size hook: read stdout (with fallbacks — test streams may lack `rows`) and follow 'resize'. */
export function readSize(stdout: NodeJS.WriteStream | undefined): TerminalSize {
  const columns = stdout?.columns;
  const rows = stdout?.rows;
  return {
    columns: typeof columns === 'number' && columns > 0 ? columns : 80,
    rows: typeof rows === 'number' && rows > 0 ? rows : 24,
  };
}

/** Lines outside the view: status line, tab bar, footer — plus the one spare row Ink 6 needs. */
export const CHROME_ROWS = 4;

/** The rows a view gets. */
export function contentHeight(size: TerminalSize): number {
  return Math.max(3, size.rows - CHROME_ROWS);
}

export function useTerminalSize(onResize?: (size: TerminalSize) => void): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => readSize(stdout));
  useEffect(() => {
    const handler = () => {
      const next = readSize(stdout);
      setSize((prev) => (prev.columns === next.columns && prev.rows === next.rows ? prev : next));
      onResize?.(next);
    };
    stdout.on('resize', handler);
    handler();
    return () => {
      stdout.off('resize', handler);
    };
  }, [stdout, onResize]);
  return size;
}
