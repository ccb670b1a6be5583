'use client';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { textProblem } from '@/lib/protocol';

/**
 * The forms' check of a text before it is sent: the same rules as the schema the server applies
 * (textProblem), said in the person's language. Null when the text is fine.
 */
export function useTextCheck(): (
  text: string,
  max: number,
  options?: { allowEmpty?: boolean },
) => string | null {
  const t = useTranslations('TextProblems');
  return useCallback(
    (text, max, options) => {
      const problem = textProblem(text, max, options);
      return problem ? t(problem, { max }) : null;
    },
    [t],
  );
}
