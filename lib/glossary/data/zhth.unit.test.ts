import { describe, expect, it } from 'vitest';
import { GLOSS_LANGUAGES, type GlossaryEntry, INGREDIENT_HINTS } from '../types';
import { TH_GLOSSARY } from './th';
import { ZH_GLOSSARY } from './zh';

const HAN = /\p{Script=Han}/u;
const THAI = /\p{Script=Thai}/u;
/** NIKHAHIT + SARA AA: a decomposed SARA AM (ำ should be the single character U+0E33). */
const DECOMPOSED_SARA_AM = /\u0E4D\u0E32/;

// Simplified → traditional pairs for the characters the Chinese glossary writes both ways. An entry
// "has both scripts" when two of its names have the same length and differ only at positions where
// the first has a simplified character and the second its traditional form from this table.
const S2T: ReadonlyMap<string, string> = new Map(
  (
    '东東 丝絲 乌烏 云雲 价價 儿兒 兰蘭 兴興 内內 冻凍 凉涼 凤鳳 卖賣 卜蔔 卤滷 卷捲 双雙 台臺 噜嚕 圆圓 ' +
    '头頭 宫宮 岛島 带帶 干乾 庆慶 当當 扎紮 扬揚 担擔 挞撻 斩斬 无無 时時 条條 杨楊 柠檸 桥橋 汤湯 浆漿 ' +
    '浇澆 湾灣 炖燉 点點 烧燒 烫燙 热熱 焖燜 狮獅 猪豬 盐鹽 盖蓋 盘盤 笼籠 红紅 线線 绍紹 绿綠 肠腸 脑腦 ' +
    '芦蘆 萝蘿 葱蔥 虾蝦 蚝蠔 蛎蠣 袜襪 贴貼 贵貴 过過 酱醬 铁鐵 锅鍋 门門 面麵 饨飩 馄餛 饭飯 饺餃 饼餅 ' +
    '馒饅 鱼魚 鲁魯 鲈鱸 鲜鮮 鸡雞 鸭鴨 鸯鴦 鸳鴛 鹅鵝 麦麥 黄黃 龙龍'
  )
    .split(' ')
    .map((pair) => [pair[0], pair[1]] as [string, string]),
);
/** The traditional side of the table: characters a simplified-Chinese gloss must not use. */
const TRADITIONAL_ONLY = [...S2T.values()];

/** How an entry is named in failure messages: its first (usual) name. */
const label = (entry: GlossaryEntry): string => entry.names[0] ?? '(no name)';

function isSimplifiedTraditionalPair(simplified: string, traditional: string): boolean {
  const s = [...simplified];
  const t = [...traditional];
  if (s.length !== t.length || simplified === traditional) return false;
  return s.every((c, i) => c === t[i] || S2T.get(c) === t[i]);
}

function hasBothScripts(entry: GlossaryEntry): boolean {
  return entry.names.some((a) => entry.names.some((b) => isSimplifiedTraditionalPair(a, b)));
}

const glossaries = [
  {
    name: 'zh',
    entries: ZH_GLOSSARY,
    script: HAN,
    reading: /^[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü' -]+$/i,
  },
  { name: 'th', entries: TH_GLOSSARY, script: THAI, reading: /^[a-z' -]+$/ },
];

describe.each(glossaries)('$name glossary', ({ entries, script, reading }) => {
  it('has at least 90 dishes and 40 menu words', () => {
    expect(entries.filter((e) => e.kind === 'dish').length).toBeGreaterThanOrEqual(90);
    expect(entries.filter((e) => e.kind === 'word').length).toBeGreaterThanOrEqual(40);
  });

  it('explains every entry in all six languages, briefly', () => {
    for (const entry of entries) {
      expect(Object.keys(entry.gloss).sort(), label(entry)).toEqual([...GLOSS_LANGUAGES].sort());
      for (const language of GLOSS_LANGUAGES) {
        const text = entry.gloss[language];
        expect(text.trim(), `${label(entry)} ${language}`).not.toBe('');
        expect([...text].length, `${label(entry)} ${language}: ${text}`).toBeLessThanOrEqual(80);
      }
    }
  });

  it('writes simplified Chinese glosses without traditional-only characters', () => {
    for (const entry of entries) {
      const text = entry.gloss['zh-Hans'];
      const found = TRADITIONAL_ONLY.filter((c) => text.includes(c));
      expect(found, `${label(entry)}: ${text}`).toEqual([]);
    }
  });

  it('has NFC names, none shared by two entries', () => {
    const owner = new Map<string, string>();
    for (const entry of entries) {
      expect(entry.names.length, label(entry)).toBeGreaterThan(0);
      expect(new Set(entry.names).size, `repeated name in ${label(entry)}`).toBe(entry.names.length);
      for (const name of entry.names) {
        expect(name, name).toBe(name.normalize('NFC'));
        expect(name, name).toBe(name.trim());
        expect(owner.get(name), `${name} is in ${owner.get(name)} and ${label(entry)}`).toBeUndefined();
        owner.set(name, label(entry));
      }
    }
  });

  it('gives every entry a reading in the expected romanisation', () => {
    for (const entry of entries) {
      expect(entry.reading, label(entry)).toBeDefined();
      const text = entry.reading ?? '';
      expect(text, label(entry)).toMatch(reading);
      expect(text, label(entry)).toBe(text.normalize('NFC'));
      expect(text, label(entry)).toBe(text.trim());
      expect(text, label(entry)).not.toMatch(/ {2}/);
    }
  });

  it('writes names in the cuisine’s script', () => {
    for (const entry of entries) {
      for (const name of entry.names) expect(name, name).toMatch(script);
    }
  });

  it('uses only known ingredient hints, each once', () => {
    const known = new Set<string>(INGREDIENT_HINTS);
    for (const entry of entries) {
      const hints = entry.contains ?? [];
      for (const hint of hints) expect(known.has(hint), `${label(entry)}: ${hint}`).toBe(true);
      expect(new Set(hints).size, label(entry)).toBe(hints.length);
    }
  });

  it('names a source for every entry', () => {
    for (const entry of entries) expect(entry.source.trim(), label(entry)).not.toBe('');
  });
});

describe('zh glossary scripts', () => {
  it('gives at least 40 entries both a simplified and a different traditional name', () => {
    expect(ZH_GLOSSARY.filter(hasBothScripts).length).toBeGreaterThanOrEqual(40);
  });

  it('recognises a simplified/traditional pair only through the table', () => {
    expect(isSimplifiedTraditionalPair('宫保鸡丁', '宮保雞丁')).toBe(true);
    expect(isSimplifiedTraditionalPair('牛肉面', '牛肉麵')).toBe(true);
    expect(isSimplifiedTraditionalPair('饺子', '水饺')).toBe(false);
    expect(isSimplifiedTraditionalPair('麻婆豆腐', '麻婆豆腐')).toBe(false);
  });
});

describe('th glossary spelling', () => {
  it('writes SARA AM as the single character U+0E33', () => {
    for (const entry of TH_GLOSSARY) {
      for (const name of entry.names) expect(DECOMPOSED_SARA_AM.test(name), name).toBe(false);
    }
  });

  it('spells the common dishes as menus do', () => {
    const names = new Set(TH_GLOSSARY.flatMap((e) => e.names));
    for (const name of ['ต้มยำกุ้ง', 'ผัดไทย', 'ส้มตำ', 'แกงเขียวหวาน', 'ต้มข่าไก่', 'ก๋วยเตี๋ยวเรือ']) {
      expect(names.has(name), name).toBe(true);
    }
  });
});
