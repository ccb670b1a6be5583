import { z } from 'zod';
import { explainMenu } from '@/lib/glossary/explain';
import { describeZodError, MAX_DISH_NAME_LENGTH, MAX_DISHES, MenuLanguageSchema } from '@/lib/protocol';
import { crossSiteRefusal } from '@/lib/server/crossSite';
import { errorResponse, readJsonBody } from '@/lib/server/http';
import { limitExplain, limitKeyOf, rateLimited } from '@/lib/server/httpLimits';
import { webLog } from '@/lib/server/webRedis';

export const runtime = 'nodejs';

const ExplainRequestSchema = z.object({
  language: MenuLanguageSchema,
  names: z
    .array(
      z
        .string()
        .min(1)
        .max(MAX_DISH_NAME_LENGTH * 4),
    )
    .min(1)
    .max(MAX_DISHES),
});

/**
 * Explains dish names of a menu in its language (the host's phone asks when the menu is edited, and
 * saves the explanations with the dishes). Answers `{ explanations }`, one per name, null where
 * nothing is known of a dish.
 */
export async function POST(request: Request): Promise<Response> {
  const refusal = crossSiteRefusal(request);
  if (refusal) return refusal;
  const verdict = await limitExplain(limitKeyOf(request));
  if (!verdict.allowed) {
    webLog.warn({ event: 'explain_limited' }, 'explanations refused: rate limit');
    return rateLimited(verdict, 'menu explanations');
  }
  const body = await readJsonBody(request, 64 * 1024, 'the names');
  if (!body.ok) return body.response;
  const parsed = ExplainRequestSchema.safeParse(body.value);
  if (!parsed.success) return errorResponse('invalid_payload', describeZodError(parsed.error));
  try {
    const explanations = await explainMenu(parsed.data.names, parsed.data.language);
    return Response.json({ explanations });
  } catch (err) {
    webLog.error({ err, event: 'explain_failed' }, 'explain failed');
    return errorResponse('unavailable', 'Dishes cannot be explained right now; the menu is saved without.');
  }
}
