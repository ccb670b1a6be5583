import { useTranslations } from 'next-intl';
import { useMemo } from 'react';

/** Words of the interface language that a list of pickers is written with. */
export interface PickerWords {
  /** "Ana ×2": one picker with a count. */
  withQty: (name: string, qty: number) => string;
  /** ", " between pickers. */
  separator: string;
}

/** "Ana ×2, Ben": who picked a dish, with a count only where it is more than one. */
export function formatPickers(pickers: { name: string; qty: number }[], words: PickerWords): string {
  return pickers.map((p) => (p.qty > 1 ? words.withQty(p.name, p.qty) : p.name)).join(words.separator);
}

/** The interface language's words for `formatPickers`. */
export function usePickerWords(): PickerWords {
  const t = useTranslations('Pickers');
  const common = useTranslations('Common');
  return useMemo(
    () => ({ withQty: (name, qty) => t('withQty', { name, qty }), separator: common('listSeparator') }),
    [t, common],
  );
}
