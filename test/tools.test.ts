import { describe, expect, it, vi } from 'vitest';
import { TOOLS, needs } from './support/tools.js';

describe('a missing machine tool', () => {
  it('fails the run under CI=true, naming the tool and how to install it', () => {
    const had = TOOLS.postgresql.available;
    TOOLS.postgresql.available = () => false;
    try {
      expect(() => needs('postgresql', 'pool and numbering on PostgreSQL', { CI: 'true' })).toThrow(
        /CI=true and a required tool is missing\. pool and numbering on PostgreSQL: needs a PostgreSQL server named by TEST_DATABASE_URL/,
      );
    } finally {
      TOOLS.postgresql.available = had;
    }
  });

  it('skips locally and prints why', () => {
    const had = TOOLS.chromium.available;
    TOOLS.chromium.available = () => false;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(needs('chromium', 'the browser journey', {})).toBe(false);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[skipped\] the browser journey: needs Chromium at /));
    } finally {
      warn.mockRestore();
      TOOLS.chromium.available = had;
    }
  });

  it('lets the tests run when the tool is there, on CI or not', () => {
    const had = TOOLS.libreoffice.available;
    TOOLS.libreoffice.available = () => true;
    try {
      expect(needs('libreoffice', 'letters', { CI: 'true' })).toBe(true);
      expect(needs('libreoffice', 'letters', {})).toBe(true);
    } finally {
      TOOLS.libreoffice.available = had;
    }
  });
});
