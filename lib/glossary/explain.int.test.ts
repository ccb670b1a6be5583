// Words the glossary lacks are read word by word from the open dictionaries the setup command
// installs and builds (scripts/lib/ensure-dictionaries.sh), and the explanation says it is literal.
import { describe, expect, it } from 'vitest';
import { dictionary } from './dictionaries';
import { explainDish } from './explain';

describe('literal readings from the dictionaries', () => {
  it('has the dictionaries built', () => {
    for (const language of ['fr', 'de', 'es', 'it', 'ja', 'zh'] as const)
      expect(dictionary(language)?.size ?? 0, language).toBeGreaterThan(1000);
  });

  it('reads a Chinese name the glossary lacks word by word (CC-CEDICT), with pinyin', async () => {
    const explanation = await explainDish('羊肉泡馍', 'zh-Hans');
    expect(explanation?.kind).toBe('literal');
    expect(explanation?.gloss.en).toMatch(/mutton|lamb|sheep/i);
    expect(explanation?.reading).toMatch(/yáng/);
  });

  it('reads a Japanese name from JMdict with a Hepburn reading', async () => {
    const explanation = await explainDish('鯖味噌煮', 'ja');
    expect(explanation?.reading).toMatch(/saba/);
    expect(explanation?.gloss.en ?? '').toMatch(/mackerel|miso/i);
  });

  it('reads a French name word by word, keeps unknown words as written and leaves out little words', async () => {
    const explanation = await explainDish('Rognons de veau à la moutarde', 'fr');
    expect(explanation?.kind).toBe('literal');
    expect(explanation?.gloss.en).toMatch(/veal/);
    expect(explanation?.gloss.en).toMatch(/mustard/);
    expect(explanation?.gloss.en).not.toMatch(/\bof\b|\bthe\b/);
  });
});
