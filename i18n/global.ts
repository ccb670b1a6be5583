// Types next-intl checks against: only supported locales, and only message keys that exist in en.json.
import type messages from '../messages/en.json';
import type { AppLocale } from './locales';

declare module 'next-intl' {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof messages;
  }
}
