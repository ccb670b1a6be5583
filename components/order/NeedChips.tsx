'use client';
import { useTranslations } from 'next-intl';
import { ALLERGENS, DIETARY_NEEDS, type DietaryNeed } from '@/lib/protocolValues';

/** The fixed list of needs as toggle buttons, allergies first: one tap each, readable at a glance. */
export function NeedChips({
  value,
  onChange,
}: {
  value: DietaryNeed[];
  onChange: (needs: DietaryNeed[]) => void;
}) {
  const t = useTranslations('Needs');
  const toggle = (need: DietaryNeed) =>
    onChange(value.includes(need) ? value.filter((n) => n !== need) : [...value, need]);
  const group = (title: string, needs: readonly DietaryNeed[]) => (
    <fieldset className="need-group">
      <legend>{title}</legend>
      <div className="chips">
        {needs.map((need) => (
          <button
            key={need}
            type="button"
            className="chip"
            aria-pressed={value.includes(need)}
            data-need={need}
            onClick={() => toggle(need)}
          >
            {t(`label.${need}`)}
          </button>
        ))}
      </div>
    </fieldset>
  );
  return (
    <div className="need-chips">
      {group(t('allergies'), ALLERGENS)}
      {group(t('diets'), DIETARY_NEEDS.slice(9))}
    </div>
  );
}

/** "Peanuts, Not spicy": needs in the member's language, in the list's order. */
export function useNeedNames(): (needs: readonly DietaryNeed[]) => string {
  const t = useTranslations('Needs');
  const common = useTranslations('Common');
  return (needs) =>
    DIETARY_NEEDS.filter((n) => needs.includes(n))
      .map((n) => t(`label.${n}`))
      .join(common('listSeparator'));
}
