'use client';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { useRoomState } from '@/lib/roomClient/react';
import type { CurrencyCode } from '@/lib/money';
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

export function MenuList({ currency, actions, onEdit, onShowOnPhoto }: MenuListProps) {
  const t = useTranslations('MenuList');
  const dishes = useRoomState((s) => s.dishes);
  const photos = useRoomState((s) => s.photos);
  const summary = useOrderSummary();
  const lineOf = useMemo(() => new Map(summary.lines.map((line) => [line.dish.id, line])), [summary]);
  const sections = useMemo(() => groupByCategory(dishes), [dishes]);
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
                onShowOnPhoto={dish.box && photoIds.has(dish.box.photoId) ? onShowOnPhoto : undefined}
              />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
