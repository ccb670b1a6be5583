'use client';
import { useLocale, useTranslations } from 'next-intl';
import { hintsAgainst } from '@/lib/dietaryHints';
import type { Dish, MemberExplanation, Member } from '@/lib/protocol';
import type { DietaryNeed, InterfaceLanguage } from '@/lib/protocolValues';

interface DishExplanationViewProps {
  dish: Dish;
  /** Needs of the member reading (their own, and those of the member they pick for). */
  needs: readonly DietaryNeed[];
  explanations: MemberExplanation[];
  members: Member[];
  memberId: string | null;
}

/**
 * What a dish is, in the reader's language: the name's reading in Latin letters, the glossary's
 * explanation (or a word-by-word reading, said to be one), its usual ingredients, a gentle "may
 * contain" for the reader's needs, and what members of the table wrote about it.
 */
export function DishExplanationView({
  dish,
  needs,
  explanations,
  members,
  memberId,
}: DishExplanationViewProps) {
  const t = useTranslations('DishExplanation');
  const hintsT = useTranslations('Hints');
  const common = useTranslations('Common');
  const locale = useLocale() as InterfaceLanguage;
  const explanation = dish.explanation;
  const gloss = explanation?.gloss[locale] ?? explanation?.gloss.en;
  const inEnglish = gloss !== undefined && explanation?.gloss[locale] === undefined && locale !== 'en';
  const hints = explanation?.contains ?? [];
  const touched = hintsAgainst(needs, hints);
  const nameOf = (id: string) =>
    id === memberId ? common('me') : (members.find((m) => m.id === id)?.name ?? '?');
  if (!explanation && explanations.length === 0) return null;
  return (
    <div className="dish-explanation" data-testid="dish-explanation">
      {explanation?.reading && (
        <p className="dish-reading" lang="en" data-testid="dish-reading">
          {explanation.reading}
        </p>
      )}
      {gloss && (
        <p className="dish-gloss" data-testid="dish-gloss" lang={inEnglish ? 'en' : undefined}>
          {explanation?.kind === 'literal' ? t('literally', { text: gloss }) : gloss}
          {inEnglish && <span className="hint"> {t('inEnglish')}</span>}
        </p>
      )}
      {hints.length > 0 && (
        <p className="dish-hints">
          {t('usually', { hints: hints.map((hint) => hintsT(hint)).join(common('listSeparator')) })}
        </p>
      )}
      {touched.length > 0 && (
        <p className="may-contain" data-testid="may-contain">
          {t('mayContain', { hints: touched.map((hint) => hintsT(hint)).join(common('listSeparator')) })}
        </p>
      )}
      {explanations.map((e) => (
        <p key={e.memberId} className="member-explanation" data-testid="member-explanation">
          <strong>{nameOf(e.memberId)}:</strong> {e.text}
        </p>
      ))}
    </div>
  );
}
