import { describe, expect, it } from 'vitest';
import { helpLines } from '../../src/ui/components/help-overlay.js';

describe('help lines come from the keymap', () => {
  it('opened from the certificate table: its own keys first, nothing from other views', () => {
    const lines = helpLines('certificates');
    expect(lines[0].heading).toMatch(/This view/);
    const text = lines.map((l) => `${l.keys ?? ''} ${l.description ?? ''}`).join('\n');
    expect(text).toMatch(/s sort column/);
    expect(text).toMatch(/\/ filter/);
    expect(text).not.toMatch(/recommendation/);
    expect(text).not.toMatch(/export Markdown/);
    expect(text).toMatch(/q quit/);
  });

  it('folds the five view switches into one line', () => {
    const views = helpLines('advisor').filter((l) => l.key === 'views');
    expect(views).toHaveLength(1);
    expect(views[0].keys).toBe('1 2 3 4 5');
    expect(views[0].description).toBe('Overview · Certificates · Findings · Advisor · Report');
  });

  it('without a screen lists every binding once, grouped', () => {
    const lines = helpLines();
    const text = lines.map((l) => l.description ?? '').join('\n');
    for (const d of ['recommendation', 'export Markdown', 'sort column', 'refresh']) expect(text).toContain(d);
  });

  it('the advisor’s help lists w and the workload prompt’s keys', () => {
    const lines = helpLines('advisor');
    const text = lines.map((l) => `${l.keys ?? ''} ${l.description ?? ''}${l.where ?? ''}`).join('\n');
    expect(text).toContain('w name the workload');
    expect(text).toContain('Enter save the name (workload name)');
    expect(text).toContain('Esc cancel, keep the old name (workload name)');
    expect(text).not.toContain('write the file');
    expect(helpLines('report').map((l) => `${l.description ?? ''}${l.where ?? ''}`)).toContain('write the file (export file name)');
  });
});
