import { render } from 'preact';
import { App } from './app';
import { applyDocumentLang, lang, loadLang } from './i18n';
import './styles.css';

// The saved language's catalog first (French and Arabic are fetched apart); English if it cannot be.
loadLang(lang())
  .catch(() => undefined)
  .then(() => {
    applyDocumentLang();
    render(<App />, document.getElementById('app')!);
  });
