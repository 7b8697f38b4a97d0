/**
 * Copying to the clipboard with OSC 52: the terminal itself sets its clipboard, so it works over SSH
 * and needs no clipboard program on the machine the app runs on. Inside tmux the sequence is sent twice:
 * as it is (tmux stores it in its paste buffer and passes it on when `set-clipboard` is on) and wrapped
 * in tmux's passthrough (a DCS that tmux 3.3+ hands to the outer terminal when `allow-passthrough` is on).
 * References: xterm's control sequences (OSC 52), tmux(1) `set-clipboard` and `allow-passthrough`.
 */

const ESC = '\u001b';
const BEL = '\u0007';

/** The bytes that put `text` on the clipboard; `tmux`: the app runs inside tmux ($TMUX is set). */
export function clipboardSequence(text: string, tmux: boolean): string {
  const osc = `${ESC}]52;c;${Buffer.from(text, 'utf8').toString('base64')}${BEL}`;
  if (!tmux) return osc;
  // In a passthrough every ESC of the wrapped sequence is doubled.
  return `${osc}${ESC}Ptmux;${osc.replaceAll(ESC, ESC + ESC)}${ESC}\\`;
}
