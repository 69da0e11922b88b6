import { describe, expect, it, vi } from 'vitest';
import { codeLabels } from '../../domain/labels.js';

type I18n = {
  loadLabels(): Promise<void>;
  setLocale(l: string): void;
  t(key: string, vars?: Record<string, unknown>): string;
};

/** web/i18n.js in Node: the labels from the server's list, the locale kept in an in-memory storage. */
async function i18n(): Promise<I18n> {
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
  vi.stubGlobal('document', { documentElement: {} });
  vi.stubGlobal('fetch', async () => ({ ok: true, json: async () => codeLabels() }));
  const mod = (await import(`../../web/${'i18n'}.js`)) as I18n;
  await mod.loadLabels();
  return mod;
}

describe('rule ids in the web’s strings', () => {
  it('names each rule once, in Chinese by its article and in English by its id', async () => {
    const { t, setLocale } = await i18n();
    setLocale('zh');
    expect(t('launch.help.confidential')).toBe(
      '依法不予公开的，跳过公众参与（《重大行政决策程序暂行条例》第十四条），须说明理由。',
    );
    setLocale('en');
    // Once "rule rule R4": the bracket's name holds its id and was replaced again.
    expect(t('launch.help.confidential')).toBe(
      'A decision not to be disclosed skips public participation (rule R4) and records why.',
    );
    expect(t('launch.need.confidentialReason')).toMatch(/^rule R4: /);
  });
});
