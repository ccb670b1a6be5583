// Fixed phrases of the staff card: the full-screen card a diner turns towards the waiter, written in the
// language of the MENU (not the language of the diners). Everything here is static data, written and
// checked by hand; nothing is machine-translated, at build time or at run time. Dish names and the diners'
// own notes are NOT translated either: they are shown as typed (dish names as printed on the menu).
//
// How it was written
// - Each need is one short, polite sentence said by a diner about a dish or a person, in the form a
//   restaurant in that country would understand at a glance: first the condition ("peanut allergy"), then
//   what to leave out. Where a local kitchen routinely hides an allergen in a base ingredient, that
//   ingredient is named too (fish sauce / shrimp paste / oyster sauce in Thai, Vietnamese and Chinese,
//   fish stock (dashi) in Japanese, salted shrimp in Korean kimchi, lard in Chinese and Vietnamese,
//   ham and bacon in the European languages, fresh egg pasta in Italian). So the sentences say the same
//   thing in every language but are not word-for-word copies of the English.
// - Politeness: Korean polite -요 style (해요체); Japanese です/ます and ください; Thai avoids the gendered
//   particles ครับ/ค่ะ and uses รบกวน ("may I trouble you to …") for every leave-out request and ขอ
//   ("may I have") for an order, never the stiffer written กรุณา; Chinese uses 请/請; Vietnamese
//   "vui lòng không …" (the usual written "please don't"; "xin đừng" reads as pleading) or a plain
//   "không …" list; Spanish/French/Italian "por favor / s’il vous plaît / per favore"; German "bitte".
//   Diets are worded as the diet ("Dieta vegetariana", "Régime végétarien"), not the person, so the
//   card needs no grammatical gender.
// - zh-Hans is written for mainland China (黄油, 芝麻油, 料酒); zh-Hant for Taiwan first and Hong Kong second
//   (奶油 = butter, 起司, 麻油, 米酒; 著 as the aspect particle, as in Taiwan).
// - Spanish is written for Spain, with the Latin American word added where they differ most and the dish
//   is common (cacahuete (maní)); Vietnamese uses southern words with the northern one in brackets where
//   it matters (đậu phộng (lạc), mè (vừng), thịt heo (lợn)).
// - Counted words avoid grammatical number where the language has it ("Dishes: {n}" rather than
//   "{n} dishes", which would read "1 dishes"). Japanese uses "×{n}" for a quantity and 品 ("うち{n}品",
//   "計{n}品") where a counter is needed, because the native counter つ stops at 9 (10 is とお, not "10つ").
// - "shared by {n}" is worded as a statement about the diners ("{n} people share it", "lo compartimos
//   entre {n}"), never as a portion size ("for {n}", "{n}人份", "{n}인분", "para {n}", "per {n}"),
//   so the kitchen brings the quantity ordered, not a bigger dish.
// - French uses a no-break space (U+00A0) before ":" and "!" so the card never wraps a lone colon.
// - `back` gives, for ko/ja/zh/th, the romanisation (ko: Revised Romanization of Korean; ja: modified
//   Hepburn with macrons; zh: Hanyu Pinyin with tone marks, citation tones, words joined as in
//   GB/T 16159; th: RTGS, which does not mark tones or vowel length), then " — " and an English
//   back-translation; for Latin-script languages `back` is just the English back-translation, so the
//   diner can see exactly what the card says.
//
// References (used for the allergen categories and their standard names; consulted as terminology and
// style references, no text copied from any of them):
// - Japan: Consumer Affairs Agency (消費者庁), Food Labelling Standard allergen lists — specified
//   ingredients (特定原材料: えび, かに, くるみ, 小麦, そば, 卵, 乳, 落花生) and recommended items
//   (アーモンド, カシューナッツ, ごま, 大豆, …); JNTO (Japan National Tourism Organization) guidance for
//   visitors with food allergies and dietary needs (vegetarian / Muslim-friendly dining).
// - Korea: MFDS (식품의약품안전처) allergen labelling list (알류, 우유, 땅콩, 대두, 밀, 새우, 게, 조개류, 호두, 잣,
//   돼지고기, 쇠고기, …).
// - China: GB 7718 (general standard for the labelling of prepackaged foods), allergen list (含有麸质的
//   谷物, 甲壳纲类动物, 鱼类, 蛋类, 花生, 大豆, 乳, 坚果).
// - Taiwan: TFDA (衛生福利部食品藥物管理署) food allergen labelling rules (甲殼類, 花生, 牛奶羊奶, 蛋, 堅果類,
//   芝麻, 含麩質之穀物, 大豆, 魚類, …).
// - Thailand: Thai FDA, Ministry of Public Health notifications on the labelling of prepackaged food
//   (No. 367 as amended by No. 383, and No. 450) — allergen names ถั่วลิสง, ถั่วเหลือง, ถั่วที่มีเปลือกแข็ง,
//   สัตว์น้ำที่มีเปลือกแข็ง, ธัญพืชที่มีกลูเตน, …
// - Vietnam: Decree 43/2017/ND-CP on goods labelling, as amended by Decree 111/2021/ND-CP (food-label
//   vocabulary).
// - EU: Regulation (EU) No 1169/2011, Annex II (substances causing allergies or intolerances), in its
//   Spanish, French, Italian, German and English language versions (frutos de cáscara / fruits à coque /
//   frutta a guscio / Schalenfrüchte, crustáceos / crustacés / crostacei / Krebstiere, …).
// - Style references for what a diner's allergy card says and how short it must be: Equal Eats and
//   Select Wisely allergy translation cards, coeliac-society gluten-free restaurant cards.
//
// Review: every entry was written once and reviewed language by language by its writer; then, on
// 2026-12-01, reviewed a second time by an independent reviewer (also not a native speaker of every
// language here). What the second review changed, and why:
// - ja: ofThese "そのうち{n}つ" → "うち{n}品" (つ is wrong from 10); wheat names 麺, パン粉 and wheat-brewed
//   醤油; fish names かつお節・煮干し; vegetarian/vegan say 魚介類 (fish and shellfish); pork names ハム・
//   ベーコン, beef 牛脂・ビーフエキス; halal "ハラールの料理" (not "食事を食べる") and covers みりん・料理酒.
// - ko: wheat names 간장·고추장 made with wheat; soy adds 두부, 고추장; "육수" alone → "고기·멸치 육수",
//   plus 젓갈 and 해산물 in vegetarian/vegan (kimchi and soups hide them); fish adds 멸치 육수; pork and
//   beef add 햄·베이컨·돼지 육수 / 사골 국물; allergy heading "식이 제한" (clinical) → "못 먹는 음식".
// - zh: 杏仁 (almond or apricot kernel) → 巴旦木（扁桃仁）in zh-Hans, 杏仁果（扁桃仁）in zh-Hant; vegetarian
//   and vegan say 葱蒜可以吃 so 吃素/纯素 is not read as Buddhist (no five pungents), and name lard and
//   meat stock; 全素 → 纯素/純素; wheat names flour, 面筋 and soy sauce; halal uses 请 and names lard and
//   cooking wine; "{n}人分着吃" → "{n}个人分着吃" so it cannot be misread as "{n}人份" (a portion for {n}).
//   zh-Hant avoids 牛油 (butter in Hong Kong) and keeps Taiwan words (奶油, 起司, 麻油, 米酒, 著).
// - th: กรุณา → รบกวน throughout; tree nuts use the everyday ถั่วเปลือกแข็ง with examples; vegan no
//   longer says เจ (which also means no garlic, onion, chives) and lists the animal products instead;
//   hidden ingredients named (ถั่วป่น, กุ้งแห้ง, ปลาร้า, เต้าเจี้ยว, น้ำมันหอย, น้ำมันหมู, wheat sauces).
// - vi: "xin đừng cho" → "vui lòng không cho/dùng"; allergy heading "kiêng ăn" → "chế độ ăn"; tree nuts
//   "các loại hạt" (also seeds, grains) now names examples; vegetarian/vegan name lard and bone broth.
// - es/fr/it: "shared by {n}" no longer reads like a menu portion ("para compartir entre 2",
//   "à partager à 2", "da dividere in 2" are how menus say "for two"); diets named as the diet; es adds
//   Latin American words (camarones, soya, ajonjolí, res) and fish stock; fr "pas épicé" → "pas pimenté"
//   (épicé is "spiced"); fr/it/de add cream (crème, panna, Sahne) and hazelnuts.
// - en: "not even in cooking", "eggs, dairy".
// Still needs a native speaker in the country before release, most important first:
// - th: the whole set (register of รบกวน without ครับ/ค่ะ on a card; whether staff know วีแกน and
//   มังสวิรัติ without เจ; whether ถั่วป่น and บะหมี่ are read as intended).
// - vi: "vui lòng không …" vs a plainer "không …" on a card; "ăn chay" may still be read as Buddhist
//   (no onion/garlic, maybe no egg); bơ (butter, also avocado) in the milk line; southern words with
//   northern ones in brackets.
// - zh: whether 吃素（葱蒜可以吃）reads naturally; 巴旦木 vs 杏仁 for almond in the mainland; 牛油 (tallow in
//   Sichuan, butter elsewhere) in zh-Hans no_beef; Hong Kong words (芝士, 牛油) are not covered.
// - ko: 비건 for older staff; whether 고추장 in the soy line is too broad.
// - ja: whether うち{n}品 reads naturally for several servings of one dish (vs うち{n}人前, which breaks
//   on drinks).
// - es/fr/it/de/en: Latin American Spanish beyond the bracketed words; halal and vegan are stated as
//   what to leave out, not as certified halal or vegan kitchens.

