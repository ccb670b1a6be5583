/** "Ana ×2, Ben": who picked a dish, with a count only where it is more than one. */
export function formatPickers(pickers: { name: string; qty: number }[]): string {
  return pickers.map((p) => (p.qty > 1 ? `${p.name} ×${p.qty}` : p.name)).join(', ');
}
