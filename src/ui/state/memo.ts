/**
 * Memoise a function on its last arguments (compared with ===): a selector called every frame
 * recomputes only when one of the pieces of state it reads has changed.
 */
export function memoLast<A extends readonly unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: { args: A; value: R } | null = null;
  return (...args: A): R => {
    if (last && last.args.length === args.length && last.args.every((a, i) => a === args[i])) return last.value;
    const value = fn(...args);
    last = { args, value };
    return value;
  };
}
