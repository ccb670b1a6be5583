'use client';
import { foldForSearch, matchesSearch, searchWords } from './menuSearch';
import { useLocale, useTranslations } from 'next-intl';
import { useDeferredValue, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CurrencyCode } from '@/lib/money';
import type { Dish, MemberExplanation } from '@/lib/protocol';
import type { DietaryNeed, InterfaceLanguage } from '@/lib/protocolValues';
import { useRoomState } from '@/lib/roomClient/react';
import { type DishActions, DishRow } from './DishRow';
import { groupByCategory } from './groupByCategory';
import { useOrderSummary } from './useOrderSummary';

interface MenuListProps {
  currency: CurrencyCode;
  /** Absent for a visitor who has not joined. */
  actions?: DishActions;
  /** Host only: opens the menu editor. */
  onEdit?: () => void;
  /** Shows a dish's printed line on the menu photo (dishes with a box on one of the photos). */
  onShowOnPhoto?: (dishId: string) => void;
}

/**
 * The first render shows this many dishes (a phone's screen and more); the rest follow in a render
 * React may interrupt, so a long menu does not block the page in one task while it opens.
 */
const FIRST_ROWS = 10;
/** Menus longer than this get a search box. */
const SEARCH_FROM_DISHES = 8;
const NO_EXPLANATIONS: MemberExplanation[] = [];
const NO_NEEDS: DietaryNeed[] = [];

/** Everything a member may search a dish by: its name, reading, explanations and what others wrote. */
function searchText(dish: Dish, locale: InterfaceLanguage, explanations: MemberExplanation[]): string {
  const e = dish.explanation;
  return foldForSearch(
    [dish.name, dish.category, e?.reading, e?.gloss[locale], e?.gloss.en, ...explanations.map((x) => x.text)]
      .filter(Boolean)
      .join(' '),
  );
}

export function MenuList({ currency, actions, onEdit, onShowOnPhoto }: MenuListProps) {
  const t = useTranslations('MenuList');
  const locale = useLocale() as InterfaceLanguage;
  const allDishes = useRoomState((s) => s.dishes);
  const firstDishes = useMemo(() => allDishes.slice(0, FIRST_ROWS), [allDishes]);
  const dishes = useDeferredValue(allDishes, firstDishes);
  const photos = useRoomState((s) => s.photos);
  const explanations = useRoomState((s) => s.explanations);
  // The reader's needs, and those of the member the host picks for: "may contain" is for them.
  const needs = useRoomState(
    useShallow((s) => {
      const ids = new Set([s.memberId, actions?.target]);
      return s.members.filter((m) => ids.has(m.id)).flatMap((m) => m.needs);
    }),
  );
  const summary = useOrderSummary();
  const [query, setQuery] = useState('');
  const lineOf = useMemo(() => new Map(summary.lines.map((line) => [line.dish.id, line])), [summary]);
  const explanationsOf = useMemo(() => {
    const byDish = new Map<string, MemberExplanation[]>();
    for (const e of explanations) byDish.set(e.dishId, [...(byDish.get(e.dishId) ?? []), e]);
    return byDish;
  }, [explanations]);
  const shown = useMemo(() => {
    const words = searchWords(query);
    if (words.length === 0) return dishes;
    return dishes.filter((dish) => {
      const text = searchText(dish, locale, explanationsOf.get(dish.id) ?? NO_EXPLANATIONS);
      return matchesSearch(text, words);
    });
  }, [dishes, query, locale, explanationsOf]);
  const sections = useMemo(() => groupByCategory(shown), [shown]);
  const photoIds = useMemo(() => new Set(photos.map((p) => p.id)), [photos]);

  return (
    <section className="menu" aria-labelledby="menu-title">
      <div className="menu-head">
        <h2 id="menu-title">{t('title')}</h2>
        {onEdit && (
          <button type="button" className="button small" data-testid="edit-menu" onClick={onEdit}>
            {t('edit')}
          </button>
        )}
      </div>
      {allDishes.length >= SEARCH_FROM_DISHES && (
        <div className="field menu-search">
          <label htmlFor="menu-search">{t('search')}</label>
          <input
            id="menu-search"
            type="search"
            value={query}
            placeholder={t('searchPlaceholder')}
            onChange={(event) => setQuery(event.target.value)}
            data-testid="menu-search"
          />
          {query && (
            <p className="hint" aria-live="polite">
              {t('found', { count: shown.length })}
            </p>
          )}
        </div>
      )}
      {sections.map((section, index) => (
        <div key={section.key} className="menu-section">
          {/* Dishes without a section after one that has a heading would seem to belong to it. */}
          {(section.category || index > 0) && (
            <h3 className="menu-category">{section.category ?? t('otherDishes')}</h3>
          )}
          <ul className="dish-list">
            {section.dishes.map((dish) => (
              <DishRow
                key={dish.id}
                dish={dish}
                currency={currency}
                line={lineOf.get(dish.id)}
                actions={actions}
                explanations={explanationsOf.get(dish.id) ?? NO_EXPLANATIONS}
                needs={needs.length ? needs : NO_NEEDS}
                onShowOnPhoto={dish.box && photoIds.has(dish.box.photoId) ? onShowOnPhoto : undefined}
              />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
