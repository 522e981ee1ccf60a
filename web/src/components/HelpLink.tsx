// "What do the levels mean?" beside a field rated on the method's scale: opens the help page's
// section in a new tab, so the wizard and whatever is typed in it stay as they are.
import { t } from '../i18n';
import { href } from '../router';

export function HelpLink({ section, label }: { section: 'likelihood' | 'impact' | 'pc'; label?: string }) {
  return (
    <a class="help-ref" href={href('/help?s=' + section)} target="_blank" rel="noopener" data-help-link={section}>
      {label ?? t('help.levels_link')}
      <span class="visually-hidden"> {t('help.new_tab')}</span>
    </a>
  );
}
