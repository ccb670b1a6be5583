'use client';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { type TextProblem, textProblem } from '@/lib/protocolValues';

/** Says a text problem in the person's language. */
export function useTextProblemMessage(): (problem: TextProblem, max: number) => string {
  const t = useTranslations('TextProblems');
  return useCallback((problem, max) => t(problem, { max }), [t]);
}

/**
 * The forms' check of a text before it is sent: the same rules as the schema the server applies
 * (textProblem), said in the person's language. Null when the text is fine.
 */
export function useTextCheck(): (
  text: string,
  max: number,
  options?: { allowEmpty?: boolean },
) => string | null {
  const say = useTextProblemMessage();
  return useCallback(
    (text, max, options) => {
      const problem = textProblem(text, max, options);
      return problem ? say(problem, max) : null;
    },
    [say],
  );
}
