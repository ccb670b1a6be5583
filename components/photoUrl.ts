/** Where the room's menu photos are served (GET /api/photos/:id). */
export function photoUrl(photoId: string): string {
  return `/api/photos/${encodeURIComponent(photoId)}`;
}