import {
  ALLERGENS,
  DIETARY_NEEDS,
  type DietaryNeed,
  MENU_LANGUAGE_CODES,
  type MenuLanguageCode,
} from '../protocolValues';

/** The card is written in the menu's language: every menu language has a full set of phrases. */
export const CARD_LANGUAGES = MENU_LANGUAGE_CODES;
export type CardLanguage = MenuLanguageCode;
export { DIETARY_NEEDS, type DietaryNeed };

export const CARD_WORDS = [
  'orderTitle',
  'quantity',
  'forTheTable',
  'sharedBy',
  'allergyHeading',
  'ofThese',
  'note',
  'round',
  'allRounds',
  'total',
  'dishes',
  'thankYou',
  'noItems',
  'showAllergy',
  'fromMenu',
] as const;
export type CardWord = (typeof CARD_WORDS)[number];

export interface Phrase {
  text: string;
  /** romanisation (for non-Latin scripts) and an English back-translation, e.g. "ttangkong allereugiga isseoyo — I have a peanut allergy" */
  back: string;
}

export interface LanguagePhrases {
  needs: Record<DietaryNeed, Phrase>;
  words: Record<CardWord, Phrase>;
}

export const PHRASES: Record<CardLanguage, LanguagePhrases> = {
  ko: {
    needs: {
      peanuts: {
        text: '땅콩 알레르기가 있어요. 땅콩은 빼 주세요.',
        back: 'Ttangkong allereugiga isseoyo. Ttangkongeun ppae juseyo. — I have a peanut allergy. Please leave out peanuts.',
      },
      tree_nuts: {
        text: '견과류 알레르기가 있어요. 호두, 아몬드, 잣 등은 빼 주세요.',
        back: 'Gyeongwaryu allereugiga isseoyo. Hodu, amondeu, jat deungeun ppae juseyo. — I have a tree-nut allergy. Please leave out walnuts, almonds, pine nuts and the like.',
      },
      shellfish: {
        text: '갑각류와 조개류 알레르기가 있어요. 새우, 게, 조개, 새우젓은 빼 주세요.',
        back: 'Gapgangnyuwa jogaeryu allereugiga isseoyo. Saeu, ge, jogae, saeujeoseun ppae juseyo. — I am allergic to crustaceans and shellfish. Please leave out shrimp, crab, clams and salted shrimp.',
      },
      fish: {
        text: '생선 알레르기가 있어요. 생선, 액젓, 멸치 육수는 빼 주세요.',
        back: 'Saengseon allereugiga isseoyo. Saengseon, aekjeot, myeolchi yuksuneun ppae juseyo. — I have a fish allergy. Please leave out fish, fish sauce and anchovy stock.',
      },
      egg: {
        text: '계란 알레르기가 있어요. 계란은 빼 주세요.',
        back: 'Gyeran allereugiga isseoyo. Gyeraneun ppae juseyo. — I have an egg allergy. Please leave out egg.',
      },
      milk: {
        text: '우유 알레르기가 있어요. 우유, 버터, 치즈는 빼 주세요.',
        back: 'Uyu allereugiga isseoyo. Uyu, beoteo, chijeuneun ppae juseyo. — I have a milk allergy. Please leave out milk, butter and cheese.',
      },
      wheat: {
        text: '밀(글루텐) 알레르기가 있어요. 밀가루는 빼 주시고, 밀이 든 간장·고추장도 안 돼요.',
        back: 'Mil(geulluten) allereugiga isseoyo. Milgaruneun ppae jusigo, miri deun ganjang·gochujangdo an dwaeyo. — I have a wheat (gluten) allergy. Please leave out wheat flour; soy sauce or gochujang that contains wheat is not OK either.',
      },
      soy: {
        text: '콩(대두) 알레르기가 있어요. 콩, 두부, 간장, 된장, 고추장은 빼 주세요.',
        back: 'Kong(daedu) allereugiga isseoyo. Kong, dubu, ganjang, doenjang, gochujangeun ppae juseyo. — I have a soy allergy. Please leave out soybeans, tofu, soy sauce, soybean paste and gochujang.',
      },
      sesame: {
        text: '참깨 알레르기가 있어요. 깨와 참기름은 빼 주세요.',
        back: 'Chamkkae allereugiga isseoyo. Kkaewa chamgireumeun ppae juseyo. — I have a sesame allergy. Please leave out sesame seeds and sesame oil.',
      },
      vegetarian: {
        text: '채식주의자예요. 고기, 생선, 해산물, 젓갈, 고기·멸치 육수는 빼 주세요.',
        back: 'Chaesikjuuijayeyo. Gogi, saengseon, haesanmul, jeotgal, gogi·myeolchi yuksuneun ppae juseyo. — I am vegetarian. Please leave out meat, fish, seafood, salted fermented seafood (jeotgal) and meat or anchovy stock.',
      },
      vegan: {
        text: '비건(완전 채식)이에요. 고기, 생선, 해산물, 젓갈, 고기·멸치 육수, 계란, 우유, 꿀은 빼 주세요.',
        back: 'Bigeon(wanjeon chaesik)ieyo. Gogi, saengseon, haesanmul, jeotgal, gogi·myeolchi yuksu, gyeran, uyu, kkureun ppae juseyo. — I am vegan (fully plant-based). Please leave out meat, fish, seafood, jeotgal, meat or anchovy stock, egg, milk and honey.',
      },
      no_pork: {
        text: '돼지고기는 못 먹어요. 햄, 베이컨, 돼지 육수도 빼 주세요.',
        back: 'Dwaejigogineun mot meogeoyo. Haem, beikeon, dwaeji yuksudo ppae juseyo. — I cannot eat pork. Please also leave out ham, bacon and pork stock.',
      },
      no_beef: {
        text: '소고기는 못 먹어요. 소고기 육수나 사골 국물도 빼 주세요.',
        back: 'Sogogineun mot meogeoyo. Sogogi yuksuna sagol gungmuldo ppae juseyo. — I cannot eat beef. Please also leave out beef stock and beef-bone broth (sagol).',
      },
      no_alcohol: {
        text: '술은 못 마셔요. 요리용 술(맛술, 청주)도 빼 주세요.',
        back: 'Sureun mot masyeoyo. Yoriyong sul(matsul, cheongju)do ppae juseyo. — I cannot drink alcohol. Please also leave out cooking alcohol (mirin-type cooking wine, rice wine).',
      },
      halal: {
        text: '할랄 음식만 먹어요. 돼지고기와 술(맛술 포함)은 빼 주세요.',
        back: 'Hallal eumsingman meogeoyo. Dwaejigogiwa sul(matsul poham)eun ppae juseyo. — I eat only halal food. Please leave out pork and alcohol (cooking wine included).',
      },
      not_spicy: {
        text: '안 맵게 해 주세요.',
        back: 'An maepge hae juseyo. — Please make it not spicy.',
      },
    },
    words: {
      orderTitle: { text: '주문할게요', back: "Jumunhalgeyo — We'd like to order" },
      quantity: {
        text: '{n}개',
        back: '{n} gae — {n} (개 is the everyday counter a Korean waiter uses for dishes: "비빔밥 2개")',
      },
      forTheTable: { text: '나눠 먹을게요', back: "Nanwo meogeulgeyo — We'll share it" },
      sharedBy: {
        text: '{n}명이 나눠 먹을게요',
        back: '{n} myeongi nanwo meogeulgeyo — {n} people will share it',
      },
      allergyHeading: {
        text: '저희 테이블 알레르기·못 먹는 음식',
        back: 'Jeohui teibeul allereugi·mot meongneun eumsik — Allergies and foods we cannot eat, at our table',
      },
      ofThese: { text: '그중 {n}개:', back: 'Geujung {n} gae: — {n} of them:' },
      note: { text: '요청 사항', back: 'Yocheong sahang — Request (note)' },
      round: { text: '{n}번째 주문', back: '{n} beonjjae jumun — Order no. {n}' },
      allRounds: { text: '전체 주문 내역', back: 'Jeonche jumun naeyeok — All orders (so far)' },
      total: { text: '합계', back: 'Hapgye — Total' },
      dishes: { text: '총 {n}개', back: 'Chong {n} gae — {n} items in total' },
      thankYou: { text: '감사합니다!', back: 'Gamsahamnida! — Thank you!' },
      noItems: { text: '아직 주문한 게 없어요', back: 'Ajik jumunhan ge eopseoyo — Nothing ordered yet' },
      showAllergy: {
        text: '알레르기 주의! 꼭 확인해 주세요',
        back: 'Allereugi juui! Kkok hwaginhae juseyo — Allergy warning! Please be sure to check',
      },
      fromMenu: {
        text: '메뉴판에 적힌 그대로',
        back: 'Menyupane jeokin geudaero — Exactly as written on the menu',
      },
    },
  },

  ja: {
    needs: {
      peanuts: {
        text: 'ピーナッツ（落花生）アレルギーです。ピーナッツ抜きでお願いします。',
        back: 'Pīnattsu (rakkasei) arerugī desu. Pīnattsu nuki de onegai shimasu. — I have a peanut allergy. No peanuts, please.',
      },
      tree_nuts: {
        text: 'ナッツ類アレルギーです。くるみ・アーモンド・カシューナッツなどは抜きでお願いします。',
        back: 'Nattsu-rui arerugī desu. Kurumi, āmondo, kashū nattsu nado wa nuki de onegai shimasu. — I have a (tree) nut allergy. No walnuts, almonds, cashews or the like, please.',
      },
      shellfish: {
        text: '甲殻類・貝類アレルギーです。えび・かに・貝は抜きでお願いします。',
        back: 'Kōkakurui, kairui arerugī desu. Ebi, kani, kai wa nuki de onegai shimasu. — I am allergic to crustaceans and shellfish. No shrimp, crab or shellfish, please.',
      },
      fish: {
        text: '魚アレルギーです。魚と魚のだし（かつお節・煮干し）は抜きでお願いします。',
        back: 'Sakana arerugī desu. Sakana to sakana no dashi (katsuobushi, niboshi) wa nuki de onegai shimasu. — I have a fish allergy. No fish and no fish stock (bonito flakes, dried sardines), please.',
      },
      egg: {
        text: '卵アレルギーです。卵抜きでお願いします。',
        back: 'Tamago arerugī desu. Tamago nuki de onegai shimasu. — I have an egg allergy. No egg, please.',
      },
      milk: {
        text: '牛乳アレルギーです。牛乳・バター・チーズなど乳製品は抜きでお願いします。',
        back: 'Gyūnyū arerugī desu. Gyūnyū, batā, chīzu nado nyūseihin wa nuki de onegai shimasu. — I have a milk allergy. No dairy (milk, butter, cheese and the like), please.',
      },
      wheat: {
        text: '小麦アレルギーです。小麦粉・麺・パン粉も、小麦入りの醤油も使わないでください。',
        back: 'Komugi arerugī desu. Komugiko, men, panko mo, komugi-iri no shōyu mo tsukawanaide kudasai. — I have a wheat allergy. Please use no wheat flour, noodles or breadcrumbs, and no soy sauce that contains wheat.',
      },
      soy: {
        text: '大豆アレルギーです。大豆・醤油・味噌抜きでお願いします。',
        back: 'Daizu arerugī desu. Daizu, shōyu, miso nuki de onegai shimasu. — I have a soy allergy. No soybeans, soy sauce or miso, please.',
      },
      sesame: {
        text: 'ごまアレルギーです。ごま・ごま油抜きでお願いします。',
        back: 'Goma arerugī desu. Goma, goma-abura nuki de onegai shimasu. — I have a sesame allergy. No sesame or sesame oil, please.',
      },
      vegetarian: {
        text: 'ベジタリアンです。肉・魚介類（だしも）は使わないでください。',
        back: 'Bejitarian desu. Niku, gyokairui (dashi mo) wa tsukawanaide kudasai. — I am vegetarian. Please do not use meat, fish or seafood (stock made from them included).',
      },
      vegan: {
        text: 'ヴィーガンです。肉・魚介類（だしも）・卵・乳製品・はちみつは使わないでください。',
        back: 'Vīgan desu. Niku, gyokairui (dashi mo), tamago, nyūseihin, hachimitsu wa tsukawanaide kudasai. — I am vegan. Please do not use meat, fish or seafood (stock made from them included), egg, dairy or honey.',
      },
      no_pork: {
        text: '豚肉は食べられません。ハム・ベーコン・ラード・豚骨スープも使わないでください。',
        back: 'Butaniku wa taberaremasen. Hamu, bēkon, rādo, tonkotsu sūpu mo tsukawanaide kudasai. — I cannot eat pork. Please do not use ham, bacon, lard or pork-bone broth either.',
      },
      no_beef: {
        text: '牛肉は食べられません。牛脂やビーフエキスも使わないでください。',
        back: 'Gyūniku wa taberaremasen. Gyūshi ya bīfu ekisu mo tsukawanaide kudasai. — I cannot eat beef. Please do not use beef fat or beef extract either.',
      },
      no_alcohol: {
        text: 'アルコール抜きでお願いします。料理酒・みりんも使わないでください。',
        back: 'Arukōru nuki de onegai shimasu. Ryōrishu, mirin mo tsukawanaide kudasai. — No alcohol, please. Please do not use cooking sake or mirin either.',
      },
      halal: {
        text: 'ハラールの料理しか食べられません。豚肉とアルコール（みりん・料理酒も）は使わないでください。',
        back: 'Harāru no ryōri shika taberaremasen. Butaniku to arukōru (mirin, ryōrishu mo) wa tsukawanaide kudasai. — I can only eat halal food. Please do not use pork or alcohol (mirin and cooking sake included).',
      },
      not_spicy: {
        text: '辛くしないでください。',
        back: 'Karaku shinaide kudasai. — Please do not make it spicy.',
      },
    },
    words: {
      orderTitle: { text: '注文をお願いします', back: "Chūmon o onegai shimasu — We'd like to order" },
      quantity: {
        text: '×{n}',
        back: '× {n} (kakeru {n}) — {n} of this dish, as order slips write it (the counter つ would break at 10)',
      },
      forTheTable: { text: 'みんなでシェアします', back: "Minna de shea shimasu — We'll all share it" },
      sharedBy: { text: '{n}人でシェア', back: '{n}-nin de shea — Shared by {n} people' },
      allergyHeading: {
        text: 'このテーブルのアレルギー・食事制限',
        back: 'Kono tēburu no arerugī, shokuji seigen — Allergies and dietary restrictions at this table',
      },
      ofThese: {
        text: 'うち{n}品：',
        back: 'Uchi {n}-hin: — Of these, {n} dishes:',
      },
      note: { text: 'メモ', back: 'Memo — Note' },
      round: { text: '{n}回目の注文', back: '{n}-kaime no chūmon — Order no. {n} (the {n}th time we order)' },
      allRounds: { text: 'これまでの注文すべて', back: 'Kore made no chūmon subete — All orders so far' },
      total: { text: '合計', back: 'Gōkei — Total' },
      dishes: { text: '計{n}品', back: 'Kei {n}-hin — {n} dishes in total' },
      thankYou: { text: 'ありがとうございます！', back: 'Arigatō gozaimasu! — Thank you!' },
      noItems: { text: 'まだ注文はありません', back: 'Mada chūmon wa arimasen — No orders yet' },
      showAllergy: {
        text: 'アレルギーあり・ご確認ください',
        back: 'Arerugī ari, go-kakunin kudasai — Allergy at this table; please check',
      },
      fromMenu: { text: 'メニューの表記どおり', back: 'Menyū no hyōki dōri — As written on the menu' },
    },
  },

  'zh-Hans': {
    needs: {
      peanuts: {
        text: '花生过敏，请不要放花生。',
        back: "Huāshēng guòmǐn, qǐng bùyào fàng huāshēng. — Peanut allergy; please don't put in peanuts.",
      },
      tree_nuts: {
        text: '坚果过敏，请不要放核桃、腰果、巴旦木（扁桃仁）、开心果等坚果。',
        back: "Jiānguǒ guòmǐn, qǐng bùyào fàng hétao, yāoguǒ, bādànmù (biǎntáorén), kāixīnguǒ děng jiānguǒ. — Tree-nut allergy; please don't put in walnuts, cashews, almonds, pistachios or other nuts.",
      },
      shellfish: {
        text: '虾蟹贝类过敏，请不要放虾、蟹、贝类和蚝油。',
        back: "Xiā xiè bèilèi guòmǐn, qǐng bùyào fàng xiā, xiè, bèilèi hé háoyóu. — Allergic to shrimp, crab and shellfish; please don't put in shrimp, crab, shellfish or oyster sauce.",
      },
      fish: {
        text: '鱼类过敏，请不要放鱼和鱼露。',
        back: "Yúlèi guòmǐn, qǐng bùyào fàng yú hé yúlù. — Fish allergy; please don't put in fish or fish sauce.",
      },
      egg: {
        text: '鸡蛋过敏，请不要放鸡蛋。',
        back: "Jīdàn guòmǐn, qǐng bùyào fàng jīdàn. — Egg allergy; please don't put in eggs.",
      },
      milk: {
        text: '牛奶过敏，请不要放牛奶、黄油和奶酪。',
        back: "Niúnǎi guòmǐn, qǐng bùyào fàng niúnǎi, huángyóu hé nǎilào. — Milk allergy; please don't put in milk, butter or cheese.",
      },
      wheat: {
        text: '小麦（麸质）过敏，请不要用含小麦的食材（面粉、面筋、酱油等）。',
        back: "Xiǎomài (fūzhì) guòmǐn, qǐng bùyào yòng hán xiǎomài de shícái (miànfěn, miànjīn, jiàngyóu děng). — Wheat (gluten) allergy; please don't use ingredients containing wheat (flour, wheat gluten, soy sauce and so on).",
      },
      soy: {
        text: '大豆过敏，请不要用豆制品和酱油。',
        back: "Dàdòu guòmǐn, qǐng bùyào yòng dòuzhìpǐn hé jiàngyóu. — Soy allergy; please don't use soy products or soy sauce.",
      },
      sesame: {
        text: '芝麻过敏，请不要放芝麻和芝麻油。',
        back: "Zhīma guòmǐn, qǐng bùyào fàng zhīma hé zhīmayóu. — Sesame allergy; please don't put in sesame or sesame oil.",
      },
      vegetarian: {
        text: '我吃素（葱蒜可以吃），请不要放肉、鱼、海鲜，也不要用猪油和肉汤。',
        back: "Wǒ chīsù (cōng suàn kěyǐ chī), qǐng bùyào fàng ròu, yú, hǎixiān, yě bùyào yòng zhūyóu hé ròutāng. — I'm vegetarian (spring onion and garlic are fine); please don't put in meat, fish or seafood, and don't use lard or meat stock.",
      },
      vegan: {
        text: '我吃纯素（葱蒜可以吃），请不要放肉、鱼、海鲜、蛋、奶和蜂蜜，也不要用猪油和肉汤。',
        back: "Wǒ chī chúnsù (cōng suàn kěyǐ chī), qǐng bùyào fàng ròu, yú, hǎixiān, dàn, nǎi hé fēngmì, yě bùyào yòng zhūyóu hé ròutāng. — I'm vegan (spring onion and garlic are fine); please don't put in meat, fish, seafood, egg, milk or honey, and don't use lard or meat stock.",
      },
      no_pork: {
        text: '不吃猪肉，请不要放猪肉和猪油。',
        back: "Bù chī zhūròu, qǐng bùyào fàng zhūròu hé zhūyóu. — I don't eat pork; please don't put in pork or lard.",
      },
      no_beef: {
        text: '不吃牛肉，请不要放牛肉、牛肉汤和牛油。',
        back: "Bù chī niúròu, qǐng bùyào fàng niúròu, niúròutāng hé niúyóu. — I don't eat beef; please don't put in beef, beef broth or beef tallow.",
      },
      no_alcohol: {
        text: '请不要用任何酒，料酒也不行。',
        back: "Qǐng bùyào yòng rènhé jiǔ, liàojiǔ yě bùxíng. — Please don't use any alcohol; cooking wine is not OK either.",
      },
      halal: {
        text: '只吃清真食品，请不要用猪肉、猪油和酒（包括料酒）。',
        back: "Zhǐ chī qīngzhēn shípǐn, qǐng bùyào yòng zhūròu, zhūyóu hé jiǔ (bāokuò liàojiǔ). — Halal food only; please don't use pork, lard or alcohol (cooking wine included).",
      },
      not_spicy: {
        text: '不要辣，谢谢。',
        back: 'Bùyào là, xièxie. — Not spicy, thank you.',
      },
    },
    words: {
      orderTitle: { text: '我们要点这些', back: "Wǒmen yào diǎn zhèxiē — We'd like to order these" },
      quantity: { text: '{n}份', back: '{n} fèn — {n} portions (份 is the counter for a serving of a dish)' },
      forTheTable: { text: '大家分着吃', back: "Dàjiā fēnzhe chī — We'll share it" },
      sharedBy: { text: '{n}个人分着吃', back: '{n} gè rén fēnzhe chī — {n} people will share it' },
      allergyHeading: {
        text: '本桌客人的过敏和忌口',
        back: 'Běn zhuō kèrén de guòmǐn hé jìkǒu — Allergies and foods avoided by the guests at this table',
      },
      ofThese: { text: '其中{n}份：', back: 'Qízhōng {n} fèn: — {n} of them:' },
      note: { text: '备注', back: 'Bèizhù — Note' },
      round: { text: '第{n}次点菜', back: 'Dì {n} cì diǎncài — Order no. {n}' },
      allRounds: {
        text: '目前已点的全部菜品',
        back: 'Mùqián yǐ diǎn de quánbù càipǐn — All dishes ordered so far',
      },
      total: { text: '合计', back: 'Héjì — Total' },
      dishes: { text: '共{n}份', back: 'Gòng {n} fèn — {n} portions in total' },
      thankYou: { text: '谢谢！', back: 'Xièxie! — Thank you!' },
      noItems: { text: '还没有点菜', back: "Hái méiyǒu diǎncài — We haven't ordered yet" },
      showAllergy: {
        text: '过敏提醒，请确认',
        back: 'Guòmǐn tíxǐng, qǐng quèrèn — Allergy alert, please check',
      },
      fromMenu: { text: '菜单上的原文', back: 'Càidān shang de yuánwén — The original text on the menu' },
    },
  },

  'zh-Hant': {
    needs: {
      peanuts: {
        text: '花生過敏，請不要加花生。',
        back: "Huāshēng guòmǐn, qǐng bùyào jiā huāshēng. — Peanut allergy; please don't add peanuts.",
      },
      tree_nuts: {
        text: '堅果過敏，請不要加核桃、腰果、杏仁果（扁桃仁）、開心果等堅果。',
        back: "Jiānguǒ guòmǐn, qǐng bùyào jiā hétao, yāoguǒ, xìngrénguǒ (biǎntáorén), kāixīnguǒ děng jiānguǒ. — Tree-nut allergy; please don't add walnuts, cashews, almonds, pistachios or other nuts.",
      },
      shellfish: {
        text: '蝦蟹貝類過敏，請不要加蝦、蟹、貝類和蠔油。',
        back: "Xiā xiè bèilèi guòmǐn, qǐng bùyào jiā xiā, xiè, bèilèi hé háoyóu. — Allergic to shrimp, crab and shellfish; please don't add shrimp, crab, shellfish or oyster sauce.",
      },
      fish: {
        text: '魚類過敏，請不要加魚和魚露。',
        back: "Yúlèi guòmǐn, qǐng bùyào jiā yú hé yúlù. — Fish allergy; please don't add fish or fish sauce.",
      },
      egg: {
        text: '雞蛋過敏，請不要加蛋。',
        back: "Jīdàn guòmǐn, qǐng bùyào jiā dàn. — Egg allergy; please don't add egg.",
      },
      milk: {
        text: '牛奶過敏，請不要加牛奶、奶油和起司。',
        back: "Niúnǎi guòmǐn, qǐng bùyào jiā niúnǎi, nǎiyóu hé qǐsī. — Milk allergy; please don't add milk, butter or cheese.",
      },
      wheat: {
        text: '小麥（麩質）過敏，請不要用含小麥的食材（麵粉、麵筋、醬油等）。',
        back: "Xiǎomài (fūzhì) guòmǐn, qǐng bùyào yòng hán xiǎomài de shícái (miànfěn, miànjīn, jiàngyóu děng). — Wheat (gluten) allergy; please don't use ingredients containing wheat (flour, wheat gluten, soy sauce and so on).",
      },
      soy: {
        text: '大豆（黃豆）過敏，請不要用豆製品和醬油。',
        back: "Dàdòu (huángdòu) guòmǐn, qǐng bùyào yòng dòuzhìpǐn hé jiàngyóu. — Soy (soybean) allergy; please don't use soy products or soy sauce.",
      },
      sesame: {
        text: '芝麻過敏，請不要加芝麻和麻油。',
        back: "Zhīma guòmǐn, qǐng bùyào jiā zhīma hé máyóu. — Sesame allergy; please don't add sesame or sesame oil.",
      },
      vegetarian: {
        text: '我吃素（蔥蒜可以吃），請不要加肉、魚、海鮮，也不要用豬油和肉湯。',
        back: "Wǒ chīsù (cōng suàn kěyǐ chī), qǐng bùyào jiā ròu, yú, hǎixiān, yě bùyào yòng zhūyóu hé ròutāng. — I'm vegetarian (spring onion and garlic are fine); please don't add meat, fish or seafood, and don't use lard or meat stock.",
      },
      vegan: {
        text: '我吃純素（蔥蒜可以吃），請不要加肉、魚、海鮮、蛋、奶和蜂蜜，也不要用豬油和肉湯。',
        back: "Wǒ chī chúnsù (cōng suàn kěyǐ chī), qǐng bùyào jiā ròu, yú, hǎixiān, dàn, nǎi hé fēngmì, yě bùyào yòng zhūyóu hé ròutāng. — I'm vegan (spring onion and garlic are fine); please don't add meat, fish, seafood, egg, milk or honey, and don't use lard or meat stock.",
      },
      no_pork: {
        text: '不吃豬肉，請不要加豬肉和豬油。',
        back: "Bù chī zhūròu, qǐng bùyào jiā zhūròu hé zhūyóu. — I don't eat pork; please don't add pork or lard.",
      },
      no_beef: {
        text: '不吃牛肉，請不要加牛肉和牛肉湯。',
        back: "Bù chī niúròu, qǐng bùyào jiā niúròu hé niúròutāng. — I don't eat beef; please don't add beef or beef broth.",
      },
      no_alcohol: {
        text: '請不要用任何酒，料酒、米酒也不行。',
        back: "Qǐng bùyào yòng rènhé jiǔ, liàojiǔ, mǐjiǔ yě bùxíng. — Please don't use any alcohol; cooking wine or rice wine is not OK either.",
      },
      halal: {
        text: '只吃清真食品，請不要用豬肉、豬油和酒（包括料酒、米酒）。',
        back: "Zhǐ chī qīngzhēn shípǐn, qǐng bùyào yòng zhūròu, zhūyóu hé jiǔ (bāokuò liàojiǔ, mǐjiǔ). — Halal food only; please don't use pork, lard or alcohol (cooking wine and rice wine included).",
      },
      not_spicy: {
        text: '不要辣，謝謝。',
        back: 'Bùyào là, xièxie. — Not spicy, thank you.',
      },
    },
    words: {
      orderTitle: { text: '我們要點這些', back: "Wǒmen yào diǎn zhèxiē — We'd like to order these" },
      quantity: { text: '{n}份', back: '{n} fèn — {n} portions (份 is the counter for a serving of a dish)' },
      forTheTable: { text: '大家分著吃', back: "Dàjiā fēnzhe chī — We'll share it" },
      sharedBy: { text: '{n}個人分著吃', back: '{n} gè rén fēnzhe chī — {n} people will share it' },
      allergyHeading: {
        text: '本桌的過敏與飲食禁忌',
        back: 'Běn zhuō de guòmǐn yǔ yǐnshí jìnjì — Allergies and dietary restrictions at this table',
      },
      ofThese: { text: '其中{n}份：', back: 'Qízhōng {n} fèn: — {n} of them:' },
      note: { text: '備註', back: 'Bèizhù — Note' },
      round: { text: '第{n}次點餐', back: 'Dì {n} cì diǎncān — Order no. {n}' },
      allRounds: {
        text: '目前已點的全部餐點',
        back: 'Mùqián yǐ diǎn de quánbù cāndiǎn — Everything ordered so far',
      },
      total: { text: '合計', back: 'Héjì — Total' },
      dishes: { text: '共{n}份', back: 'Gòng {n} fèn — {n} portions in total' },
      thankYou: { text: '謝謝！', back: 'Xièxie! — Thank you!' },
      noItems: { text: '還沒有點餐', back: "Hái méiyǒu diǎncān — We haven't ordered yet" },
      showAllergy: {
        text: '過敏提醒，請確認',
        back: 'Guòmǐn tíxǐng, qǐng quèrèn — Allergy alert, please check',
      },
      fromMenu: { text: '菜單上的原文', back: 'Càidān shang de yuánwén — The original text on the menu' },
    },
  },

  th: {
    needs: {
      peanuts: {
        text: 'แพ้ถั่วลิสง รบกวนไม่ใส่ถั่วลิสงและถั่วป่น',
        back: 'Phae thua lisong, rop kuan mai sai thua lisong lae thua pon — Allergic to peanuts; please do not add peanuts or ground peanuts',
      },
      tree_nuts: {
        text: 'แพ้ถั่วเปลือกแข็ง เช่น เม็ดมะม่วงหิมพานต์ อัลมอนด์ วอลนัท รบกวนไม่ใส่',
        back: 'Phae thua plueak khaeng chen met mamuang himmaphan anmon wonnat, rop kuan mai sai — Allergic to tree nuts such as cashews, almonds and walnuts; please do not add them',
      },
      shellfish: {
        text: 'แพ้กุ้ง ปู หอย รบกวนไม่ใส่ รวมถึงกะปิ กุ้งแห้ง และน้ำมันหอย',
        back: 'Phae kung pu hoi, rop kuan mai sai ruam thueng kapi kung haeng lae nam man hoi — Allergic to shrimp, crab and shellfish; please leave them out, including shrimp paste, dried shrimp and oyster sauce',
      },
      fish: {
        text: 'แพ้ปลา รบกวนไม่ใส่ปลา น้ำปลา และปลาร้า',
        back: 'Phae pla, rop kuan mai sai pla nam pla lae pla ra — Allergic to fish; please do not add fish, fish sauce or fermented fish (pla ra)',
      },
      egg: {
        text: 'แพ้ไข่ รบกวนไม่ใส่ไข่',
        back: 'Phae khai, rop kuan mai sai khai — Allergic to egg; please do not add egg',
      },
      milk: {
        text: 'แพ้นม รบกวนไม่ใส่นม เนย ชีส',
        back: 'Phae nom, rop kuan mai sai nom noei chit — Allergic to milk; please do not add milk, butter or cheese',
      },
      wheat: {
        text: 'แพ้ข้าวสาลี (กลูเตน) รบกวนไม่ใส่แป้งสาลี บะหมี่ และซอสที่มีข้าวสาลี เช่น ซีอิ๊ว',
        back: 'Phae khao sali (kluten), rop kuan mai sai paeng sali bami lae sot thi mi khao sali chen si-io — Allergic to wheat (gluten); please do not add wheat flour, wheat noodles or sauces that contain wheat, such as soy sauce',
      },
      soy: {
        text: 'แพ้ถั่วเหลือง รบกวนไม่ใส่ถั่วเหลือง ซีอิ๊ว เต้าหู้ เต้าเจี้ยว',
        back: 'Phae thua lueang, rop kuan mai sai thua lueang si-io tao hu tao chiao — Allergic to soy; please do not add soybeans, soy sauce, tofu or fermented soybean paste',
      },
      sesame: {
        text: 'แพ้งา รบกวนไม่ใส่งาและน้ำมันงา',
        back: 'Phae nga, rop kuan mai sai nga lae nam man nga — Allergic to sesame; please do not add sesame or sesame oil',
      },
      vegetarian: {
        text: 'ทานมังสวิรัติ รบกวนไม่ใส่เนื้อสัตว์ ปลา อาหารทะเล น้ำปลา กะปิ น้ำมันหอย',
        back: 'Than mangsawirat, rop kuan mai sai nuea sat pla ahan thale nam pla kapi nam man hoi — Vegetarian; please do not add meat, fish, seafood, fish sauce, shrimp paste or oyster sauce',
      },
      vegan: {
        text: 'ทานวีแกน รบกวนไม่ใส่เนื้อสัตว์ ปลา อาหารทะเล น้ำปลา กะปิ น้ำมันหอย ไข่ นม น้ำผึ้ง',
        back: 'Than wikaen, rop kuan mai sai nuea sat pla ahan thale nam pla kapi nam man hoi khai nom nam phueng — Vegan; please do not add meat, fish, seafood, fish sauce, shrimp paste, oyster sauce, egg, milk or honey',
      },
      no_pork: {
        text: 'ไม่ทานหมู รบกวนไม่ใส่หมูและน้ำมันหมู',
        back: 'Mai than mu, rop kuan mai sai mu lae nam man mu — I do not eat pork; please do not add pork or lard',
      },
      no_beef: {
        text: 'ไม่ทานเนื้อวัว รบกวนไม่ใส่เนื้อวัว',
        back: 'Mai than nuea wua, rop kuan mai sai nuea wua — I do not eat beef; please do not add beef',
      },
      no_alcohol: {
        text: 'ไม่ดื่มแอลกอฮอล์ รบกวนไม่ใส่เหล้าหรือไวน์ในอาหารด้วย',
        back: 'Mai duem aenkoho, rop kuan mai sai lao rue wai nai ahan duai — I do not drink alcohol; please do not put liquor or wine in the food either',
      },
      halal: {
        text: 'ทานอาหารฮาลาล (อิสลาม) เท่านั้น รบกวนไม่ใส่หมู น้ำมันหมู และแอลกอฮอล์',
        back: 'Than ahan halan (itsalam) thao nan, rop kuan mai sai mu nam man mu lae aenkoho — Halal (Islamic) food only; please do not add pork, lard or alcohol',
      },
      not_spicy: {
        text: 'ขอไม่เผ็ดเลย ไม่ใส่พริก',
        back: 'Kho mai phet loei, mai sai phrik — Not spicy at all, please; no chilli',
      },
    },
    words: {
      orderTitle: { text: 'ขอสั่งอาหาร', back: "Kho sang ahan — We'd like to order" },
      quantity: { text: '{n} ที่', back: '{n} thi — {n} servings (ที่ is the counter for a serving of a dish)' },
      forTheTable: { text: 'แบ่งกันทาน', back: 'Baeng kan than — To share' },
      sharedBy: { text: 'แบ่งกันทาน {n} คน', back: 'Baeng kan than {n} khon — Shared by {n} people' },
      allergyHeading: {
        text: 'อาหารที่โต๊ะนี้แพ้หรือไม่ทาน',
        back: 'Ahan thi to ni phae rue mai than — Foods this table is allergic to or does not eat',
      },
      ofThese: { text: 'ในจำนวนนี้ {n} ที่:', back: 'Nai chamnuan ni {n} thi: — Of these, {n} servings:' },
      note: { text: 'หมายเหตุ', back: 'Maihet — Note' },
      round: { text: 'สั่งรอบที่ {n}', back: 'Sang rop thi {n} — Order round {n}' },
      allRounds: { text: 'รวมทุกรอบที่สั่ง', back: 'Ruam thuk rop thi sang — All rounds ordered, together' },
      total: { text: 'รวม', back: 'Ruam — Total' },
      dishes: { text: '{n} รายการ', back: '{n} rai kan — {n} items' },
      thankYou: { text: 'ขอบคุณมาก', back: 'Khop khun mak — Thank you very much' },
      noItems: { text: 'ยังไม่ได้สั่งอาหาร', back: "Yang mai dai sang ahan — We haven't ordered yet" },
      showAllergy: {
        text: 'แพ้อาหาร – รบกวนตรวจสอบด้วย',
        back: 'Phae ahan – rop kuan truat sop duai — Food allergy – please check',
      },
      fromMenu: { text: 'ตามที่เขียนไว้ในเมนู', back: 'Tam thi khian wai nai menu — As written on the menu' },
    },
  },

  vi: {
    needs: {
      peanuts: {
        text: 'Dị ứng đậu phộng (lạc): vui lòng không cho đậu phộng.',
        back: "Peanut allergy: please don't put in peanuts.",
      },
      tree_nuts: {
        text: 'Dị ứng các loại hạt như óc chó, hạnh nhân, hạt điều: vui lòng không cho các loại hạt này.',
        back: "Allergy to nuts such as walnuts, almonds and cashews: please don't put these nuts in.",
      },
      shellfish: {
        text: 'Dị ứng tôm, cua, sò, ốc: vui lòng không cho, kể cả mắm tôm và dầu hào.',
        back: "Allergy to shrimp, crab, clams and snails: please don't put them in, including shrimp paste and oyster sauce.",
      },
      fish: {
        text: 'Dị ứng cá: vui lòng không cho cá và nước mắm.',
        back: "Fish allergy: please don't put in fish or fish sauce.",
      },
      egg: {
        text: 'Dị ứng trứng: vui lòng không cho trứng.',
        back: "Egg allergy: please don't put in egg.",
      },
      milk: {
        text: 'Dị ứng sữa: vui lòng không cho sữa, bơ, phô mai.',
        back: "Milk allergy: please don't put in milk, butter or cheese.",
      },
      wheat: {
        text: 'Dị ứng lúa mì (gluten): vui lòng không dùng bột mì, mì sợi, nước tương (xì dầu).',
        back: "Wheat (gluten) allergy: please don't use wheat flour, wheat noodles or soy sauce.",
      },
      soy: {
        text: 'Dị ứng đậu nành: vui lòng không cho đậu nành, đậu hũ (đậu phụ), nước tương (xì dầu).',
        back: "Soy allergy: please don't put in soybeans, tofu or soy sauce.",
      },
      sesame: {
        text: 'Dị ứng mè (vừng): vui lòng không cho mè và dầu mè.',
        back: "Sesame allergy: please don't put in sesame or sesame oil.",
      },
      vegetarian: {
        text: 'Ăn chay: vui lòng không dùng thịt, cá, hải sản, nước mắm, mỡ, nước hầm xương.',
        back: "Vegetarian: please don't use meat, fish, seafood, fish sauce, lard or bone broth.",
      },
      vegan: {
        text: 'Ăn thuần chay: không thịt, cá, hải sản, nước mắm, trứng, sữa, mật ong, mỡ, nước hầm xương.',
        back: 'Vegan: no meat, fish, seafood, fish sauce, egg, milk, honey, lard or bone broth.',
      },
      no_pork: {
        text: 'Không ăn thịt heo (lợn): vui lòng không cho thịt heo, mỡ heo, chả lụa (giò).',
        back: "I don't eat pork: please don't put in pork, lard or pork sausage (cha lua).",
      },
      no_beef: {
        text: 'Không ăn thịt bò: vui lòng không cho thịt bò, nước dùng bò.',
        back: "I don't eat beef: please don't put in beef or beef broth.",
      },
      no_alcohol: {
        text: 'Không uống rượu bia: vui lòng không cho rượu vào món ăn.',
        back: "I don't drink alcohol: please don't put alcohol in the food.",
      },
      halal: {
        text: 'Chỉ ăn đồ halal: vui lòng không dùng thịt heo, mỡ heo, rượu bia.',
        back: "Halal food only: please don't use pork, lard or alcohol.",
      },
      not_spicy: {
        text: 'Không cay, cảm ơn.',
        back: 'Not spicy, thank you.',
      },
    },
    words: {
      orderTitle: { text: 'Món chúng tôi gọi', back: 'The dishes we are ordering' },
      quantity: { text: '{n} phần', back: '{n} portions' },
      forTheTable: { text: 'ăn chung', back: 'to share (eaten together)' },
      sharedBy: { text: '{n} người ăn chung', back: '{n} people share it' },
      allergyHeading: {
        text: 'Dị ứng và chế độ ăn của bàn này',
        back: 'Allergies and diets at this table',
      },
      ofThese: { text: 'Trong đó {n} phần:', back: 'Of these, {n} portions:' },
      note: { text: 'Ghi chú', back: 'Note' },
      round: { text: 'Gọi món lần {n}', back: 'Order no. {n} (ordering for the {n}th time)' },
      allRounds: { text: 'Tất cả món đã gọi', back: 'All dishes ordered (so far)' },
      total: { text: 'Tổng cộng', back: 'Total' },
      dishes: { text: 'Tổng {n} phần', back: '{n} portions in total' },
      thankYou: { text: 'Xin cảm ơn!', back: 'Thank you!' },
      noItems: { text: 'Chưa gọi món nào', back: 'No dishes ordered yet' },
      showAllergy: {
        text: 'Có dị ứng – vui lòng kiểm tra kỹ',
        back: 'Allergy here – please check carefully',
      },
      fromMenu: { text: 'như in trên thực đơn của quán', back: "as printed on the restaurant's menu" },
    },
  },

  es: {
    needs: {
      peanuts: {
        text: 'Alergia al cacahuete (maní): sin cacahuetes, por favor.',
        back: 'Peanut allergy: no peanuts, please.',
      },
      tree_nuts: {
        text: 'Alergia a los frutos secos: sin nueces, almendras, avellanas, pistachos ni anacardos.',
        back: 'Nut allergy: no walnuts, almonds, hazelnuts, pistachios or cashews.',
      },
      shellfish: {
        text: 'Alergia al marisco: sin gambas (camarones), cangrejo, langosta ni moluscos.',
        back: 'Shellfish allergy: no prawns (shrimp), crab, lobster or molluscs.',
      },
      fish: {
        text: 'Alergia al pescado: sin pescado ni caldo de pescado.',
        back: 'Fish allergy: no fish and no fish stock.',
      },
      egg: {
        text: 'Alergia al huevo: sin huevo, por favor.',
        back: 'Egg allergy: no egg, please.',
      },
      milk: {
        text: 'Alergia a la leche: sin leche, mantequilla ni queso.',
        back: 'Milk allergy: no milk, butter or cheese.',
      },
      wheat: {
        text: 'Alergia al trigo (gluten): sin trigo ni gluten, por favor.',
        back: 'Wheat (gluten) allergy: no wheat and no gluten, please.',
      },
      soy: {
        text: 'Alergia a la soja (soya): sin soja ni salsa de soja.',
        back: 'Soy allergy: no soy or soy sauce.',
      },
      sesame: {
        text: 'Alergia al sésamo (ajonjolí): sin sésamo ni aceite de sésamo.',
        back: 'Sesame allergy: no sesame or sesame oil.',
      },
      vegetarian: {
        text: 'Dieta vegetariana: sin carne ni pescado, por favor.',
        back: 'Vegetarian diet: no meat or fish, please.',
      },
      vegan: {
        text: 'Dieta vegana: sin carne, pescado, huevo, lácteos ni miel.',
        back: 'Vegan diet: no meat, fish, egg, dairy or honey.',
      },
      no_pork: {
        text: 'Sin cerdo, por favor (tampoco jamón ni chorizo).',
        back: 'No pork, please (no ham or chorizo either).',
      },
      no_beef: {
        text: 'Sin ternera ni carne de vaca (res), por favor.',
        back: 'No veal or beef, please.',
      },
      no_alcohol: {
        text: 'Sin alcohol, ni siquiera para cocinar.',
        back: 'No alcohol, not even for cooking.',
      },
      halal: {
        text: 'Solo halal: sin cerdo y sin alcohol.',
        back: 'Halal only: no pork and no alcohol.',
      },
      not_spicy: {
        text: 'Sin picante, por favor.',
        back: 'Not spicy, please.',
      },
    },
    words: {
      orderTitle: { text: 'Nuestro pedido', back: 'Our order' },
      quantity: { text: '{n} ×', back: '{n} × ({n} of this dish)' },
      forTheTable: { text: 'para compartir', back: 'to share' },
      sharedBy: { text: 'lo compartimos entre {n}', back: 'we share it between {n}' },
      allergyHeading: { text: 'Alergias y dietas en esta mesa', back: 'Allergies and diets at this table' },
      ofThese: { text: '{n} de ellos:', back: '{n} of them:' },
      note: { text: 'Nota', back: 'Note' },
      round: { text: 'Pedido {n}', back: 'Order {n}' },
      allRounds: { text: 'Todo lo pedido hasta ahora', back: 'Everything ordered so far' },
      total: { text: 'Total', back: 'Total' },
      dishes: { text: 'Platos: {n}', back: 'Dishes: {n}' },
      thankYou: { text: '¡Muchas gracias!', back: 'Thank you very much!' },
      noItems: { text: 'Aún no hemos pedido nada', back: "We haven't ordered anything yet" },
      showAllergy: { text: 'Alergia: por favor, compruébelo', back: 'Allergy: please check it' },
      fromMenu: { text: 'tal como aparece en su carta', back: 'as it appears on your menu' },
    },
  },

  fr: {
    needs: {
      peanuts: {
        text: 'Allergie aux arachides\u00a0: sans cacahuètes, s’il vous plaît.',
        back: 'Peanut allergy: no peanuts, please.',
      },
      tree_nuts: {
        text: 'Allergie aux fruits à coque\u00a0: sans noix, noisettes, amandes ni noix de cajou.',
        back: 'Tree-nut allergy: no walnuts, hazelnuts, almonds or cashews.',
      },
      shellfish: {
        text: 'Allergie aux fruits de mer\u00a0: aucun crustacé ni coquillage.',
        back: 'Shellfish allergy: no crustaceans or shellfish at all.',
      },
      fish: {
        text: 'Allergie au poisson\u00a0: sans poisson ni fumet de poisson.',
        back: 'Fish allergy: no fish and no fish stock.',
      },
      egg: {
        text: 'Allergie aux œufs\u00a0: sans œufs, s’il vous plaît.',
        back: 'Egg allergy: no eggs, please.',
      },
      milk: {
        text: 'Allergie au lait\u00a0: sans lait, crème, beurre ni fromage.',
        back: 'Milk allergy: no milk, cream, butter or cheese.',
      },
      wheat: {
        text: 'Allergie au blé (gluten)\u00a0: sans blé ni gluten, s’il vous plaît.',
        back: 'Wheat (gluten) allergy: no wheat and no gluten, please.',
      },
      soy: {
        text: 'Allergie au soja\u00a0: sans soja ni sauce soja.',
        back: 'Soy allergy: no soy or soy sauce.',
      },
      sesame: {
        text: 'Allergie au sésame\u00a0: sans sésame ni huile de sésame.',
        back: 'Sesame allergy: no sesame or sesame oil.',
      },
      vegetarian: {
        text: 'Régime végétarien\u00a0: sans viande ni poisson, s’il vous plaît.',
        back: 'Vegetarian diet: no meat or fish, please.',
      },
      vegan: {
        text: 'Régime végan\u00a0: sans viande, poisson, œufs, produits laitiers ni miel.',
        back: 'Vegan diet: no meat, fish, eggs, dairy or honey.',
      },
      no_pork: {
        text: 'Sans porc, s’il vous plaît (ni jambon ni lardons).',
        back: 'No pork, please (no ham or bacon bits either).',
      },
      no_beef: {
        text: 'Sans bœuf ni veau, s’il vous plaît.',
        back: 'No beef or veal, please.',
      },
      no_alcohol: {
        text: 'Sans alcool, même en cuisine.',
        back: 'No alcohol, not even in cooking.',
      },
      halal: {
        text: 'Halal uniquement\u00a0: sans porc et sans alcool.',
        back: 'Halal only: no pork and no alcohol.',
      },
      not_spicy: {
        text: 'Pas pimenté, s’il vous plaît.',
        back: 'Not chilli-hot, please.',
      },
    },
    words: {
      orderTitle: { text: 'Notre commande', back: 'Our order' },
      quantity: { text: '{n} ×', back: '{n} × ({n} of this dish)' },
      forTheTable: { text: 'à partager', back: 'to share' },
      sharedBy: { text: 'nous le partageons à {n}', back: 'the {n} of us share it' },
      allergyHeading: {
        text: 'Allergies et régimes à cette table',
        back: 'Allergies and diets at this table',
      },
      ofThese: { text: 'Dont {n}\u00a0:', back: 'Of which {n}:' },
      note: { text: 'Remarque', back: 'Note' },
      round: { text: 'Commande n°\u00a0{n}', back: 'Order no. {n}' },
      allRounds: { text: 'Toutes les commandes jusqu’à présent', back: 'All orders so far' },
      total: { text: 'Total', back: 'Total' },
      dishes: { text: 'Plats\u00a0: {n}', back: 'Dishes: {n}' },
      thankYou: { text: 'Merci\u00a0!', back: 'Thank you!' },
      noItems: { text: 'Aucune commande pour l’instant', back: 'No order for now' },
      showAllergy: { text: 'Allergie – merci de vérifier', back: 'Allergy – please check' },
      fromMenu: { text: 'tel qu’indiqué sur votre carte', back: 'as shown on your menu' },
    },
  },

  it: {
    needs: {
      peanuts: {
        text: 'Allergia alle arachidi: senza arachidi, per favore.',
        back: 'Peanut allergy: no peanuts, please.',
      },
      tree_nuts: {
        text: 'Allergia alla frutta a guscio: senza noci, nocciole, mandorle, pistacchi, anacardi.',
        back: 'Tree-nut allergy: no walnuts, hazelnuts, almonds, pistachios or cashews.',
      },
      shellfish: {
        text: 'Allergia a crostacei e molluschi: senza gamberi, granchi, astice, vongole.',
        back: 'Allergy to crustaceans and molluscs: no prawns, crab, lobster or clams.',
      },
      fish: {
        text: 'Allergia al pesce: senza pesce né acciughe, per favore.',
        back: 'Fish allergy: no fish and no anchovies, please.',
      },
      egg: {
        text: 'Allergia alle uova: niente uova, nemmeno nella pasta fresca.',
        back: 'Egg allergy: no eggs, not even in fresh pasta.',
      },
      milk: {
        text: 'Allergia al latte: niente latte, panna, burro o formaggio.',
        back: 'Milk allergy: no milk, cream, butter or cheese.',
      },
      wheat: {
        text: 'Allergia al grano (glutine): senza grano né glutine.',
        back: 'Wheat (gluten) allergy: no wheat and no gluten.',
      },
      soy: {
        text: 'Allergia alla soia: senza soia né salsa di soia.',
        back: 'Soy allergy: no soy or soy sauce.',
      },
      sesame: {
        text: 'Allergia al sesamo: senza sesamo né olio di sesamo.',
        back: 'Sesame allergy: no sesame or sesame oil.',
      },
      vegetarian: {
        text: 'Dieta vegetariana: senza carne né pesce, per favore.',
        back: 'Vegetarian diet: no meat or fish, please.',
      },
      vegan: {
        text: 'Dieta vegana: niente carne, pesce, uova, latticini o miele.',
        back: 'Vegan diet: no meat, fish, eggs, dairy or honey.',
      },
      no_pork: {
        text: 'Senza maiale, per favore (niente prosciutto, pancetta o strutto).',
        back: 'No pork, please (no ham, bacon or lard).',
      },
      no_beef: {
        text: 'Senza manzo né vitello, per favore.',
        back: 'No beef or veal, please.',
      },
      no_alcohol: {
        text: 'Niente alcol, nemmeno in cucina.',
        back: 'No alcohol, not even in cooking.',
      },
      halal: {
        text: 'Solo halal: niente maiale e niente alcol.',
        back: 'Halal only: no pork and no alcohol.',
      },
      not_spicy: {
        text: 'Non piccante, per favore.',
        back: 'Not spicy, please.',
      },
    },
    words: {
      orderTitle: { text: 'La nostra ordinazione', back: 'Our order' },
      quantity: { text: '{n} ×', back: '{n} × ({n} of this dish)' },
      forTheTable: { text: 'da condividere', back: 'to share' },
      sharedBy: { text: 'lo condividiamo in {n}', back: 'the {n} of us share it' },
      allergyHeading: { text: 'Allergie e diete a questo tavolo', back: 'Allergies and diets at this table' },
      ofThese: { text: 'Di cui {n}:', back: 'Of which {n}:' },
      note: { text: 'Nota', back: 'Note' },
      round: { text: 'Ordinazione n. {n}', back: 'Order no. {n}' },
      allRounds: { text: 'Tutte le ordinazioni finora', back: 'All orders so far' },
      total: { text: 'Totale', back: 'Total' },
      dishes: { text: 'Piatti: {n}', back: 'Dishes: {n}' },
      thankYou: { text: 'Grazie!', back: 'Thank you!' },
      noItems: { text: 'Ancora nessuna ordinazione', back: 'No order yet' },
      showAllergy: { text: 'Allergia – si prega di verificare', back: 'Allergy – please check' },
      fromMenu: { text: 'come riportato sul vostro menù', back: 'as written on your menu' },
    },
  },

  de: {
    needs: {
      peanuts: {
        text: 'Erdnussallergie: bitte ohne Erdnüsse.',
        back: 'Peanut allergy: without peanuts, please.',
      },
      tree_nuts: {
        text: 'Nussallergie: bitte ohne Haselnüsse, Walnüsse, Mandeln und Cashews.',
        back: 'Nut allergy: without hazelnuts, walnuts, almonds and cashews, please.',
      },
      shellfish: {
        text: 'Schalentierallergie: bitte ohne Garnelen, Krebse, Hummer und Muscheln.',
        back: 'Shellfish allergy: without prawns, crab, lobster and mussels, please.',
      },
      fish: {
        text: 'Fischallergie: bitte ohne Fisch.',
        back: 'Fish allergy: without fish, please.',
      },
      egg: {
        text: 'Eierallergie: bitte kein Ei, auch nicht in Nudeln.',
        back: 'Egg allergy: no egg, please, not even in noodles.',
      },
      milk: {
        text: 'Milchallergie: bitte ohne Milch, Sahne, Butter und Käse.',
        back: 'Milk allergy: without milk, cream, butter and cheese, please.',
      },
      wheat: {
        text: 'Weizen-/Glutenallergie: bitte ohne Weizen und Gluten.',
        back: 'Wheat/gluten allergy: without wheat and gluten, please.',
      },
      soy: {
        text: 'Sojaallergie: bitte ohne Soja und Sojasoße.',
        back: 'Soy allergy: without soy and soy sauce, please.',
      },
      sesame: {
        text: 'Sesamallergie: bitte ohne Sesam und Sesamöl.',
        back: 'Sesame allergy: without sesame and sesame oil, please.',
      },
      vegetarian: {
        text: 'Vegetarisch: bitte ohne Fleisch und Fisch.',
        back: 'Vegetarian: without meat and fish, please.',
      },
      vegan: {
        text: 'Vegan: ohne Fleisch, Fisch, Ei, Milchprodukte und Honig.',
        back: 'Vegan: without meat, fish, egg, dairy and honey.',
      },
      no_pork: {
        text: 'Bitte kein Schweinefleisch, auch keinen Schinken oder Speck.',
        back: 'No pork, please, and no ham or bacon either.',
      },
      no_beef: {
        text: 'Bitte kein Rind- oder Kalbfleisch.',
        back: 'No beef or veal, please.',
      },
      no_alcohol: {
        text: 'Kein Alkohol, auch nicht beim Kochen.',
        back: 'No alcohol, not even in cooking.',
      },
      halal: {
        text: 'Nur halal: kein Schweinefleisch, kein Alkohol.',
        back: 'Halal only: no pork, no alcohol.',
      },
      not_spicy: {
        text: 'Bitte nicht scharf.',
        back: 'Not spicy, please.',
      },
    },
    words: {
      orderTitle: { text: 'Unsere Bestellung', back: 'Our order' },
      quantity: { text: '{n} ×', back: '{n} × ({n} of this dish)' },
      forTheTable: { text: 'zum Teilen', back: 'to share' },
      sharedBy: { text: '{n} Personen teilen sich das', back: '{n} people share this' },
      allergyHeading: {
        text: 'Allergien und Ernährungsweisen an diesem Tisch',
        back: 'Allergies and diets at this table',
      },
      ofThese: { text: 'Davon {n}:', back: 'Of these, {n}:' },
      note: { text: 'Anmerkung', back: 'Note' },
      round: { text: '{n}. Bestellung', back: 'Order no. {n}' },
      allRounds: { text: 'Alle bisherigen Bestellungen', back: 'All orders so far' },
      total: { text: 'Gesamt', back: 'Total' },
      dishes: { text: 'Gerichte: {n}', back: 'Dishes: {n}' },
      thankYou: { text: 'Vielen Dank!', back: 'Thank you very much!' },
      noItems: { text: 'Noch nichts bestellt', back: 'Nothing ordered yet' },
      showAllergy: { text: 'Allergie – bitte beachten', back: 'Allergy – please take note' },
      fromMenu: { text: 'wie auf Ihrer Speisekarte', back: 'as on your menu' },
    },
  },

  en: {
    needs: {
      peanuts: { text: 'Peanut allergy: no peanuts, please.', back: 'Peanut allergy: no peanuts, please.' },
      tree_nuts: {
        text: 'Tree nut allergy: no walnuts, almonds, cashews, etc.',
        back: 'Tree nut allergy: no walnuts, almonds, cashews, etc.',
      },
      shellfish: {
        text: 'Shellfish allergy: no shrimp, crab, lobster or clams.',
        back: 'Shellfish allergy: no shrimp, crab, lobster or clams.',
      },
      fish: {
        text: 'Fish allergy: no fish or fish sauce, please.',
        back: 'Fish allergy: no fish or fish sauce, please.',
      },
      egg: { text: 'Egg allergy: no eggs, please.', back: 'Egg allergy: no eggs, please.' },
      milk: {
        text: 'Milk allergy: no milk, butter or cheese.',
        back: 'Milk allergy: no milk, butter or cheese.',
      },
      wheat: {
        text: 'Wheat/gluten allergy: no wheat or gluten, please.',
        back: 'Wheat/gluten allergy: no wheat or gluten, please.',
      },
      soy: {
        text: 'Soy allergy: no soy or soy sauce, please.',
        back: 'Soy allergy: no soy or soy sauce, please.',
      },
      sesame: {
        text: 'Sesame allergy: no sesame or sesame oil.',
        back: 'Sesame allergy: no sesame or sesame oil.',
      },
      vegetarian: {
        text: 'Vegetarian: no meat or fish, please.',
        back: 'Vegetarian: no meat or fish, please.',
      },
      vegan: {
        text: 'Vegan: no meat, fish, eggs, dairy or honey.',
        back: 'Vegan: no meat, fish, eggs, dairy or honey.',
      },
      no_pork: {
        text: 'No pork, please (also no ham, bacon or lard).',
        back: 'No pork, please (also no ham, bacon or lard).',
      },
      no_beef: { text: 'No beef or veal, please.', back: 'No beef or veal, please.' },
      no_alcohol: { text: 'No alcohol, not even in cooking.', back: 'No alcohol, not even in cooking.' },
      halal: { text: 'Halal only: no pork, no alcohol.', back: 'Halal only: no pork, no alcohol.' },
      not_spicy: { text: 'Not spicy, please.', back: 'Not spicy, please.' },
    },
    words: {
      orderTitle: { text: 'Our order', back: 'Our order' },
      quantity: { text: '{n} ×', back: '{n} × ({n} of this dish)' },
      forTheTable: { text: 'to share', back: 'to share' },
      sharedBy: { text: 'shared by {n}', back: 'shared by {n}' },
      allergyHeading: {
        text: 'Allergies and diets at this table',
        back: 'Allergies and diets at this table',
      },
      ofThese: { text: '{n} of them:', back: '{n} of them:' },
      note: { text: 'Note', back: 'Note' },
      round: { text: 'Order {n}', back: 'Order {n}' },
      allRounds: { text: 'All orders so far', back: 'All orders so far' },
      total: { text: 'Total', back: 'Total' },
      dishes: { text: 'Dishes: {n}', back: 'Dishes: {n}' },
      thankYou: { text: 'Thank you!', back: 'Thank you!' },
      noItems: { text: 'Nothing ordered yet', back: 'Nothing ordered yet' },
      showAllergy: { text: 'Allergy — please check', back: 'Allergy — please check' },
      fromMenu: { text: 'as printed on your menu', back: 'as printed on your menu' },
    },
  },
};

/** Which needs are allergies (shown under an "allergy" heading) vs diets/preferences. */
export const ALLERGY_NEEDS: readonly DietaryNeed[] = ALLERGENS;

/** Fills {n} / {name} placeholders. */
export function fillPhrase(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (placeholder, key: string) =>
    Object.hasOwn(values, key) ? String(values[key]) : placeholder,
  );
}
