'use client';
import { useMemo } from 'react';
import { useRoomStore } from '@/lib/client/roomStore';
import type { CurrencyCode } from '@/lib/money';
import { DishRow } from './DishRow';
import { useOrderSummary } from './useOrderSummary';

interface MenuListProps {
  currency: CurrencyCode;
  onSetQty?: (dishId: string, qty: number) => void;
}

export function MenuList({ currency, onSetQty }: MenuListProps) {
  const dishes = useRoomStore((s) => s.dishes);
  const summary = useOrderSummary();
  const lineOf = useMemo(() => new Map(summary.lines.map((line) => [line.dish.id, line])), [summary]);
  return (
    <section className="menu" aria-labelledby="menu-title">
      <h2 id="menu-title">Menu</h2>
      <ul className="dish-list">
        {dishes.map((dish) => (
          <DishRow
            key={dish.id}
            dish={dish}
            currency={currency}
            line={lineOf.get(dish.id)}
            onSetQty={onSetQty}
          />
        ))}
      </ul>
    </section>
  );
}
