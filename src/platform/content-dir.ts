import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package root (where package.json and content/ live), from src/ under tests or dist/ when bundled. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'content'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('acm-advisor: cannot find its content/ folder');
    dir = up;
  }
  root = dir;
  return dir;
}

/** A path inside content/: contentPath('questions.yaml'). */
export function contentPath(...parts: string[]): string {
  return join(packageRoot(), 'content', ...parts);
}
