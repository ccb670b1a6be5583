/**
 * A random URL-safe id. Not crypto.randomUUID(): browsers only offer that in secure contexts
 * (HTTPS, localhost), and a phone on the restaurant's Wi-Fi may open the stack over plain http.
 * getRandomValues works everywhere.
 */
export function randomId(bytes = 16): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(values, (b) => b.toString(16).padStart(2, '0')).join('');
}
