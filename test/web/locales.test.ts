import { describe, expect, it } from 'vitest';

/** A locale file of the web (plain JS, type-checked with web/tsconfig.json). */
const strings = (locale: 'zh' | 'en'): Promise<Record<string, string>> =>
  import(`../../web/locales/${locale}.js`).then((m) => m.default);

describe('the web’s strings (web/locales/{zh,en}.js)', () => {
  it('has every string in both locales, none empty', async () => {
    const [zh, en] = await Promise.all([strings('zh'), strings('en')]);
    const zhKeys = Object.keys(zh);
    const enKeys = Object.keys(en);
    expect(zhKeys.filter((k) => !(k in en))).toEqual([]);
    expect(enKeys.filter((k) => !(k in zh))).toEqual([]);
    expect([...Object.entries(zh), ...Object.entries(en)].filter(([, v]) => !String(v).trim()).map(([k]) => k)).toEqual(
      [],
    );
    // Chinese strings are Chinese (a key left in English in zh.js shows English to Chinese readers).
    const latinOnly = Object.entries(zh).filter(([, v]) => /^[\x20-\x7e]+$/.test(v) && /[a-z]{3}/i.test(v));
    expect(latinOnly).toEqual([]);
  });
});
